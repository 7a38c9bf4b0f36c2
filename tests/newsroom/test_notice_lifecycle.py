"""One notice lifecycle: a change to an assigned notice reaches everyone working on it.

The agency moves, re-places or cancels an event two reporters are assigned to; the
director reclassifies it. Each reporter and each editor gets exactly the messages their
preferences ask for, the calendar feed replaces the event, reminders follow, and the
reason is kept in the history and on the notice.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from events.enums import NoticeAction, NoticeChangeKind, NoticeKind, NoticeStatus
from events.models import Notice, NoticeChange
from events.services.notices import (
    NoticeTransitionError,
    cancel_notice,
    reclassify_notice,
    transition,
    update_notice,
)
from newsroom.enums import AssignmentStatus, OverrideKind, ReminderKind, ReminderState
from newsroom.models import Assignment, Reminder
from newsroom.services.assignments import assign_reporter, keep_double_booking
from newsroom.services.triage import decline_notice
from portal.models import Notification, NotificationPreference
from tests.factories import EditorFactory, ReporterFactory
from tests.newsroom.helpers import NOW, at, notice_at

pytestmark = pytest.mark.django_db

TITLE = "Hội nghị tổng kết công tác dân vận"


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False) as traveller, translation.override("vi"):
        yield traveller


@pytest.fixture
def team(world):
    """Two reporters on a notice of 27/11 08:00–10:00, and a second editor at the centre."""
    world.reporter2 = ReporterFactory(username="reporter2", organisation=world.centre)
    world.editor2 = EditorFactory(username="editor2", organisation=world.centre)
    world.notice = notice_at(world, at(27, 8), at(27, 10), title=TITLE)
    world.first = assign_reporter(world.notice, world.reporter, by=world.director)
    world.second = assign_reporter(world.notice, world.reporter2, by=world.director)
    mail.outbox.clear()
    Notification.objects.all().delete()
    return world


def messages_by_recipient(django_capture_on_commit_callbacks, change):
    """Run `change`, deliver the outbox, and return {address: [subjects]} and the in-app
    rows as {username: [kinds]}."""
    with django_capture_on_commit_callbacks(execute=True):
        change()
    mails: dict[str, list[str]] = {}
    for message in mail.outbox:
        for address in message.to:
            mails.setdefault(address, []).append(message.subject)
    in_app: dict[str, list[str]] = {}
    for row in Notification.objects.select_related("recipient").order_by("pk"):
        in_app.setdefault(row.recipient.username, []).append(row.kind)
    return mails, in_app


def test_moving_an_assigned_event_tells_each_reporter_and_editor_in_their_channels(
    team, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(
        user=team.reporter2, kind="assignment_changed", email=False, in_app=True
    )
    NotificationPreference.objects.create(
        user=team.editor2, kind="notice_changed", email=True, in_app=False
    )

    mails, in_app = messages_by_recipient(
        django_capture_on_commit_callbacks,
        lambda: update_notice(
            team.notice,
            by=team.agency_user,
            data={"starts_at": at(25, 8), "ends_at": at(25, 10)},
            reason="Lãnh đạo huyện đổi lịch công tác",
        ),
    )

    assert mails == {
        "reporter@example.vn": [f"Phân công bị dời thời gian: {TITLE}"],
        "director@example.vn": [f"Đổi thời gian sự kiện: {TITLE}"],
        "editor2@example.vn": [f"Đổi thời gian sự kiện: {TITLE}"],
    }
    assert in_app == {
        "reporter": ["assignment_changed"],
        "reporter2": ["assignment_changed"],
        "director": ["notice_changed"],
    }
    to_reporter = next(m for m in mail.outbox if m.to == ["reporter@example.vn"])
    assert (
        "Đã dời từ 27/11/2026 08:00 – 27/11/2026 10:00 sang 25/11/2026 08:00 – 25/11/2026 10:00."
        in to_reporter.body
    )
    assert "Lý do: Lãnh đạo huyện đổi lịch công tác" in to_reporter.body


def test_a_move_is_recorded_with_its_reason_and_the_assignments_follow(team):
    update_notice(
        team.notice,
        by=team.agency_user,
        data={"starts_at": at(25, 8), "ends_at": at(25, 10)},
        reason="Lãnh đạo huyện đổi lịch công tác",
    )
    change = NoticeChange.objects.get()
    assert (
        change.kind,
        change.old_starts_at,
        change.new_starts_at,
        change.reason,
        change.by,
    ) == (
        NoticeChangeKind.RESCHEDULED,
        at(27, 8),
        at(25, 8),
        "Lãnh đạo huyện đổi lịch công tác",
        team.agency_user,
    )
    latest = team.notice.history.first()
    assert latest.history_change_reason == "Đổi thời gian: Lãnh đạo huyện đổi lịch công tác"
    windows = set(Assignment.objects.values_list("window_start", "window_end"))
    assert windows == {(at(25, 7), at(25, 11))}
    pending = Reminder.objects.filter(
        assignment_id=team.first.pk, state=ReminderState.PENDING
    ).order_by("due_at")
    assert [(r.kind, r.due_at) for r in pending] == [
        (ReminderKind.ASSIGNMENT_EVENING, at(24, 17)),
        (ReminderKind.ASSIGNMENT_SOON, at(25, 6)),
    ]


def test_the_notice_and_the_reporters_card_say_moved_from_to_with_the_reason(team, client_for):
    update_notice(
        team.notice,
        by=team.agency_user,
        data={"starts_at": at(25, 8), "ends_at": at(25, 10)},
        reason="Lãnh đạo huyện đổi lịch công tác",
    )
    expected = (
        "Đã dời từ 27/11/2026 08:00 – 27/11/2026 10:00 sang 25/11/2026 08:00 – 25/11/2026 10:00."
    )
    card = client_for(team.reporter).get(reverse("newsroom:my_assignments")).content.decode()
    assert expected in card
    assert "Lãnh đạo huyện đổi lịch công tác" in card
    page = client_for(team.director).get(reverse("events:detail", args=[team.notice.pk]))
    assert expected in page.content.decode()


def test_the_calendar_feed_sequence_grows_so_apps_replace_the_event(team, client, frozen_clock):
    def sequence():
        url = reverse("newsroom:calendar_feed", args=[team.reporter.calendar_token])
        return Calendar.from_ical(client.get(url).content).walk("VEVENT")[0]["SEQUENCE"]

    before = sequence()
    frozen_clock.move_to(NOW + timedelta(minutes=5))
    update_notice(
        team.notice,
        by=team.agency_user,
        data={"starts_at": at(25, 8), "ends_at": at(25, 10)},
        reason="Đổi lịch",
    )
    assert sequence() > before


def test_moving_an_assigned_event_needs_a_reason_and_changes_nothing_without_one(team):
    with pytest.raises(ValidationError) as refused:
        update_notice(
            team.notice, by=team.agency_user, data={"starts_at": at(25, 8), "ends_at": at(25, 10)}
        )
    assert refused.value.messages == [
        "Sự kiện này đã được cử phóng viên: vui lòng ghi rõ lý do thay đổi."
    ]
    team.notice.refresh_from_db()
    assert (team.notice.starts_at, NoticeChange.objects.count(), len(mail.outbox)) == (
        at(27, 8),
        0,
        0,
    )


def test_the_edit_form_refuses_a_move_without_reason_and_keeps_what_was_typed(team, client_for):
    client = client_for(team.agency_user)
    url = reverse("events:edit", args=[team.notice.pk])
    form = client.get(url).context["form"]
    data = {name: form.initial.get(name, "") for name in form.fields if not name.endswith("_files")}
    data.update(
        title="Hội nghị (dời lịch)",
        starts_at="2026-11-25T08:00",
        ends_at="2026-11-25T10:00",
        locality=team.locality.pk,
        kind=NoticeKind.PLANNED,
        confirm_late="on",
        change_reason="",
    )
    data = {k: v for k, v in data.items() if v is not None and v is not False}
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["change_reason"] == [
        "Sự kiện này đã được cử phóng viên: vui lòng ghi rõ lý do thay đổi."
    ]
    assert 'value="Hội nghị (dời lịch)"' in response.content.decode()
    assert Notice.objects.get(pk=team.notice.pk).starts_at == at(27, 8)

    data["change_reason"] = "Lãnh đạo bận"
    response = client.post(url, data)
    assert response.status_code == 302
    assert Notice.objects.get(pk=team.notice.pk).starts_at == at(25, 8)


def test_a_change_of_place_tells_the_reporters_and_editors(
    team, django_capture_on_commit_callbacks
):
    mails, in_app = messages_by_recipient(
        django_capture_on_commit_callbacks,
        lambda: update_notice(
            team.notice,
            by=team.agency_user,
            data={"address": "Hội trường UBND xã mới"},
            reason="Hội trường cũ đang sửa chữa",
        ),
    )
    assert mails == {
        "reporter@example.vn": [f"Phân công đổi địa điểm: {TITLE}"],
        "reporter2@example.vn": [f"Phân công đổi địa điểm: {TITLE}"],
        "director@example.vn": [f"Đổi địa điểm sự kiện: {TITLE}"],
        "editor2@example.vn": [f"Đổi địa điểm sự kiện: {TITLE}"],
    }
    assert set(in_app) == {"reporter", "reporter2", "director", "editor2"}
    assert "Hội trường UBND xã mới" in mail.outbox[0].body
    assert set(Assignment.objects.values_list("status", flat=True)) == {AssignmentStatus.ACTIVE}


def test_cancelling_tells_reporters_and_editors_and_withdraws_the_reminders(
    team, django_capture_on_commit_callbacks
):
    mails, in_app = messages_by_recipient(
        django_capture_on_commit_callbacks,
        lambda: cancel_notice(team.notice, by=team.agency_user, reason="Hoãn do mưa bão"),
    )
    subject = f"Sự kiện bị hủy: {TITLE}"
    assert mails == {
        "reporter@example.vn": [subject],
        "reporter2@example.vn": [subject],
        "director@example.vn": [subject],
        "editor2@example.vn": [subject],
    }
    assert in_app == {
        "director": ["notice_cancelled"],
        "editor2": ["notice_cancelled"],
        "reporter": ["assignment_cancelled"],
        "reporter2": ["assignment_cancelled"],
    }
    assert set(Assignment.objects.values_list("status", flat=True)) == {AssignmentStatus.CANCELLED}
    assert not Reminder.objects.filter(state=ReminderState.PENDING).exists()
    change = NoticeChange.objects.get()
    assert (change.kind, change.reason) == (NoticeChangeKind.CANCELLED, "Hoãn do mưa bão")
    assert team.notice.history.first().history_change_reason == "Đã hủy: Hoãn do mưa bão"


def test_reclassifying_tells_the_agency_reporters_and_other_editors_not_the_director(
    team, django_capture_on_commit_callbacks
):
    mails, in_app = messages_by_recipient(
        django_capture_on_commit_callbacks,
        lambda: reclassify_notice(
            team.notice,
            by=team.director,
            kind=NoticeKind.URGENT,
            emergency_cause="",
            reason="Sự kiện phát sinh đột xuất",
        ),
    )
    assert sorted(mails) == [
        "agency@example.vn",
        "editor2@example.vn",
        "reporter2@example.vn",
        "reporter@example.vn",
    ]
    assert mails["reporter@example.vn"] == [f"Phân công có thay đổi: {TITLE}"]
    assert mails["editor2@example.vn"] == [f"Đổi loại thông báo sự kiện: {TITLE}"]
    assert mails["agency@example.vn"] == [f"Đổi loại thông báo sự kiện: {TITLE}"]
    assert "director" not in in_app
    old, new = NoticeKind.PLANNED.label, NoticeKind.URGENT.label
    assert f"Đã đổi loại sự kiện từ {old} sang {new}." in next(
        m.body for m in mail.outbox if m.to == ["reporter@example.vn"]
    )


def test_a_move_onto_another_assignment_keeps_it_flagged_and_tells_the_director(
    team, django_capture_on_commit_callbacks
):
    other = notice_at(team, at(25, 8), at(25, 10), title="Lễ ra quân")
    busy = assign_reporter(other, team.reporter, by=team.director)
    mails, _in_app = messages_by_recipient(
        django_capture_on_commit_callbacks,
        lambda: update_notice(
            team.notice,
            by=team.agency_user,
            data={"starts_at": at(25, 9), "ends_at": at(25, 11)},
            reason="Đổi giờ",
        ),
    )
    moved = Assignment.objects.get(pk=team.first.pk)
    assert (moved.status, moved.override_kind) == (
        AssignmentStatus.ACTIVE,
        OverrideKind.MOVED_BY_AGENCY,
    )
    assert Assignment.objects.get(pk=team.second.pk).override_kind == OverrideKind.NONE
    assert Assignment.objects.get(pk=busy.pk).override_kind == OverrideKind.NONE
    clash_subject = f"Cần xử lý trùng lịch: {team.reporter.display_name}"
    assert clash_subject in mails["director@example.vn"]
    assert clash_subject in mails["editor2@example.vn"]
    reporter_mail = next(m for m in mail.outbox if m.to == ["reporter@example.vn"])
    assert "trùng lịch với “Lễ ra quân”" in reporter_mail.body

    keep_double_booking(moved, by=team.director, reason="Hai sự kiện cùng hội trường")
    moved.refresh_from_db()
    assert (moved.override_kind, moved.override_reason, moved.override_by) == (
        OverrideKind.DIRECTOR,
        "Hai sự kiện cùng hội trường",
        team.director,
    )
    assert not moved.needs_resolution


def test_the_director_sees_the_flagged_clash_at_home_and_keeps_both(team, client_for):
    other = notice_at(team, at(25, 8), at(25, 10), title="Lễ ra quân")
    assign_reporter(other, team.reporter, by=team.director)
    update_notice(
        team.notice,
        by=team.agency_user,
        data={"starts_at": at(25, 9), "ends_at": at(25, 11)},
        reason="Đổi giờ",
    )
    client = client_for(team.director)
    home = client.get(reverse("home")).content.decode()
    assert "Trùng lịch do cơ quan dời sự kiện" in home
    url = reverse("newsroom:keep_double_booking", args=[team.first.pk])
    assert client.post(url, {"reason": "", "back": "home"}).status_code == 302
    assert Assignment.objects.get(pk=team.first.pk).needs_resolution
    response = client.post(url, {"reason": "Cùng hội trường", "back": "home"})
    assert response.url == reverse("home")
    assert Assignment.objects.get(pk=team.first.pk).override_kind == OverrideKind.DIRECTOR


@pytest.mark.parametrize(
    "user", ["director2", "reporter", "agency_user", "reviewer"], ids=lambda u: u
)
def test_only_the_centres_director_may_keep_a_double_booking(team, client_for, user):
    url = reverse("newsroom:keep_double_booking", args=[team.first.pk])
    response = client_for(getattr(team, user)).post(url, {"reason": "x"})
    # Outsiders (other centre, agency, reviewer) get 404; the reporter sees it but may not.
    assert response.status_code == (403 if user == "reporter" else 404)


def test_a_status_moves_only_along_the_transition_table(team):
    with pytest.raises(ValidationError):  # a notice with reporters is not declined
        decline_notice(team.notice, by=team.director, reason="other")
    notice = Notice.objects.get(pk=team.notice.pk)
    assert transition(notice, NoticeAction.ACCEPT, by=team.director) is False  # already there
    with pytest.raises(NoticeTransitionError):
        transition(notice, NoticeAction.PUBLISH, by=team.director)
    assert Notice.objects.get(pk=notice.pk).status == NoticeStatus.ASSIGNED


def test_reclassifying_to_the_same_kind_changes_nothing_and_says_so(
    team, client_for, django_capture_on_commit_callbacks
):
    url = reverse("events:reclassify", args=[team.notice.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(team.director).post(
            url, {"kind": NoticeKind.PLANNED, "reason": "Kiểm tra lại"}, follow=True
        )
    assert [str(m) for m in response.context["messages"]] == [
        "Thông báo đã thuộc loại này; không có gì thay đổi."
    ]
    assert (NoticeChange.objects.count(), len(mail.outbox)) == (0, 0)
