"""Assigning reporters: the double-booking rule, overrides, and what everyone is told."""

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from events.enums import NoticeStatus
from events.services.notices import cancel_notice, update_notice
from newsroom.enums import AssignmentRole, AssignmentStatus, DeclineReason, OverrideKind
from newsroom.models import Assignment, NoticeDecision
from newsroom.selectors.assignments import centre_conflicts
from newsroom.services.assignments import (
    assign_reporter,
    confirm,
    mark_covered,
    reassign,
    unassign,
)
from newsroom.services.triage import decline_notice
from newsroom.signals import assignment_changed
from tests.factories import ReporterFactory
from tests.newsroom.helpers import NOW, at, notice_at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock_in_vietnamese():
    """Messages are asserted as the director reads them (services use the active language)."""
    with time_machine.travel(NOW, tick=False), translation.override("vi"):
        yield


@pytest.fixture
def morning(world):
    """08:00–10:00 on 25/11: with the 60-minute buffer the reporter is away 07:00–11:00."""
    return notice_at(world, at(25, 8), at(25, 10), title="Hội nghị buổi sáng")


def assign(world, notice, reporter=None, **kwargs):
    return assign_reporter(notice, reporter or world.reporter, by=world.director, **kwargs)


# --- Windows and overlaps -----------------------------------------------------------------


def test_window_is_the_notice_time_plus_the_travel_buffer(world, morning):
    assignment = assign(world, morning)
    assert (assignment.window_start, assignment.window_end) == (at(25, 7), at(25, 11))


def test_touching_windows_do_not_clash(world, morning):
    assign(world, morning)
    noon = notice_at(world, at(25, 12), at(25, 13))  # window starts 11:00, exactly the end
    assert assign(world, noon).status == AssignmentStatus.ACTIVE


def test_one_minute_of_overlap_is_refused_and_names_the_other_notice(world, morning):
    assign(world, morning)
    noon = notice_at(world, at(25, 11, 59), at(25, 13))  # window starts 10:59
    with pytest.raises(ValidationError) as refused:
        assign(world, noon)
    assert refused.value.messages == [
        f"{world.reporter.display_name} đã được phân công “Hội nghị buổi sáng” "
        "(25/11/2026 07:00 – 25/11/2026 11:00, đã tính thời gian di chuyển) vào thời gian này. "
        "Hãy chọn phóng viên khác hoặc ghi lý do để vẫn phân công."
    ]
    assert Assignment.objects.filter(notice=noon).count() == 0


def test_buffer_is_a_setting(world, morning, settings):
    settings.ASSIGNMENT_TRAVEL_BUFFER_MINUTES = 30
    assign(world, morning)  # 07:30–10:30
    later = notice_at(world, at(25, 11), at(25, 12))  # 10:30–12:30
    assert assign(world, later).window_start == at(25, 10, 30)
    earlier = notice_at(world, at(25, 6), at(25, 7, 1))  # 05:30–07:31
    with pytest.raises(ValidationError):
        assign(world, earlier)


def test_another_reporter_is_free_at_the_same_time(world, morning):
    assign(world, morning)
    other = ReporterFactory(username="reporter2", organisation=world.centre)
    same_time = notice_at(world, at(25, 8), at(25, 10))
    assert assign(world, same_time, other).reporter == other


def test_cancelled_assignments_free_the_reporter(world, morning):
    unassign(assign(world, morning), by=world.director)
    clash = notice_at(world, at(25, 9), at(25, 10))
    assert assign(world, clash).status == AssignmentStatus.ACTIVE


def test_director_overrides_with_a_reason_that_is_kept(world, morning):
    first = assign(world, morning)
    clash = notice_at(world, at(25, 9), at(25, 10))
    second = assign(world, clash, override_reason="Hai sự kiện cùng hội trường")
    assert Assignment.objects.get(pk=second.pk).override_reason == "Hai sự kiện cùng hội trường"
    assert centre_conflicts(world.centre.pk) == [(first, second)]


def test_assigning_the_same_reporter_twice_returns_the_first(world, morning):
    first = assign(world, morning)
    assert assign(world, morning, role=AssignmentRole.CAMERA) == first
    assert Assignment.objects.count() == 1


def test_other_centres_reporter_cannot_be_assigned(world, morning):
    outsider = ReporterFactory(username="reporter_dakha", organisation=world.centre2)
    with pytest.raises(ValidationError):
        assign(world, morning, outsider)


# --- Status of the notice and notifications -----------------------------------------------


def test_first_assignment_accepts_the_notice_and_tells_agency_and_reporter(
    world, morning, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assign(world, morning, role=AssignmentRole.CAMERA, note="Mang flycam")
    morning.refresh_from_db()
    assert morning.status == NoticeStatus.ASSIGNED
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("agency@example.vn", "Thông báo đã được tiếp nhận: Hội nghị buổi sáng"),
        ("reporter@example.vn", "Phân công mới: Hội nghị buổi sáng"),
    ]
    to_reporter = next(m for m in mail.outbox if m.to == ["reporter@example.vn"])
    assert "Vai trò: Quay phim — Mang flycam" in to_reporter.body
    assert "Liên hệ: Trần Thị Mai, 0912000000" in to_reporter.body
    assert "25/11/2026 08:00 – 25/11/2026 10:00" in to_reporter.body


