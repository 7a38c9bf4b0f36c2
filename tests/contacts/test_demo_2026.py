"""The demo province has the 2026 shape: province → communes, no district; regional
media centres under the Department (the reviewer), each serving several communes; the
province's newspaper and radio-TV are one agency."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from contacts.models import Organisation, OrgLevel, PressAgency, PressContact
from events.enums import StoryStatus
from events.models import Notice, Story
from events.selectors.notices import notices_for
from events.selectors.stories import stories_for

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


def test_the_demo_reviewer_reads_the_whole_demo_province(settings):
    """Every demo organisation is of the one province, the reviewer's (the Department's):
    the demo reviewer reads every demo notice and story, as before the province scope."""
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    province = Organisation.objects.get(parent=None)
    assert set(Organisation.objects.values_list("province", flat=True)) == {province.pk}
    reviewer = get_user_model().objects.get(username="reviewer")
    assert Notice.objects.exists()
    assert notices_for(reviewer).count() == Notice.objects.count()
    assert stories_for(reviewer).count() == Story.objects.exclude(status=StoryStatus.DRAFT).count()
