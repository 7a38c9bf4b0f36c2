"""Retention: delete rows nobody needs any more, once a night (beat: portal.prune_old_rows).

- outbox: sent messages after OUTBOX_RETENTION_DAYS (from sending), failed ones after
  OUTBOX_FAILED_RETENTION_DAYS (from creation); pending and sending rows are never touched.
  Deleted OUTBOX_PRUNE_BATCH rows (and their attachments) per transaction, so a first run
  over a year's 200,000 rows neither holds one long lock nor loads them all;
  `manage.py prune_outbox --dry-run` counts what would go;
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
from django.db import transaction
from django.utils import timezone

from portal.enums import OutboxState
from portal.models import Notification, OutboxMessage
from portal.signals import prune_old_rows

log = logging.getLogger(__name__)


def days_ago(now, days: int):
    return now - timedelta(days=days)


def outbox_past_retention(now) -> dict[str, object]:
    """The outbox rows past their retention, per kind (querysets, nothing deleted)."""
    return {
        "outbox_sent": OutboxMessage.objects.filter(
            state=OutboxState.SENT, sent_at__lt=days_ago(now, settings.OUTBOX_RETENTION_DAYS)
        ),
        "outbox_failed": OutboxMessage.objects.filter(
            state=OutboxState.FAILED,
            created_at__lt=days_ago(now, settings.OUTBOX_FAILED_RETENTION_DAYS),
        ),
    }


def delete_in_batches(rows, batch: int | None = None) -> int:
    """Delete these outbox rows and their attachments, `batch` rows per transaction; the
    number of rows deleted."""
    batch = batch or settings.OUTBOX_PRUNE_BATCH
    deleted = 0
    while ids := list(rows.order_by("pk").values_list("pk", flat=True)[:batch]):
        with transaction.atomic():
            _total, per_model = OutboxMessage.objects.filter(pk__in=ids).delete()
        deleted += per_model.get(OutboxMessage._meta.label, 0)
        if len(ids) < batch:
            break
    return deleted


def prune_outbox(now, batch: int | None = None) -> dict[str, int]:
    """Messages deleted, per kind (attachments go with their message, not counted)."""
    return {
        kind: delete_in_batches(rows, batch) for kind, rows in outbox_past_retention(now).items()
    }


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
