"""Text defects a reader trips over: one word translated two ways (only one of which is
ever shown), a stray space inside brackets, Django's sentences glued with ";", a rule
said twice on one form."""

from collections import defaultdict
from datetime import timedelta

import polib
import pytest
from django import forms
from django.template import Context, Template
from django.utils import timezone, translation

from contacts.services.imports import form_problems
from events.forms.notices import NoticeForm
from tests.portal.test_translations import CATALOGUES, catalogue_id, live_entries


def test_a_text_has_one_translation_across_our_catalogues():
    """Django merges the catalogues and keeps one translation per text: a second one is
    never shown (the monitoring page read "Đã đăng phát trên 30/11/2026"). Where the
    meaning differs, the source gives a context (pgettext, `translate … context`)."""
    seen = defaultdict(dict)
    for path in CATALOGUES:
        for entry in live_entries(polib.pofile(str(path))):
            if entry.msgstr:
                seen[(entry.msgctxt, entry.msgid)][catalogue_id(path)] = entry.msgstr
    assert {key: found for key, found in seen.items() if len(set(found.values())) > 1} == {}


def test_the_monitoring_page_shows_a_date_label_for_the_publication_date():
    with translation.override("vi"):
        assert translation.pgettext("date", "Published on") == "Ngày đăng"


@pytest.mark.parametrize(
    ("minutes", "text"), [(71 + 24 * 60, "còn 1 ngày 1 giờ 11 phút"), (-5, "đã bắt đầu")]
)
def test_time_left_reads_without_a_stray_space(minutes, text):
    start = timezone.now() + timedelta(minutes=minutes, seconds=30)
    template = Template("{% load portal_tags %}({{ start|starts_in }})")
    with translation.override("vi"):
        assert template.render(Context({"start": start})) == f"({text})"


@pytest.mark.parametrize(("value", "text"), [(None, "—"), (0, "0 phút"), (125, "2 giờ 5 phút")])
def test_a_missing_duration_reads_as_a_dash_not_as_zero_minutes(value, text):
    template = Template('{% load portal_tags %}{{ value|minutes|default:"—" }}')
    with translation.override("vi"):
        assert template.render(Context({"value": value})) == text


class TwoFields(forms.Form):
    full_name = forms.CharField(label="Họ và tên")
    email = forms.EmailField(label="Thư điện tử")


def test_import_row_errors_read_as_sentences_not_glued_with_semicolons():
    form = TwoFields(data={"full_name": "", "email": "khong-phai"})
    with translation.override("vi"):
        form.is_valid()
        message = form_problems(form)
        required = translation.gettext("This field is required.")
    assert ".;" not in message
    assert message.startswith(f"Họ và tên: {required} Thư điện tử: ")
    assert message.endswith(".")


def test_the_lead_time_rule_is_said_once_on_the_notice_form():
    assert NoticeForm.base_fields["kind"].help_text == ""
