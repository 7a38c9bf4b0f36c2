"""Lead-time compliance: the numbers, who sees which agencies, the export, query counts."""

import re
from datetime import timedelta
from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from events.enums import NoticeKind, NoticeStatus, StoryAction, Verdict
from events.models import StoryDecision
from newsroom.selectors.compliance import (
    centre_totals,
    compliance_rows,
    monthly_trend,
    period_bounds,
    totals,
)
from tests.factories import StoryFactory
from tests.newsroom.helpers import NOW, at, notice_at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def make(world, agency, verdict, lead, day=10, kind=NoticeKind.PLANNED, **kwargs):
    notice = notice_at(world, at(day, 8), at(day, 9), agency=agency, kind=kind, **kwargs)
    notice.verdict, notice.lead_minutes = verdict, lead
    notice.save()
    return notice


@pytest.fixture
def november(world):
    make(world, world.agency, Verdict.ON_TIME, 2000)
    make(world, world.agency, Verdict.ON_TIME, 3000)
    make(world, world.agency, Verdict.LATE, 100, kind=NoticeKind.URGENT)
    make(world, world.agency, Verdict.EXEMPT, -30, kind=NoticeKind.EMERGENCY)
    make(world, world.agency2, Verdict.LATE, 600)
    make(world, world.agency2, Verdict.AFTER_THE_FACT, -60)
    make(world, world.agency2, Verdict.ON_TIME, 2000, status=NoticeStatus.CANCELLED)
    make(
        world,
        world.agency_other,
        Verdict.ON_TIME,
        1500,
        locality=world.locality2,
        created_by=world.agency_other_user,
    )
    make(world, world.agency, Verdict.ON_TIME, 5000, day=2)  # outside: October? no, 2 Nov


def test_period_bounds_are_local_months_quarters_and_years():
    start, end = period_bounds("quarter", 2026, 4)
    assert (start.isoformat(), end.isoformat()) == (
        "2026-10-01T00:00:00+07:00",
        "2027-01-01T00:00:00+07:00",
    )
    start, end = period_bounds("month", 2026, 12)
    assert (start.month, end.year, end.month) == (12, 2027, 1)


def test_rows_count_rank_and_median_per_agency(world, november):
    start, end = period_bounds("month", 2026, 11)
    rows = compliance_rows([world.centre.pk], start, end)
    summary = [
        (
            r.rank,
            r.name,
            r.total,
            r.on_time,
            r.late,
            r.after_fact,
            r.exempt,
            r.on_time_rate,
            r.urgent_share,
            r.median_lead_minutes,
        )
        for r in rows
    ]
    assert summary == [
        (1, "Phòng Văn hóa và Thông tin", 5, 3, 1, 0, 1, 75.0, 20.0, 2000),
        (2, "UBND xã Tân Lập", 2, 0, 1, 1, 0, 0.0, 0.0, 270),
        (3, "Xã Đăk Ruồng", 0, 0, 0, 0, 0, None, None, None),  # silent, ranked last
    ]
    assert [r.silent for r in rows] == [False, False, True]


def test_monthly_trend_has_every_month(world, november):
    start, end = period_bounds("year", 2026)
    trend = monthly_trend([world.centre.pk], start, end)
    assert len(trend) == 12
    assert (trend[10]["total"], trend[10]["on_time"], trend[9]["total"]) == (7, 3, 0)


def test_agency_staff_see_only_their_agency(client_for, world, november):
    page = client_for(world.agency2_user).get(reverse("newsroom:compliance"))
    assert [r.name for r in page.context["rows"]] == ["UBND xã Tân Lập"]


def test_director_sees_own_centre_and_reviewer_sees_every_centre(client_for, world, november):
    page = client_for(world.director2).get(reverse("newsroom:compliance"))
    rows = page.context["rows"]
    assert [(r.name, r.silent) for r in rows] == [
        ("Phòng VH-TT Đắk Hà", False),
        ("Xã Hà Mòn", True),
    ]
    assert "không có thông báo trong kỳ" in page.content.decode()
    page = client_for(world.reviewer).get(reverse("newsroom:compliance"))
    assert page.context["scope"].across_centres is True
    assert [c.name for c in page.context["centres"]] == [
        "Trung tâm VH-TT-DL&TT huyện Đắk Hà",
        "Trung tâm VH-TT-DL&TT huyện Kon Rẫy",
    ]
    assert 'data-testid="centre-chart"' in page.content.decode()
    assert 'data-testid="trend-chart"' in page.content.decode()


