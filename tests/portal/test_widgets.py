"""QuickSelect writes the same <select> as Django's template-rendered one."""

import pytest
from django import forms
from django.test import SimpleTestCase

from portal.widgets import QuickSelect

CHOICES = [
    ("", "Tất cả cơ quan"),
    (1, 'UBND xã "Tân Lập" & <Đăk Ruồng>'),
    (2, "Phòng Văn hóa"),
    ("Nhóm", [("a", "Một"), ("b", "Hai")]),
]


@pytest.mark.parametrize("value", [None, "", 1, "2", "b"])
def test_quick_select_is_djangos_select(value):
    attrs = {"class": "form-select form-select-sm", "id": "id_agency", "required": True}
    django = forms.Select(attrs=attrs, choices=CHOICES).render("agency", value)
    quick = QuickSelect(attrs=attrs, choices=CHOICES).render("agency", value)
    SimpleTestCase().assertHTMLEqual(quick, django)
    assert "&lt;Đăk Ruồng&gt;" in quick and "selected" in quick


def test_a_bound_filter_field_renders_through_it():
    class Filter(forms.Form):
        agency = forms.ChoiceField(choices=CHOICES, required=False, widget=QuickSelect)

    html = str(Filter({"agency": "2"})["agency"])
    SimpleTestCase().assertHTMLEqual(
        html, str(forms.Select(choices=CHOICES).render("agency", "2", {"id": "id_agency"}))
    )
