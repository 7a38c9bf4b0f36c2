"""Retention: delete rows nobody needs any more, once a night (beat: portal.prune_old_rows).

- outbox: sent messages after OUTBOX_RETENTION_DAYS (from sending), failed ones after
  OUTBOX_FAILED_RETENTION_DAYS (from creation); pending and sending rows are never touched;
- notifications: read ones after NOTIFICATION_RETENTION_DAYS (from reading); unread stay;
- sessions: expired ones (Django's `clearsessions`);
- whatever the apps above add through `portal.signals.prune_old_rows` (newsroom's
  finished reminders).
"""

import logging
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from portal.enums import OutboxState
from portal.models import Notification, OutboxMessage
from portal.signals import prune_old_rows

log = logging.getLogger(__name__)


def days_ago(now, days: int):
    return now - timedelta(days=days)


def prune_outbox(now) -> dict[str, int]:
    sent, _ = OutboxMessage.objects.filter(
        state=OutboxState.SENT, sent_at__lt=days_ago(now, settings.OUTBOX_RETENTION_DAYS)
    ).delete()
    failed, _ = OutboxMessage.objects.filter(
        state=OutboxState.FAILED,
        created_at__lt=days_ago(now, settings.OUTBOX_FAILED_RETENTION_DAYS),
    ).delete()
    return {"outbox_sent": sent, "outbox_failed": failed}


def prune_notifications(now) -> dict[str, int]:
    deleted, _ = Notification.objects.filter(
        read_at__lt=days_ago(now, settings.NOTIFICATION_RETENTION_DAYS)
    ).delete()
    return {"notifications": deleted}


def prune_sessions(now) -> dict[str, int]:
    """Django's clearsessions; counted when sessions live in the database."""
    engine = import_module(settings.SESSION_ENGINE)
    if settings.SESSION_ENGINE.startswith("django.contrib.sessions.backends.db"):
        deleted, _ = Session.objects.filter(expire_date__lt=now).delete()
        return {"sessions": deleted}
    engine.SessionStore.clear_expired()
    return {}


def prune(now=None) -> dict[str, int]:
    """Delete every row past its retention; returns the number deleted per kind."""
    now = now or timezone.now()
    counts = {**prune_outbox(now), **prune_notifications(now), **prune_sessions(now)}
    for _receiver, response in prune_old_rows.send(sender=None, now=now):
        counts.update(response or {})
    log.info("retention: %s", ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return counts
