"""The leaders' calendar: dry run, comparison of versions, applying, covering."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from events.enums import CalendarVersionState, NoticeChangeKind, NoticeStatus, ReceivedVia, Verdict
from events.models import CalendarItem, CalendarVersion, Notice
from events.services.leaders import (
    CHANGE_REASON,
    apply_version,
    compare_with_current,
    cover_item,
    prepare_import,
)
from newsroom.services.assignments import assign_reporter
from portal.models import Notification
from tests.events import leaders_samples as samples
from tests.factories import AgencyFactory, AgencyStaffFactory

pytestmark = pytest.mark.django_db
# Tuesday 01/12/2026 09:00 in Hà Nội: the calendar for the week of 07/12 arrives.
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
    return world


def local(day, hour, minute=0):
    return timezone.make_aware(datetime(2026, 12, day, hour, minute))


def draft_of(world, data, name="lich.xlsx"):
    return prepare_import(
        issuer=world.office, by=world.clerk, week_start=samples.WEEK, data=data, file_name=name
    )


def applied(world, data):
    draft = draft_of(world, data)
    apply_version(draft, by=world.clerk)
    draft.refresh_from_db()
    return draft


def summary(item):
    return (item.starts_at, item.content, item.place)


def test_an_import_is_a_dry_run_owned_by_its_uploader_until_confirmed(office):
    draft = draft_of(office, samples.xlsx_day_headings())
    assert (draft.state, draft.created_by, draft.expires_at, draft.number) == (
        CalendarVersionState.DRAFT,
        office.clerk,
        NOW + timedelta(hours=24),
        None,
    )
    assert [summary(i) for i in draft.items.all()] == [
        (local(8, 8), "Họp Hội đồng thi đua", "Phòng họp số 1"),
        (local(9, 15, 30), "Tiếp đoàn công tác của tỉnh", "Hội trường huyện"),
    ]
    assert draft.problems == [
        {"row": 4, "reason": "Không đọc được giờ.", "text": "lúc nào đó"},
        {
            "row": 7,
            "reason": "Dòng này không có nội dung.",
            "text": "16h |  | Phó Chủ tịch B | Hội trường huyện",
        },
    ]


def test_a_bad_file_saves_nothing_and_says_why(office):
    with pytest.raises(ValidationError) as error:
        draft_of(office, b"just text", name="lich.txt")
    assert error.value.messages == [
        "Đây không phải tệp Word (.docx) hay Excel (.xlsx). Hãy lưu lịch ở một trong hai "
        "định dạng đó."
    ]
    assert (CalendarVersion.objects.count(), CalendarItem.objects.count()) == (0, 0)


def test_only_an_issuing_office_may_import(world):
    with pytest.raises(ValidationError):
        prepare_import(
            issuer=world.agency,
            by=world.agency_user,
            week_start=samples.WEEK,
            data=samples.xlsx_merged_days(),
            file_name="x.xlsx",
        )
    assert CalendarVersion.objects.count() == 0


def test_expired_dry_runs_are_purged_by_the_next_import(office, frozen_clock):
    draft_of(office, samples.xlsx_merged_days())
    frozen_clock.shift(timedelta(hours=25))
    second = draft_of(office, samples.xlsx_merged_days())
    assert list(CalendarVersion.objects.all()) == [second]


def test_applying_makes_the_first_version_current(office):
    version = applied(office, samples.xlsx_merged_days())
    assert (version.state, version.number, version.applied_by) == (
        CalendarVersionState.APPLIED,
        1,
        office.clerk,
    )


def test_a_second_version_is_compared_with_the_first(office):
    applied(office, samples.xlsx_merged_days())
    comparison = compare_with_current(draft_of(office, samples.xlsx_version_two()))
    assert [summary(i) for i in comparison.added] == [
        (local(10, 8), "Kiểm tra an toàn thực phẩm", "Chợ trung tâm")
    ]
    assert [(summary(o), summary(n), f) for o, n, f in comparison.changed] == [
        (
            (local(7, 14), "Họp bàn phòng chống thiên tai", "Phòng họp số 1"),
            (local(7, 15, 30), "Họp bàn phòng chống thiên tai", "Phòng họp số 2"),
            ["starts_at", "place"],
        )
    ]
    assert [summary(i) for i in comparison.removed] == [
        (local(11, 7, 30), "Giám sát bầu cử thôn", "Thôn Mẫu Hai")
    ]
    assert [summary(n) for _o, n in comparison.unchanged] == [
        (local(7, 7, 30), "Chào cờ đầu tuần", "Sân trụ sở"),
        (local(12, 9), "Dự ngày hội đại đoàn kết", "Thôn Mẫu Ba"),
    ]


def test_covering_an_item_submits_a_notice_received_with_the_calendar(office, frozen_clock):
    version = applied(office, samples.xlsx_merged_days())
    frozen_clock.shift(timedelta(days=2))  # the director picks items two days later
    item = version.items.get(content="Họp bàn phòng chống thiên tai")
    notice = cover_item(item, by=office.director)
    assert (
        notice.agency,
        notice.centre,
        notice.received_via,
        notice.received_at,
        notice.starts_at,
        notice.ends_at,
        notice.address,
        notice.leaders_attending,
        notice.verdict,
        notice.status,
    ) == (
        office.office,
        office.centre,
        ReceivedVia.LEADERS_CALENDAR,
        NOW,
        local(7, 14),
        local(7, 16),
        "Phòng họp số 1",
        "Phó Chủ tịch B",
        Verdict.ON_TIME,
        NoticeStatus.RECEIVED,
    )
    assert cover_item(item, by=office.director) == notice  # twice: the same notice
    assert Notice.objects.count() == 1


def test_a_calendar_received_late_gives_a_late_notice(office, frozen_clock):
    frozen_clock.move_to(timezone.make_aware(datetime(2026, 12, 7, 7, 0)))
    version = applied(office, samples.xlsx_merged_days())
    item = version.items.get(content="Chào cờ đầu tuần")  # 07:30 the same morning
    assert cover_item(item, by=office.director).verdict == Verdict.LATE


def reporter_kinds(world):
    return list(
        Notification.objects.filter(recipient=world.reporter).values_list("kind", flat=True)
    )


def test_applying_a_new_version_moves_and_cancels_covered_notices_and_tells_reporters(
    office, django_capture_on_commit_callbacks
):
    first = applied(office, samples.xlsx_merged_days())
    moved = cover_item(first.items.get(content="Họp bàn phòng chống thiên tai"), by=office.director)
    dropped = cover_item(first.items.get(content="Giám sát bầu cử thôn"), by=office.director)
    kept = cover_item(first.items.get(content="Chào cờ đầu tuần"), by=office.director)
    for notice in (moved, dropped):
        assign_reporter(notice, office.reporter, by=office.director)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        second = applied(office, samples.xlsx_version_two())
    moved.refresh_from_db()
    dropped.refresh_from_db()
    assert (moved.starts_at, moved.address, moved.status) == (
        local(7, 15, 30),
        "Phòng họp số 2",
        NoticeStatus.ASSIGNED,
    )
    assert (dropped.status, dropped.cancel_reason) == (NoticeStatus.CANCELLED, CHANGE_REASON)
    assert sorted(reporter_kinds(office)) == [
        "assignment_cancelled",
        "assignment_changed",
        "assignment_changed",
    ]
    assert list(moved.changes.values_list("kind", "reason")) == [
        (NoticeChangeKind.RELOCATED, CHANGE_REASON),
        (NoticeChangeKind.RESCHEDULED, CHANGE_REASON),
    ]
    # Coverage follows the items into the new version.
    assert {i.content: i.notice for i in second.items.exclude(notice=None)} == {
        "Họp bàn phòng chống thiên tai": moved,
        "Chào cờ đầu tuần": kept,
    }
    first.refresh_from_db()
    assert first.state == CalendarVersionState.SUPERSEDED


def test_a_dry_run_is_applied_once_and_only_by_its_uploader(office):
    draft = draft_of(office, samples.xlsx_merged_days())
    colleague = AgencyStaffFactory(username="clerk2", organisation=office.office)
    with pytest.raises(ValidationError):
        apply_version(draft, by=colleague)
    apply_version(draft, by=office.clerk)
    with pytest.raises(ValidationError):
        apply_version(draft, by=office.clerk)
    assert CalendarVersion.objects.get().number == 1