def test_reporters_cannot_read_compliance(client_for, world):
    assert client_for(world.reporter).get(reverse("newsroom:compliance")).status_code == 403


def test_bad_period_is_a_message_not_a_crash(client_for, world):
    response = client_for(world.director).get(
        reverse("newsroom:compliance"), {"period": "quarter", "number": "7", "year": "2026"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"number": ["Hãy chọn quý từ 1 đến 4."]}


def story_steps(world, agency, *actions, when=None):
    """A story of `agency` that went through `actions` at `when` (12/11 by default)."""
    story = StoryFactory(agency=agency)
    for action in actions:
        StoryDecision.objects.create(
            story=story, action=action, by=world.director, at=when or at(12, 9)
        )
    return story


@pytest.fixture
def stories(world):
    sent, returned, published = StoryAction.SUBMITTED, StoryAction.RETURNED, StoryAction.PUBLISHED
    story_steps(world, world.agency, sent, returned, sent, published)
    story_steps(world, world.agency, sent)
    story_steps(world, world.agency2, sent, returned)
    story_steps(world, world.agency, sent, when=at(30, 9) + timedelta(days=2))  # December
    story_steps(world, world.agency_other, sent)  # the other centre


def test_contributor_activity_per_agency_appears_for_the_period(client_for, world, stories):
    page = client_for(world.director).get(
        reverse("newsroom:compliance"), {"period": "month", "number": 11, "year": 2026}
    )
    assert [
        (a["agency"], a["sent"], a["returned"], a["published"]) for a in page.context["activity"]
    ] == [
        ("Phòng Văn hóa và Thông tin", 2, 1, 1),
        ("UBND xã Tân Lập", 1, 1, 0),
    ]
    assert "Tin cộng tác viên" in page.content.decode()


def test_agency_staff_see_only_their_own_contributor_activity(client_for, world, stories):
    page = client_for(world.agency2_user).get(
        reverse("newsroom:compliance"), {"period": "month", "number": 11, "year": 2026}
    )
    assert [a["agency"] for a in page.context["activity"]] == ["UBND xã Tân Lập"]


def test_no_stories_is_an_empty_state_not_an_empty_table(client_for, world):
    page = client_for(world.director).get(reverse("newsroom:compliance"))
    assert page.context["activity"] == []
    assert "Không có tin cộng tác viên nào" in page.content.decode()


def test_excel_export_has_the_contributor_sheet(client_for, world, stories):
    response = client_for(world.director).get(
        reverse("newsroom:compliance_export"), {"period": "month", "number": 11, "year": 2026}
    )
    sheet = load_workbook(BytesIO(response.content)).worksheets[1]
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=3)] == [
        ["Phòng Văn hóa và Thông tin", 2, 1, 1],
        ["UBND xã Tân Lập", 1, 1, 0],
    ]


