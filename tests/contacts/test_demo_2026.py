"""The demo province has the 2026 shape: province → communes, no district; regional
media centres under the Department (the reviewer), each serving several communes; the
province's newspaper and radio-TV are one agency."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from contacts.models import Organisation, OrgLevel, PressAgency, PressContact

pytestmark = pytest.mark.django_db


def test_the_demo_province_has_no_district_and_regional_centres(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    names = list(Organisation.objects.values_list("name", flat=True))
    assert [name for name in names if "huyện" in name.lower()] == []
    assert not OrgLevel.objects.filter(name__iexact="Huyện").exists()
    province = Organisation.objects.get(parent=None)
    department = Organisation.objects.get(name__startswith="Sở Văn hóa, Thể thao và Du lịch")
    assert department.parent == province
    for centre in Organisation.objects.filter(is_newsroom=True):
        assert centre.parent == department
        communes = Organisation.objects.filter(centre=centre, level__is_locality=True)
        assert communes.count() >= 3
        assert {commune.parent for commune in communes} == {province}
    reviewer = get_user_model().objects.get(username="reviewer")
    assert reviewer.organisation == department
    merged = PressAgency.objects.get(name="Báo và Phát thanh, Truyền hình Quảng Ngãi")
    assert PressContact.objects.filter(press_agency=merged).count() == 3
    assert not PressAgency.objects.filter(name__icontains="Kon Tum").exists()
