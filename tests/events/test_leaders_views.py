"""The leaders' calendar pages: who may import, compare, apply and cover; outsiders."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from events.enums import CalendarVersionState, ReceivedVia
from events.models import CalendarItem, CalendarVersion, Notice
from events.services.leaders import apply_version, cover_item, prepare_import
from tests.events import leaders_samples as samples
from tests.factories import AgencyFactory, AgencyStaffFactory

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False) as traveller, translation.override("vi"):
        yield traveller


@pytest.fixture
def office(world):
    world.office = AgencyFactory(
        name="Văn phòng HĐND và UBND huyện", centre=world.centre, issues_leaders_calendar=True
    )
    world.clerk = AgencyStaffFactory(username="clerk", organisation=world.office)
    world.office2 = AgencyFactory(
        name="Văn phòng UBND huyện khác", centre=world.centre2, issues_leaders_calendar=True
    )
    world.clerk2 = AgencyStaffFactory(username="clerk2", organisation=world.office2)
    return world


def upload(client, data, name="lich.xlsx", week="2026-12-07"):
    return client.post(
        reverse("events:leaders_import"),
        {"week_start": week, "file": SimpleUploadedFile(name, data)},
    )


def current(world, data=None):
    draft = prepare_import(
        issuer=world.office,
        by=world.clerk,
        week_start=samples.WEEK,
        data=data or samples.xlsx_merged_days(),
        file_name="lich.xlsx",
    )
    apply_version(draft, by=world.clerk)
    draft.refresh_from_db()
    return draft


def test_the_office_uploads_sees_the_dry_run_and_confirms(office, client_for):
    client = client_for(office.clerk)
    response = upload(client, samples.docx_merged_days(), name="lich.docx")
    draft = CalendarVersion.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("events:leaders_draft", args=[draft.pk])
    page = client.get(response.url)
    assert [i.content for i in page.context["items"]] == [
        "Họp giao ban tuần",
        "Làm việc với xã Mẫu Một",
        "Tiếp công dân định kỳ",
        "Hội nghị sơ kết quý",
    ]
    assert "Họp giao ban tuần" in page.text
    response = client.post(reverse("events:leaders_apply", args=[draft.pk]))
    draft.refresh_from_db()
    assert (response.url, draft.state, draft.number) == (
        reverse("events:leaders_week", args=[draft.pk]),
        CalendarVersionState.APPLIED,
        1,
    )


def test_a_bad_file_is_refused_with_a_message_and_nothing_is_saved(office, client_for):
    response = upload(client_for(office.clerk), b"not a calendar", name="lich.pdf")
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "file": [
            "Đây không phải tệp Word (.docx) hay Excel (.xlsx). Hãy lưu lịch ở một trong hai "
            "định dạng đó."
        ]
    }
    assert CalendarVersion.objects.count() == 0


def test_a_week_not_starting_on_monday_is_refused(office, client_for):
    response = upload(client_for(office.clerk), samples.xlsx_merged_days(), week="2026-12-08")
    assert response.context["form"].errors == {"week_start": ["Tuần bắt đầu từ thứ Hai."]}
    assert CalendarVersion.objects.count() == 0


def test_the_second_version_shows_what_changed_before_applying(office, client_for):
    current(office)
    client = client_for(office.clerk)
    upload(client, samples.xlsx_version_two())
    draft = CalendarVersion.objects.get(state=CalendarVersionState.DRAFT)
    comparison = client.get(reverse("events:leaders_draft", args=[draft.pk])).context["comparison"]
    assert (
        [i.content for i in comparison.added],
        [n.content for _o, n, _f in comparison.changed],
        [i.content for i in comparison.removed],
    ) == (
        ["Kiểm tra an toàn thực phẩm"],
        ["Họp bàn phòng chống thiên tai"],
        ["Giám sát bầu cử thôn"],
    )


@pytest.mark.parametrize("who", ["agency_user", "director", "reporter", "director2", "reviewer"])
def test_only_the_issuing_offices_staff_may_import(office, client_for, who):
    response = upload(client_for(getattr(office, who)), samples.xlsx_merged_days())
    assert (response.status_code, CalendarVersion.objects.count()) == (403, 0)


@pytest.mark.parametrize("who", ["director", "clerk2", "director2", "reporter"])
def test_a_dry_run_is_only_its_uploaders(office, client_for, who):
    draft = prepare_import(
        issuer=office.office,
        by=office.clerk,
        week_start=samples.WEEK,
        data=samples.xlsx_merged_days(),
        file_name="x.xlsx",
    )
    client = client_for(getattr(office, who))
    assert client.get(reverse("events:leaders_draft", args=[draft.pk])).status_code == 404
    assert client.post(reverse("events:leaders_apply", args=[draft.pk])).status_code == 404
    draft.refresh_from_db()
    assert draft.state == CalendarVersionState.DRAFT


def test_the_director_covers_an_item_and_sees_its_notice(office, client_for, frozen_clock):
    version = current(office)
    frozen_clock.shift(timedelta(hours=5))
    item = version.items.get(content="Chào cờ đầu tuần")
    client = client_for(office.director)
    response = client.post(reverse("events:leaders_cover", args=[item.pk]))
    notice = Notice.objects.get()
    assert (response.url, notice.received_via, notice.received_at) == (
        reverse("events:leaders_week", args=[version.pk]),
        ReceivedVia.LEADERS_CALENDAR,
        NOW,
    )
    page = client.get(reverse("events:leaders_week", args=[version.pk]))
    assert reverse("events:detail", args=[notice.pk]) in page.text
    assert page.text.count('data-testid="covered"') == 1


def test_the_issuer_and_the_reviewer_read_the_week_but_cannot_cover(office, client_for):
    version = current(office)
    item = version.items.first()
    for user in (office.clerk, office.reviewer, office.reporter):
        client = client_for(user)
        assert client.get(reverse("events:leaders_week", args=[version.pk])).status_code == 200
        assert client.post(reverse("events:leaders_cover", args=[item.pk])).status_code == 403
    assert Notice.objects.count() == 0


@pytest.mark.parametrize("who", ["director2", "clerk2", "agency_user"])
def test_outsiders_get_404_on_the_week_and_its_items(office, client_for, who):
    version = current(office)
    item = version.items.first()
    client = client_for(getattr(office, who))
    assert client.get(reverse("events:leaders_week", args=[version.pk])).status_code == 404
    assert client.post(reverse("events:leaders_cover", args=[item.pk])).status_code == 404
    assert Notice.objects.count() == 0


def test_the_list_page_is_for_calendar_readers_only(office, client_for):
    assert client_for(office.agency_user).get(reverse("events:leaders_list")).status_code == 403


def make_weeks(world, count):
    for week in range(count):
        version = CalendarVersion.objects.create(
            issuer=world.office,
            week_start=samples.WEEK + timedelta(weeks=week),
            number=1,
            state=CalendarVersionState.APPLIED,
            received_at=NOW,
            file_name="x.xlsx",
            created_by=world.clerk,
            applied_by=world.clerk,
        )
    return version


@pytest.mark.parametrize("weeks", [1, 5])
def test_the_list_queries_do_not_grow_with_weeks(
    office, client_for, django_assert_num_queries, weeks
):
    make_weeks(office, weeks)
    client = client_for(office.director)
    # session, user, navbar organisation, model permissions (user, group: the page asks
    # has_perm), count, unread count, page, drafts
    with django_assert_num_queries(10):  # +1: django-otp loads the verified session's device
        response = client.get(reverse("events:leaders_list"))
    assert len(response.context["page"]) == weeks


@pytest.mark.parametrize("items", [1, 10])
def test_the_week_page_queries_do_not_grow_with_items(
    office, client_for, django_assert_num_queries, items
):
    version = make_weeks(office, 1)
    for n in range(items):
        item = CalendarItem.objects.create(
            version=version,
            starts_at=timezone.make_aware(datetime(2026, 12, 7, 8)) + timedelta(hours=n),
            content=f"Việc số {n}",
        )
        if n % 2 == 0:
            cover_item(item, by=office.director)
    client = client_for(office.director)
    # session, user, navbar organisation, unread count, version, items with their notices
    with django_assert_num_queries(7):  # +1: django-otp loads the verified session's device
        response = client.get(reverse("events:leaders_week", args=[version.pk]))
    assert response.text.count('data-testid="covered"') == (items + 1) // 2


def test_an_item_given_only_as_a_session_shows_the_session(office, client_for):
    version = current(office, samples.docx_sessions_multi())
    page = client_for(office.director).get(reverse("events:leaders_week", args=[version.pk]))
    sessions = re.findall(r'data-testid="session">\s*(\S+)\s*</span>', page.text)
    assert sessions == ["Chiều", "Chiều"]


def test_the_uploader_discards_a_dry_run_and_nothing_remains(office, client_for):
    client = client_for(office.clerk)
    upload(client, samples.xlsx_merged_days())
    draft = CalendarVersion.objects.get()
    response = client.post(reverse("events:leaders_discard", args=[draft.pk]))
    assert (response.url, CalendarVersion.objects.count(), CalendarItem.objects.count()) == (
        reverse("events:leaders_list"),
        0,
        0,
    )


def test_the_centres_week_shows_the_leaders_calendar_in_its_own_lane(office, client_for):
    version = make_weeks(office, 1)
    CalendarItem.objects.create(
        version=version,
        starts_at=timezone.make_aware(datetime(2026, 12, 8, 8)),
        content="Họp Ban Thường vụ",
        leaders="Bí thư",
        place="Phòng họp số 1",
    )
    monday = timezone.localdate(version.items.get().starts_at) - timedelta(days=1)
    week = f"{monday.isocalendar().year}-W{monday.isocalendar().week:02d}"
    response = client_for(office.director).get(reverse("newsroom:week"), {"week": week})
    lane = [[item.title for item in day] for day in response.context["grid"].items_by_day]
    assert lane[1] == ["Họp Ban Thường vụ"]
    assert reverse("events:leaders_week", args=[version.pk]) in response.content.decode()
    # An outsider centre's week does not show it.
    other = client_for(office.director2).get(reverse("newsroom:week"), {"week": week})
    assert not other.context["grid"].has_items


def test_the_navbar_offers_the_leaders_calendar_to_those_who_use_it(office, client_for):
    home = reverse("events:list")
    for user in (office.clerk, office.director, office.reporter):
        assert 'data-testid="nav-leaders-calendar"' in client_for(user).get(home).text
    assert 'data-testid="nav-leaders-calendar"' not in client_for(office.agency_user).get(home).text
