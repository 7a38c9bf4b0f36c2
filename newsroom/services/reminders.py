"""Reminders: rows with a due time, turned into outbox messages by a minute sweep.

Scheduling functions only write rows (idempotent through `dedupe_key`); `send_due`
claims each due row with a conditional UPDATE and notifies in the same transaction, so a
second sweep or a second worker never sends a reminder twice, and a failure leaves it
pending for the next minute.
"""

import logging
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from contacts.models import Organisation
from events.enums import NoticeStatus
from events.models import Notice
from newsroom.enums import ReminderKind, ReminderState
from newsroom.models import Reminder
from newsroom.selectors.compliance import compliance_rows, period_bounds
from portal.enums import Role
from portal.models import User
from portal.outbox import Note, notify, notify_many
from portal.selectors import centre_editors

log = logging.getLogger(__name__)

EVENING_HOUR = 17  # "the evening before": 17:00 local time
SOON_BEFORE = timedelta(hours=2)
UNASSIGNED_STAGES = (("48h", timedelta(hours=48)), ("24h", timedelta(hours=24)))
SWEEP_BATCH = 500


# --- Reporter reminders (hooked to the assignment services through a signal) ---------------


def assignment_reminder_times(starts_at: datetime, assigned_at: datetime) -> dict[str, datetime]:
    """When each reporter reminder falls due; those already past are left out. (The
    message at assignment is sent by the assignment service itself, with its details.)"""
    local_start = timezone.localtime(starts_at)
    evening = datetime.combine(
        local_start.date() - timedelta(days=1), time(EVENING_HOUR), tzinfo=local_start.tzinfo
    )
    times = {}
    for kind, due in (
        (ReminderKind.ASSIGNMENT_EVENING, evening),
        (ReminderKind.ASSIGNMENT_SOON, starts_at - SOON_BEFORE),
    ):
        if due > assigned_at:
            times[kind] = due
    return times


def _assignment_key(assignment, kind: str) -> str:
    return f"assignment:{assignment.pk}:{kind}"


@transaction.atomic
def schedule_assignment_reminders(assignment, now=None) -> list[Reminder]:
    """Create (or move) the reminders of one assignment. A change of reporter or time
    moves the pending ones; kinds no longer due are withdrawn; sent ones stay sent."""
    now = now or timezone.now()
    notice = assignment.notice
    times = assignment_reminder_times(notice.starts_at, now)
    kept = []
    for kind in (
        ReminderKind.ASSIGNMENT_EVENING,
        ReminderKind.ASSIGNMENT_SOON,
    ):
        key = _assignment_key(assignment, kind)
        existing = Reminder.objects.select_for_update().filter(dedupe_key=key).first()
        if kind not in times:
            if existing and existing.state == ReminderState.PENDING:
                existing.state = ReminderState.WITHDRAWN
                existing.save(update_fields=["state"])
            continue
        if existing is None:
            kept.append(
                Reminder.objects.create(
                    recipient=assignment.reporter,
                    kind=kind,
                    due_at=times[kind],
                    dedupe_key=key,
                    notice=notice,
                    assignment_id=assignment.pk,
                )
            )
        elif (
            existing.state != ReminderState.SENT or existing.recipient_id != assignment.reporter_id
        ):
            # Not sent yet, or sent to someone else: the current reporter gets it (again).
            existing.recipient = assignment.reporter
            existing.due_at = times[kind]
            existing.state = ReminderState.PENDING
            existing.sent_at = None
            existing.save(update_fields=["recipient", "due_at", "state", "sent_at"])
            kept.append(existing)
    return kept


def withdraw_assignment_reminders(assignment) -> int:
    return Reminder.objects.filter(assignment_id=assignment.pk, state=ReminderState.PENDING).update(
        state=ReminderState.WITHDRAWN
    )


