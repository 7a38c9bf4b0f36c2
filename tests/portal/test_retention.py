"""Retention: the nightly task deletes exactly the rows past their retention and keeps
recent, unread, pending and still-sending ones."""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from celery.schedules import crontab
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.enums import ReminderKind, ReminderState
from newsroom.models import Reminder
from portal import retention
from portal.enums import OutboxState
from portal.models import Notification, OutboxAttachment, OutboxMessage
from portal.tasks import prune_old_rows

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 15, 2, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def days(n: float) -> datetime:
    return NOW - timedelta(days=n)


@pytest.fixture(autouse=True)
def _retention(settings):
    settings.OUTBOX_RETENTION_DAYS = 30
    settings.OUTBOX_FAILED_RETENTION_DAYS = 180
    settings.NOTIFICATION_RETENTION_DAYS = 60
    settings.REMINDER_RETENTION_DAYS = 90


def outbox_row(name, state, created, sent=None):
    return OutboxMessage.objects.create(
        kind="notice_receipt",
        to_email=f"{name}@example.com",
        subject=name,
        body_text=name,
        state=state,
        created_at=created,
        sent_at=sent,
    )


def test_outbox_keeps_recent_sent_failed_within_its_longer_retention_and_all_pending(world):
    old_sent = outbox_row("old-sent", OutboxState.SENT, days(40), sent=days(31))
    OutboxAttachment.objects.create(
        message=old_sent, filename="a.xlsx", mimetype="application/zip", content=b"x"
    )
    outbox_row("recent-sent", OutboxState.SENT, days(40), sent=days(29))
    outbox_row("old-failed", OutboxState.FAILED, days(181))
    outbox_row("failed-in-retention", OutboxState.FAILED, days(179))
    outbox_row("old-pending", OutboxState.PENDING, days(400))
    outbox_row("old-sending", OutboxState.SENDING, days(400))
    with time_machine.travel(NOW, tick=False):
        counts = prune_old_rows()
    assert sorted(OutboxMessage.objects.values_list("subject", flat=True)) == [
        "failed-in-retention",
        "old-pending",
        "old-sending",
        "recent-sent",
    ]
    assert OutboxAttachment.objects.count() == 0
    assert (counts["outbox_sent"], counts["outbox_failed"]) == (1, 1)  # messages, not attachments


def test_read_notifications_go_after_their_retention_unread_ones_stay(world):
    user = world.agency_user
    for title, created, read in [
        ("read-long-ago", days(200), days(61)),
        ("read-recently", days(200), days(59)),
        ("never-read", days(500), None),
    ]:
        Notification.objects.create(
            recipient=user, kind="k", title=title, created_at=created, read_at=read
        )
    with time_machine.travel(NOW, tick=False):
        counts = prune_old_rows()
    assert sorted(Notification.objects.values_list("title", flat=True)) == [
        "never-read",
        "read-recently",
    ]
    assert counts["notifications"] == 1


def test_expired_sessions_are_cleared(world):
    for key, expires in [("expired", NOW - timedelta(seconds=1)), ("live", NOW + timedelta(1))]:
        Session.objects.create(session_key=key, session_data="", expire_date=expires)
    with time_machine.travel(NOW, tick=False):
        counts = prune_old_rows()
    assert list(Session.objects.values_list("session_key", flat=True)) == ["live"]
    assert counts["sessions"] == 1


def test_finished_reminders_go_after_their_retention_pending_ones_stay(world):
    cases = [
        ("sent-old", ReminderState.SENT, days(91)),
        ("withdrawn-old", ReminderState.WITHDRAWN, days(91)),
        ("failed-old", ReminderState.FAILED, days(91)),
        ("sent-recent", ReminderState.SENT, days(89)),
        ("pending-old", ReminderState.PENDING, days(300)),
    ]
    for key, state, due in cases:
        Reminder.objects.create(
            recipient=world.reporter,
            kind=ReminderKind.ASSIGNMENT_SOON,
            due_at=due,
            state=state,
            dedupe_key=key,
        )
    with time_machine.travel(NOW, tick=False):
        counts = prune_old_rows()
    assert sorted(Reminder.objects.values_list("dedupe_key", flat=True)) == [
        "pending-old",
        "sent-recent",
    ]
    assert counts["reminders"] == 3


def test_retention_runs_every_night_from_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["prune-old-rows"]
    assert entry == {"task": "portal.prune_old_rows", "schedule": crontab(minute=30, hour=2)}


def test_the_outbox_is_pruned_in_bounded_batches_up_to_the_last_row(world):
    old = [outbox_row(f"old-{n}", OutboxState.SENT, days(40), sent=days(31)) for n in range(7)]
    OutboxAttachment.objects.create(
        message=old[3], filename="a.pdf", mimetype="application/pdf", content=b"x"
    )
    outbox_row("recent", OutboxState.SENT, days(40), sent=days(1))
    with time_machine.travel(NOW, tick=False), CaptureQueriesContext(connection) as queries:
        counts = retention.prune_outbox(timezone.now(), batch=3)
    deletes = [
        q["sql"] for q in queries if q["sql"].startswith('DELETE FROM "portal_outboxmessage"')
    ]
    assert len(deletes) == 3  # 3 + 3 + 1 rows, never all at once
    assert counts == {"outbox_sent": 7, "outbox_failed": 0}
    assert list(OutboxMessage.objects.values_list("subject", flat=True)) == ["recent"]
    assert OutboxAttachment.objects.count() == 0


def test_prune_outbox_dry_run_counts_and_deletes_nothing_then_deletes(world):
    outbox_row("old-sent", OutboxState.SENT, days(40), sent=days(31))
    outbox_row("old-failed", OutboxState.FAILED, days(181))
    outbox_row("recent-sent", OutboxState.SENT, days(40), sent=days(29))
    outbox_row("old-pending", OutboxState.PENDING, days(400))
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("prune_outbox", "--dry-run", stdout=out)
    assert out.getvalue().splitlines() == [
        "outbox_sent: 1 would be deleted",
        "outbox_failed: 1 would be deleted",
    ]
    assert OutboxMessage.objects.count() == 4
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("prune_outbox", stdout=out)
    assert out.getvalue().splitlines() == ["outbox_sent: 1 deleted", "outbox_failed: 1 deleted"]
    assert sorted(OutboxMessage.objects.values_list("subject", flat=True)) == [
        "old-pending",
        "recent-sent",
    ]
