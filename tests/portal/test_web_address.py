"""Every link field accepts a bare address: a text input with the URL keyboard, and the
server puts https:// in front."""

import pytest
from django import forms

from contacts.forms.agencies import PressAgencyForm
from newsroom.forms.assignments import ReporterNoteForm
from newsroom.forms.monitoring import MonitoringItemForm
from newsroom.forms.publications import PublicationForm
from newsroom.forms.story_publications import StoryPublicationForm
from portal.forms import WebAddressField

LINK_FIELDS = [
    (PressAgencyForm, "website"),
    (ReporterNoteForm, "link"),
    (MonitoringItemForm, "url"),
    (PublicationForm, "link"),
    (StoryPublicationForm, "link"),
]


@pytest.mark.parametrize(("form_class", "name"), LINK_FIELDS)
def test_link_fields_render_as_text_with_the_url_keyboard(form_class, name):
    field = form_class.base_fields[name]
    html = field.widget.render(name, "")
    assert 'type="text"' in html
    assert 'inputmode="url"' in html
    assert 'type="url"' not in html


def test_a_bare_address_is_stored_with_https():
    field = WebAddressField(required=False)
    assert field.clean("baochi.vn/abc") == "https://baochi.vn/abc"
    assert field.clean(" http://baochi.vn ") == "http://baochi.vn"
    assert field.clean("") == ""
    with pytest.raises(forms.ValidationError):
        field.clean("không phải địa chỉ")