def test_excel_export_has_the_ranked_rows(client_for, world, november):
    response = client_for(world.director).get(
        reverse("newsroom:compliance_export"), {"period": "month", "number": 11, "year": 2026}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert [v[:8] for v in values] == [
        [1, "Phòng Văn hóa và Thông tin", "Trung tâm VH-TT-DL&TT huyện Kon Rẫy", 5, 3, 1, 0, 1],
        [2, "UBND xã Tân Lập", "Trung tâm VH-TT-DL&TT huyện Kon Rẫy", 2, 0, 1, 1, 0],
        [3, "Xã Đăk Ruồng", "Trung tâm VH-TT-DL&TT huyện Kon Rẫy", 0, 0, 0, 0, 0],  # silent
        [None, "Tổng cộng", None, 7, 3, 2, 1, 1],
    ]


@pytest.mark.parametrize("agencies", [1, 6])
def test_compliance_queries_do_not_grow_with_rows(
    client_for, world, agencies, django_assert_num_queries
):
    from tests.factories import AgencyFactory

    for index in range(agencies):
        agency = AgencyFactory(centre=world.centre)
        make(world, agency, Verdict.ON_TIME, 2000 + index)
        story_steps(world, agency, StoryAction.SUBMITTED, StoryAction.PUBLISHED, when=NOW)
    client = client_for(world.reviewer)
    # +1 otp device, +1 the mergers after the period's start; one read of the rollup
    # serves the table, the total, the centres and the year's trend
    with django_assert_num_queries(13):
        response = client.get(reverse("newsroom:compliance"))
    assert len([r for r in response.context["rows"] if not r.silent]) == agencies
    assert len(response.context["activity"]) == agencies


def test_a_provinces_agencies_are_shown_fifty_a_page_and_the_export_has_them_all(client_for, world):
    from tests.factories import AgencyFactory

    for index in range(52):
        agency = AgencyFactory(centre=world.centre, name=f"Xã số {index:02d}")
        make(world, agency, Verdict.ON_TIME, 2000 + index)
        story_steps(world, agency, StoryAction.SUBMITTED, when=NOW)
    client = client_for(world.reviewer)
    first = client.get(reverse("newsroom:compliance"))
    agencies = len(first.context["rows"])  # the 52 and the world's own
    assert [row.rank for row in first.context["page"]] == list(range(1, 51))
    assert first.context["total"].total == 52  # the totals count every page
    assert "Trang 1/2" in first.content.decode()
    second = client.get(reverse("newsroom:compliance"), {"page": 2, "stories_page": 2})
    assert [row.rank for row in second.context["page"]] == list(range(51, agencies + 1))
    assert len(second.context["activity_page"]) == 2  # 52 agencies with stories: 50 + 2
    # each list's links keep the other list's page and drop their own
    html = second.content.decode()
    assert 'href="?stories_page=2&amp;page=1"' in html
    assert 'href="?page=2&amp;stories_page=1"' in html
    workbook = client.get(reverse("newsroom:compliance_export"), {"page": 2})
    sheet = load_workbook(BytesIO(workbook.content)).active
    # a title, the column headings, every agency and the total
    assert sheet.max_row == 2 + agencies + 1


def test_a_silent_agency_shows_the_contributor_stories_it_sent_instead(client_for, world, stories):
    page = client_for(world.director).get(
        reverse("newsroom:compliance"), {"period": "month", "number": 11, "year": 2026}
    )
    assert [(r.name, r.silent, r.stories_sent) for r in page.context["rows"]] == [
        ("Phòng Văn hóa và Thông tin", True, 2),
        ("UBND xã Tân Lập", True, 1),
        ("Xã Đăk Ruồng", True, 0),
    ]
    shown = re.findall(r'data-testid="silent-stories">\s*([^<]+?)\s*<', page.content.decode())
    assert shown == ["(2 tin cộng tác viên)", "(1 tin cộng tác viên)"]


def test_period_total_median_is_the_median_of_every_notice_not_of_the_rows(world, november):
    start, end = period_bounds("month", 2026, 11)
    total = totals([world.centre.pk], start, end)
    # leads 2000, 3000, 100, -30, 600, -60, 5000: the median is 600
    assert (total.total, total.on_time, total.late, total.median_lead_minutes) == (7, 3, 2, 600)


def test_median_of_an_even_count_is_the_mean_of_the_two_middle_values(world):
    for lead in (100, 200, 301, 1000):
        make(world, world.agency, Verdict.ON_TIME, lead)
    start, end = period_bounds("month", 2026, 11)
    assert totals([world.centre.pk], start, end).median_lead_minutes == 250  # (200+301)/2
    assert [r.median_lead_minutes for r in centre_totals([world.centre.pk], start, end)] == [250]


def test_a_directors_centre_row_is_the_centre_computed_directly(world, november):
    start, end = period_bounds("month", 2026, 11)
    total = totals([world.centre.pk], start, end)
    assert centre_totals([world.centre.pk], start, end, total) == centre_totals(
        [world.centre.pk], start, end
    )
    empty_start, empty_end = period_bounds("month", 2025, 1)
    empty = totals([world.centre.pk], empty_start, empty_end)
    assert centre_totals([world.centre.pk], empty_start, empty_end, empty) == []


def test_a_period_without_notices_has_no_median(world):
    start, end = period_bounds("month", 2026, 11)
    total = totals([world.centre.pk], start, end)
    assert (total.total, total.median_lead_minutes) == (0, None)


@pytest.mark.parametrize("agencies", [1, 6])
def test_director_compliance_and_export_queries_do_not_grow_with_rows(
    client_for, world, agencies, django_assert_num_queries
):
    from tests.factories import AgencyFactory

    for index in range(agencies):
        agency = AgencyFactory(centre=world.centre)
        make(world, agency, Verdict.ON_TIME, 2000 + index)
        story_steps(world, agency, StoryAction.SUBMITTED, StoryAction.PUBLISHED, when=NOW)
    client = client_for(world.director)
    # the period's rollup rows (the table, the total and, for a year, the trend), the
    # agencies' names, activity, the centre's name and the mergers after the period's
    # start on top of the request's own (the centre's figures are the total's)
    with django_assert_num_queries(10):
        response = client.get(reverse("newsroom:compliance"), {"period": "year", "year": 2026})
    assert len([r for r in response.context["rows"] if not r.silent]) == agencies
    with django_assert_num_queries(8):  # no trend and no centre totals; +1 the mergers
        response = client.get(reverse("newsroom:compliance_export"))
    assert response.status_code == 200


def test_an_empty_period_shows_a_dash_for_the_rate_not_a_dash_with_a_percent_sign(
    client_for, world
):
    page = client_for(world.director).get(
        reverse("newsroom:compliance"), {"period": "month", "number": 1, "year": 2026}
    )
    assert page.context["total"].on_time_rate is None
    assert "—%" not in page.content.decode()


def test_a_period_before_a_merger_shows_the_old_agency_under_its_old_name(client_for, world):
    """Đắk Hà merged into Hà Mòn by a decision dated 1 July 2026: June's report still has
    Đắk Hà's row (its old name, not "… (cũ)"), July's counts its notices under Hà Mòn."""
    from datetime import date, datetime

    from contacts.services.merges import apply_merge
    from tests.factories import AgencyFactory

    dak_ha = AgencyFactory(name="UBND xã Đắk Hà", centre=world.centre)
    ha_mon = AgencyFactory(name="UBND xã Hà Mòn", centre=world.centre)

    def on(month, day, agency, verdict):
        start = datetime(2026, month, day, 8, tzinfo=NOW.tzinfo)
        notice = notice_at(world, start, start + timedelta(hours=1), agency=agency)
        notice.verdict, notice.lead_minutes = verdict, 2000
        notice.save()

    on(6, 10, dak_ha, Verdict.ON_TIME)
    on(6, 20, dak_ha, Verdict.LATE)
    on(6, 12, ha_mon, Verdict.ON_TIME)
    on(7, 10, dak_ha, Verdict.LATE)
    apply_merge(
        [dak_ha], ha_mon, decision="NQ 1/2026", decided_on=date(2026, 7, 1), by=world.reviewer
    )

    def summary(month):
        rows = compliance_rows([world.centre.pk], *period_bounds("month", 2026, month))
        return {
            r.name: (r.total, r.on_time, r.late) for r in rows if r.key in (dak_ha.pk, ha_mon.pk)
        }

    assert summary(6) == {"UBND xã Đắk Hà": (2, 1, 1), "UBND xã Hà Mòn": (1, 1, 0)}
    assert summary(7) == {"UBND xã Hà Mòn": (1, 0, 1)}
    page = client_for(world.director).get(
        reverse("newsroom:compliance"), {"period": "month", "number": 6, "year": 2026}
    )
    assert "UBND xã Đắk Hà" in page.content.decode()
    assert "UBND xã Đắk Hà (cũ)" not in page.content.decode()