def _create_new(rows: list[Reminder]) -> int:
    """Insert the rows whose occasion is new; a concurrent insert of the same key is ignored
    by the unique constraint. Returns how many were new."""
    known = set(
        Reminder.objects.filter(dedupe_key__in=[r.dedupe_key for r in rows]).values_list(
            "dedupe_key", flat=True
        )
    )
    fresh = [r for r in rows if r.dedupe_key not in known]
    Reminder.objects.bulk_create(fresh, ignore_conflicts=True)
    return len(fresh)


# --- Director: notices starting soon that nobody covers yet --------------------------------


def schedule_unassigned_notice_reminders(now=None) -> int:
    """Once at 48 h and again at 24 h before the start, while a notice is still only
    'received'. A notice that arrives inside 24 h gets the 24 h one only."""
    now = now or timezone.now()
    notices = Notice.objects.filter(
        status=NoticeStatus.RECEIVED, starts_at__gt=now, starts_at__lte=now + timedelta(hours=48)
    ).only("pk", "centre_id", "starts_at")
    editors_by_centre: dict[int, list[User]] = {}
    rows = []
    for notice in notices:
        stage = "24h" if notice.starts_at <= now + timedelta(hours=24) else "48h"
        if notice.centre_id not in editors_by_centre:
            editors_by_centre[notice.centre_id] = list(centre_editors(notice.centre_id))
        for editor in editors_by_centre[notice.centre_id]:
            rows.append(
                Reminder(
                    recipient=editor,
                    kind=ReminderKind.NOTICE_UNASSIGNED,
                    due_at=now,
                    dedupe_key=f"notice:{notice.pk}:unassigned-{stage}:{editor.pk}",
                    notice=notice,
                    context={"stage": stage},
                )
            )
    return _create_new(rows)


# --- Agency: monthly compliance summary -----------------------------------------------------


def schedule_monthly_compliance(today=None) -> int:
    """On the 1st: each agency's staff get last month's figures (one row per person), as
    the compliance page counts them."""
    today = timezone.localdate() if today is None else today
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    start, end = period_bounds("month", last_month.year, last_month.month)
    month = f"{last_month:%m/%Y}"
    staff = {}
    for user in User.objects.filter(role=Role.AGENCY_STAFF, is_active=True).exclude(
        organisation=None
    ):
        staff.setdefault(user.organisation_id, []).append(user)
    centre_ids = Organisation.objects.filter(is_newsroom=True).values("pk")
    rows = []
    for row in compliance_rows(centre_ids, start, end, with_silent=False):
        context = {
            "month": month,
            "agency__name": row.name,
            "total": row.total,
            "on_time": row.on_time,
            "late": row.late,
            "after_fact": row.after_fact,
            "exempt": row.exempt,
            "rate": "—" if row.on_time_rate is None else row.on_time_rate,
        }
        for user in staff.get(row.key, []):
            rows.append(
                Reminder(
                    recipient=user,
                    kind=ReminderKind.COMPLIANCE_MONTHLY,
                    due_at=timezone.now(),
                    dedupe_key=f"agency:{row.key}:compliance:{last_month:%Y-%m}:{user.pk}",
                    context=context,
                )
            )
    return _create_new(rows)


# --- The sweep -------------------------------------------------------------------------------


def _still_relevant(reminder: Reminder, now) -> bool:
    notice = reminder.notice
    if reminder.kind == ReminderKind.NOTICE_UNASSIGNED:
        return notice is not None and notice.status == NoticeStatus.RECEIVED
    if reminder.assignment_id:
        return (
            notice is not None
            and notice.status != NoticeStatus.CANCELLED
            and (notice.starts_at > now)
        )
    return True


def _url_for(reminder: Reminder) -> str:
    if reminder.notice_id:
        return reverse("events:detail", args=[reminder.notice_id])
    return ""