def test_decline_keeps_the_reason_and_tells_the_agency(
    world, morning, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decline_notice(
            morning,
            by=world.director,
            reason=DeclineReason.SEND_STORY,
            note="Đề nghị gửi tin cộng tác viên",
        )
    morning.refresh_from_db()
    assert morning.status == NoticeStatus.DECLINED
    decision = NoticeDecision.objects.get()
    assert (decision.reason, decision.decided_by) == (DeclineReason.SEND_STORY, world.director)
    assert decision.history.count() == 1
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["agency@example.vn"], "Thông báo không được nhận đưa tin: Hội nghị buổi sáng")
    ]
    assert (
        "Lý do: Đề nghị gửi tin cộng tác viên — Đề nghị gửi tin cộng tác viên"
        in mail.outbox[0].body
    )
    assert morning.history.first().history_change_reason == (
        "Từ chối: Đề nghị gửi tin cộng tác viên"
    )


def test_declining_twice_is_a_no_op_and_an_assigned_notice_cannot_be_declined(world, morning):
    decline_notice(morning, by=world.director, reason=DeclineReason.NO_REPORTER)
    decline_notice(morning, by=world.director, reason=DeclineReason.NO_REPORTER)
    assert NoticeDecision.objects.count() == 1
    other = notice_at(world, at(26, 8), at(26, 9))
    assign(world, other)
    with pytest.raises(ValidationError):
        decline_notice(other, by=world.director, reason=DeclineReason.OUTSIDE_REMIT)


def test_unassigning_the_last_reporter_puts_the_notice_back_in_the_queue(
    world, morning, django_capture_on_commit_callbacks
):
    assignment = assign(world, morning)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        unassign(assignment, by=world.director)
        unassign(assignment, by=world.director)  # idempotent
    morning.refresh_from_db()
    assert morning.status == NoticeStatus.RECEIVED
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["reporter@example.vn"], "Rút phân công: Hội nghị buổi sáng")
    ]


def test_reassign_hands_over_and_tells_both(world, morning, django_capture_on_commit_callbacks):
    old = assign(world, morning, role=AssignmentRole.PHOTO, note="Chụp ảnh đại biểu")
    other = ReporterFactory(username="reporter2", organisation=world.centre)
    with django_capture_on_commit_callbacks(execute=True):
        new = reassign(old, other, by=world.director)
    old.refresh_from_db()
    assert (old.status, new.reporter, new.role, new.note) == (
        AssignmentStatus.CANCELLED,
        other,
        AssignmentRole.PHOTO,
        "Chụp ảnh đại biểu",
    )
    assert sorted((m.to[0], m.subject) for m in mail.outbox[-2:]) == [
        ("reporter2@example.vn", "Phân công mới: Hội nghị buổi sáng"),
        ("reporter@example.vn", "Rút phân công: Hội nghị buổi sáng"),
    ]


def test_agency_cancelling_the_event_cancels_the_assignment(
    world, morning, django_capture_on_commit_callbacks
):
    assignment = assign(world, morning)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_notice(morning, by=world.agency_user, reason="Hoãn do mưa lớn")
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.CANCELLED
    to_reporter = [m for m in mail.outbox if m.to == ["reporter@example.vn"]][-1]
    assert to_reporter.subject == "Sự kiện bị hủy: Hội nghị buổi sáng"
    assert "Lý do: Hoãn do mưa lớn" in to_reporter.body


def test_agency_moving_the_event_moves_the_window(world, morning):
    assignment = assign(world, morning)
    update_notice(
        morning,
        by=world.agency_user,
        data={"starts_at": at(26, 14), "ends_at": at(26, 16)},
        reason="Lãnh đạo bận họp buổi sáng",
    )
    assignment.refresh_from_db()
    assert (assignment.window_start, assignment.window_end) == (at(26, 13), at(26, 17))
    assert (assignment.override_kind, assignment.override_reason) == (OverrideKind.NONE, "")


def test_a_move_onto_another_assignment_is_kept_but_flagged_as_a_conflict(world, morning):
    other = notice_at(world, at(26, 8), at(26, 10), title="Lễ ra quân")
    first = assign(world, other)
    moved = assign(world, morning)
    update_notice(
        morning,
        by=world.agency_user,
        data={"starts_at": at(26, 9), "ends_at": at(26, 10)},
        reason="Đổi giờ theo lịch lãnh đạo",
    )
    moved.refresh_from_db()
    # The director's reason stays the director's: the flag says why it may overlap.
    assert (moved.override_kind, moved.override_reason, moved.override_by) == (
        OverrideKind.MOVED_BY_AGENCY,
        "",
        None,
    )
    assert moved.needs_resolution
    assert centre_conflicts(world.centre.pk) == [(first, moved)]


def test_reporter_confirms_then_covers_and_the_notice_is_covered(world, morning):
    assignment = assign(world, morning)
    confirm(assignment, by=world.reporter)
    confirm(assignment, by=world.reporter)
    mark_covered(assignment, by=world.reporter, note="Đã gửi tin", link="https://a.vn/x")
    assignment.refresh_from_db()
    morning.refresh_from_db()
    assert (assignment.status, assignment.reporter_note, morning.status) == (
        AssignmentStatus.COVERED,
        "Đã gửi tin",
        NoticeStatus.COVERED,
    )


def test_services_send_assignment_changed_signals(world, morning):
    heard = []

    def listener(sender, assignment, action, **kwargs):
        heard.append((assignment.reporter.username, action, assignment.status))

    assignment_changed.connect(listener)
    try:
        first = assign(world, morning)
        confirm(first, by=world.reporter)
        other = ReporterFactory(username="reporter2", organisation=world.centre)
        second = reassign(first, other, by=world.director)
        unassign(second, by=world.director)
    finally:
        assignment_changed.disconnect(listener)
    assert heard == [
        ("reporter", "assigned", "active"),
        ("reporter", "confirmed", "confirmed"),
        ("reporter", "unassigned", "cancelled"),
        ("reporter2", "reassigned", "active"),
        ("reporter2", "unassigned", "cancelled"),
    ]
