"""Reminders are rows with a due time; the minute sweep turns due ones into messages."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from events.enums import NoticeStatus, Verdict
from newsroom.enums import ReminderKind, ReminderState
from newsroom.models import Reminder
from newsroom.services import reminders
from portal.models import Notification, NotificationPreference
from tests.factories import EditorFactory, NoticeFactory

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=HCM)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def test_notice_at_nine_tomorrow_gets_reminders_at_17_today_and_07_tomorrow():
    times = reminders.assignment_reminder_times(datetime(2026, 11, 24, 9, 0, tzinfo=HCM), NOW)
    assert times == {
        ReminderKind.ASSIGNMENT_EVENING: datetime(2026, 11, 23, 17, 0, tzinfo=HCM),
        ReminderKind.ASSIGNMENT_SOON: datetime(2026, 11, 24, 7, 0, tzinfo=HCM),
    }


def test_notice_in_three_hours_gets_only_the_two_hour_reminder():
    times = reminders.assignment_reminder_times(NOW + timedelta(hours=3), NOW)
    assert times == {ReminderKind.ASSIGNMENT_SOON: NOW + timedelta(hours=1)}


def unassigned_keys():
    return sorted(
        Reminder.objects.filter(kind=ReminderKind.NOTICE_UNASSIGNED).values_list(
            "dedupe_key", flat=True
        )
    )


def test_director_is_reminded_once_at_48h_and_again_at_24h_while_unassigned(
    world, frozen_clock, django_capture_on_commit_callbacks
):
    notice = NoticeFactory(agency=world.agency, starts_at=NOW + timedelta(hours=40))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.sweep() == 1
        assert reminders.sweep() == 0  # the next minute: nothing new
    assert unassigned_keys() == [f"notice:{notice.pk}:unassigned-48h:{world.director.pk}"]
    assert [m.to for m in mail.outbox] == [[world.director.email]]
    assert mail.outbox[0].subject == f"Chưa có phóng viên: {notice.title}"

    frozen_clock.move_to(NOW + timedelta(hours=17))  # 23 h before the start
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.sweep() == 1
        assert reminders.sweep() == 0
    assert len(mail.outbox) == 2
    assert unassigned_keys() == [
        f"notice:{notice.pk}:unassigned-24h:{world.director.pk}",
        f"notice:{notice.pk}:unassigned-48h:{world.director.pk}",
    ]


def test_no_director_reminder_once_the_notice_has_a_reporter(world):
    notice = NoticeFactory(agency=world.agency, starts_at=NOW + timedelta(hours=30))
    reminders.schedule_unassigned_notice_reminders()
    notice.status = NoticeStatus.ASSIGNED
    notice.save()
    assert reminders.send_due() == 0
    assert list(Reminder.objects.values_list("state", flat=True)) == [ReminderState.WITHDRAWN]
    assert mail.outbox == []


def test_director_reminders_go_only_to_the_notices_centre(world):
    EditorFactory(username="editor2", organisation=world.centre)
    NoticeFactory(agency=world.agency_other, starts_at=NOW + timedelta(hours=30))
    NoticeFactory(agency=world.agency, starts_at=NOW + timedelta(hours=60))  # not yet
    reminders.schedule_unassigned_notice_reminders()
    assert list(Reminder.objects.values_list("recipient__username", flat=True)) == ["director2"]


def test_a_due_reminder_is_sent_once_even_if_two_sweeps_race(world):
    notice = NoticeFactory(agency=world.agency, starts_at=NOW + timedelta(hours=30))
    reminders.schedule_unassigned_notice_reminders()
    pk = Reminder.objects.get().pk
    assert reminders.send_one(pk) is True
    assert reminders.send_one(pk) is False
    assert Notification.objects.filter(recipient=world.director).count() == 1
    assert notice.reminders.get().state == ReminderState.SENT


def test_preference_email_off_keeps_only_the_in_app_notification(
    world, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(
        user=world.director, kind=ReminderKind.NOTICE_UNASSIGNED, email=False, in_app=True
    )
    notice = NoticeFactory(agency=world.agency, starts_at=NOW + timedelta(hours=30))
    with django_capture_on_commit_callbacks(execute=True):
        reminders.sweep()
    assert mail.outbox == []
    assert list(Notification.objects.values_list("title", flat=True)) == [
        f"Chưa có phóng viên: {notice.title}"
    ]


def test_agency_gets_last_months_compliance_summary_once(world, django_capture_on_commit_callbacks):
    october = datetime(2026, 10, 10, 9, 0, tzinfo=HCM)
    for verdict in (Verdict.ON_TIME, Verdict.ON_TIME, Verdict.ON_TIME, Verdict.LATE):
        NoticeFactory(
            agency=world.agency,
            created_by=world.agency_user,
            received_at=october,
            verdict=verdict,
            starts_at=october + timedelta(days=3),
        )
    NoticeFactory(
        agency=world.agency, created_by=world.agency_user, received_at=NOW, verdict=Verdict.LATE
    )  # November
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.schedule_monthly_compliance(date(2026, 11, 1)) == 1
        assert reminders.schedule_monthly_compliance(date(2026, 11, 1)) == 0
        reminders.send_due()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.agency_user.email]
    assert message.subject == "Tình hình chấp hành thời hạn báo tin tháng 10/2026"
    assert (
        "Các sự kiện diễn ra trong tháng 10/2026, Phòng Văn hóa và Thông tin đã gửi Trung tâm "
        "4 thông báo:"
    ) in message.body
    assert "Đúng hạn: 3" in message.body
    assert "Trễ hạn: 1" in message.body
    assert "Tỷ lệ chấp hành: 75,0%." in message.body  # as on the compliance page


# --- Reporter reminders end to end: through the assignment and notice services ------------


def reporter_mail(world):
    return [m.subject for m in mail.outbox if m.to == [world.reporter.email]]


def pending(assignment):
    return list(
        Reminder.objects.filter(assignment_id=assignment.pk, state=ReminderState.PENDING)
        .order_by("due_at")
        .values_list("kind", "due_at")
    )


@pytest.fixture
def tomorrow_nine(world):
    from tests.newsroom.helpers import at, notice_at

    return notice_at(world, at(24, 9), at(24, 11), title="Hội nghị sáng mai")


def test_assigning_sends_one_message_now_and_reminds_at_17_and_07(
    world, tomorrow_nine, django_capture_on_commit_callbacks, frozen_clock
):
    from newsroom.services.assignments import assign_reporter

    with django_capture_on_commit_callbacks(execute=True):
        assignment = assign_reporter(tomorrow_nine, world.reporter, by=world.director)
        reminders.sweep()
    assert len(reporter_mail(world)) == 1  # told once at assignment, not twice
    assert pending(assignment) == [
        (ReminderKind.ASSIGNMENT_EVENING, datetime(2026, 11, 23, 17, 0, tzinfo=HCM)),
        (ReminderKind.ASSIGNMENT_SOON, datetime(2026, 11, 24, 7, 0, tzinfo=HCM)),
    ]
    for moment, expected in (
        (datetime(2026, 11, 23, 16, 59, tzinfo=HCM), 1),
        (datetime(2026, 11, 23, 17, 0, tzinfo=HCM), 2),
        (datetime(2026, 11, 24, 6, 59, tzinfo=HCM), 2),
        (datetime(2026, 11, 24, 7, 0, tzinfo=HCM), 3),
        (datetime(2026, 11, 24, 7, 1, tzinfo=HCM), 3),
    ):
        frozen_clock.move_to(moment)
        with django_capture_on_commit_callbacks(execute=True):
            reminders.sweep()
        assert len(reporter_mail(world)) == expected, moment
    assert pending(assignment) == []


def test_a_notice_in_three_hours_gets_only_the_two_hour_reminder_end_to_end(
    world, django_capture_on_commit_callbacks, frozen_clock
):
    from newsroom.services.assignments import assign_reporter
    from tests.newsroom.helpers import at, notice_at

    soon = notice_at(world, at(23, 11), at(23, 12), title="Đoàn kiểm tra đột xuất")
    assignment = assign_reporter(soon, world.reporter, by=world.director)
    assert pending(assignment) == [(ReminderKind.ASSIGNMENT_SOON, at(23, 9))]
    frozen_clock.move_to(at(23, 9))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.sweep() == 1


def test_moving_the_event_moves_the_pending_reminders(world, tomorrow_nine):
    from events.services.notices import update_notice
    from newsroom.services.assignments import assign_reporter
    from tests.newsroom.helpers import at

    assignment = assign_reporter(tomorrow_nine, world.reporter, by=world.director)
    update_notice(
        tomorrow_nine,
        by=world.agency_user,
        data={"starts_at": at(26, 14), "ends_at": at(26, 16)},
        reason="Đổi giờ",
    )
    assert pending(assignment) == [
        (ReminderKind.ASSIGNMENT_EVENING, at(25, 17)),
        (ReminderKind.ASSIGNMENT_SOON, at(26, 12)),
    ]


@pytest.mark.parametrize("how", ["notice cancelled", "unassigned", "handed over"])
def test_the_old_reporters_pending_reminders_are_withdrawn(
    world, tomorrow_nine, django_capture_on_commit_callbacks, frozen_clock, how
):
    from events.services.notices import cancel_notice
    from newsroom.services.assignments import assign_reporter, reassign, unassign
    from tests.factories import ReporterFactory
    from tests.newsroom.helpers import at

    assignment = assign_reporter(tomorrow_nine, world.reporter, by=world.director)
    colleague = ReporterFactory(username="reporter2", organisation=world.centre)
    if how == "notice cancelled":
        cancel_notice(tomorrow_nine, by=world.agency_user, reason="Hoãn vì mưa lớn")
    elif how == "unassigned":
        unassign(assignment, by=world.director)
    else:
        new = reassign(assignment, colleague, by=world.director)
        assert [k for k, _due in pending(new)] == [
            ReminderKind.ASSIGNMENT_EVENING,
            ReminderKind.ASSIGNMENT_SOON,
        ]
    assert pending(assignment) == []
    mail.outbox.clear()
    for moment in (at(23, 17), at(24, 7)):
        frozen_clock.move_to(moment)
        with django_capture_on_commit_callbacks(execute=True):
            reminders.sweep()
    assert reporter_mail(world) == []
    to_colleague = [m for m in mail.outbox if m.to == [colleague.email]]
    assert len(to_colleague) == (2 if how == "handed over" else 0)


def test_a_reminder_that_keeps_failing_is_given_up_with_its_error_after_max_attempts(
    settings, frozen_clock
):
    """A row that raises is retried at the next sweeps, not every minute forever."""
    settings.OUTBOX_MAX_ATTEMPTS = 3
    broken = Reminder.objects.create(
        recipient=EditorFactory(),
        kind="reminder_without_templates",  # rendering it raises TemplateDoesNotExist
        due_at=NOW,
        dedupe_key="broken:1",
    )
    fine = Reminder.objects.create(
        recipient=EditorFactory(),
        kind=ReminderKind.COMPLIANCE_MONTHLY,
        due_at=NOW,
        dedupe_key="fine:1",
        context={"month": "10/2026", "agency__name": "Xã Tân Lập", "total": 0, "rate": "—"},
    )
    assert reminders.send_due() == 1  # the broken row does not stop the others
    for minute in (1, 2):
        frozen_clock.move_to(NOW + timedelta(minutes=minute))
        reminders.send_due()
    broken.refresh_from_db()
    fine.refresh_from_db()
    assert (broken.state, broken.attempts, fine.state) == (
        ReminderState.FAILED,
        3,
        ReminderState.SENT,
    )
    assert broken.last_error.startswith("TemplateDoesNotExist: notifications/")
    frozen_clock.move_to(NOW + timedelta(minutes=3))
    assert reminders.send_due() == 0
    assert Reminder.objects.get(pk=broken.pk).attempts == 3


@pytest.mark.parametrize("backlog", [3, 30])
def test_a_backlog_is_swept_in_a_constant_number_of_queries(
    world, django_assert_num_queries, django_capture_on_commit_callbacks, backlog
):
    notices = NoticeFactory.create_batch(
        backlog, agency=world.agency, starts_at=NOW + timedelta(hours=5)
    )
    Reminder.objects.bulk_create(
        Reminder(
            recipient=world.reporter,
            kind=ReminderKind.ASSIGNMENT_SOON,
            due_at=NOW - timedelta(minutes=1),
            dedupe_key=f"backlog:{notice.pk}",
            notice=notice,
        )
        for notice in notices
    )
    # lock the batch, preferences, notifications, e-mails, mark sent (+ the savepoint pair)
    with django_capture_on_commit_callbacks(execute=True), django_assert_num_queries(7):
        assert reminders.send_due() == backlog
    assert Reminder.objects.filter(state=ReminderState.SENT).count() == backlog
    assert Notification.objects.filter(recipient=world.reporter).count() == backlog
    assert len(mail.outbox) == backlog