def send_one(pk: int, now=None) -> bool:
    """Claim one due reminder and notify, in one transaction. False if someone else had it."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = Reminder.objects.filter(
            pk=pk, state=ReminderState.PENDING, due_at__lte=now
        ).update(state=ReminderState.SENT, sent_at=now)
        if not claimed:
            return False
        reminder = Reminder.objects.select_related("recipient", "notice").get(pk=pk)
        if not _still_relevant(reminder, now):
            Reminder.objects.filter(pk=pk).update(state=ReminderState.WITHDRAWN, sent_at=None)
            return False
        notify(
            reminder.recipient,
            reminder.kind,
            {"reminder": reminder, "notice": reminder.notice, **reminder.context},
            url=_url_for(reminder),
        )
    return True


def send_due(now=None, limit: int = SWEEP_BATCH) -> int:
    """Send every due reminder, one batch at most, in a constant number of queries: the
    batch is locked (other sweepers skip it), the stale ones withdrawn and the rest
    marked sent in two UPDATEs, and their notifications and e-mails written in bulk, all
    in one transaction. If the batch fails as a whole, each row is tried on its own so
    one broken row cannot hold back the others."""
    now = now or timezone.now()
    try:
        return _send_batch(now, limit)
    except Exception:
        log.exception("reminder batch failed; sending one by one")
    return _send_one_by_one(now, limit)


@transaction.atomic
def _send_batch(now, limit: int) -> int:
    due = list(
        Reminder.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(state=ReminderState.PENDING, due_at__lte=now)
        .select_related("recipient", "notice__agency", "notice__locality")
        .order_by("due_at", "pk")[:limit]
    )
    relevant = [reminder for reminder in due if _still_relevant(reminder, now)]
    stale = [reminder.pk for reminder in due if not _still_relevant(reminder, now)]
    if stale:
        Reminder.objects.filter(pk__in=stale).update(state=ReminderState.WITHDRAWN, sent_at=None)
    if not relevant:
        return 0
    failed = []
    notify_many(
        [
            Note(
                reminder.recipient,
                reminder.kind,
                {"reminder": reminder, "notice": reminder.notice, **reminder.context},
                _url_for(reminder),
                key=reminder.pk,
            )
            for reminder in relevant
        ],
        failed=failed,
    )
    broken = {note.key for note, _exc in failed}
    Reminder.objects.filter(
        pk__in=[r.pk for r in relevant if r.pk not in broken], state=ReminderState.PENDING
    ).update(state=ReminderState.SENT, sent_at=now)
    for note, exc in failed:  # rare: a message that cannot be rendered
        log.error("reminder %s could not be sent: %s", note.key, exc)
        record_failure(note.key, exc)
    return len(relevant) - len(broken)


def _send_one_by_one(now, limit: int) -> int:
    ids = list(
        Reminder.objects.filter(state=ReminderState.PENDING, due_at__lte=now)
        .order_by("due_at")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for pk in ids:
        try:
            sent += send_one(pk, now)
        except Exception as exc:  # one broken row must not stop the others
            log.exception("reminder %s could not be sent", pk)
            record_failure(pk, exc)
    return sent


def record_failure(pk: int, exc: Exception) -> None:
    """Count the attempt and keep the error; after the outbox's maximum attempts the row
    is given up (FAILED) instead of being tried every minute forever."""
    Reminder.objects.filter(pk=pk, state=ReminderState.PENDING).update(
        attempts=F("attempts") + 1, last_error=f"{type(exc).__name__}: {exc}"[:2000]
    )
    Reminder.objects.filter(
        pk=pk, state=ReminderState.PENDING, attempts__gte=settings.OUTBOX_MAX_ATTEMPTS
    ).update(state=ReminderState.FAILED)


def sweep(now=None) -> int:
    """Every minute: find new director reminders, then send whatever is due."""
    schedule_unassigned_notice_reminders(now)
    return send_due(now)


def prune_finished(now=None) -> int:
    """Retention: delete sent, withdrawn and failed reminders whose occasion is more than
    REMINDER_RETENTION_DAYS past. Pending ones always stay. Safe against re-sending: a
    reminder is only ever scheduled for a time still ahead, so a pruned occasion is never
    created again."""
    now = now or timezone.now()
    deleted, _ = Reminder.objects.filter(
        state__in=[ReminderState.SENT, ReminderState.WITHDRAWN, ReminderState.FAILED],
        due_at__lt=now - timedelta(days=settings.REMINDER_RETENTION_DAYS),
    ).delete()
    return deleted
