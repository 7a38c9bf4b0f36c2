"""The outbox: every message is a row before it is sent.

`notify()` renders a message and stores it in the caller's transaction; after commit the
ids a transaction wrote are handed to Celery together, with a short timeout, and a request
hands over everything it wrote once, at its end (`OutboxPublishMiddleware`). If the
broker is down the rows simply wait: the publish fails fast, no further publish is tried
for a cool-down, and the beat sweeper (every minute) picks up anything pending. Delivery
claims a batch of rows in one conditional UPDATE (on PostgreSQL with SKIP LOCKED), so a
retried task or a second worker never sends a row twice.
"""

import contextvars
import logging
import smtplib
import threading
import time
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F, Prefetch, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from portal import sms
from portal.enums import OutboxChannel, OutboxState
from portal.models import (
    Notification,
    NotificationPreference,
    OutboxAttachment,
    OutboxMessage,
    User,
)
from portal.preferences import Channels, channels_for

log = logging.getLogger(__name__)

# Errors worth another try later: the mail server or the network, not our data.
TRANSIENT_ERRORS = (smtplib.SMTPException, OSError, TimeoutError)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


def render_message(kind: str, context: dict) -> tuple[str, str, str]:
    """Subject, text and HTML bodies from templates/notifications/<kind>.*, in Vietnamese."""
    ctx = {"site_url": settings.SITE_URL, **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"notifications/{kind}_subject.txt", ctx)
        text = render_to_string(f"notifications/{kind}.txt", ctx)
        html = render_to_string(f"notifications/{kind}.html", ctx)
    return " ".join(subject.split())[:255], text.strip() + "\n", html


def notify(
    recipient: User,
    kind: str,
    context: dict,
    *,
    url: str = "",
    email: bool | None = None,
    in_app: bool | None = None,
    attachments: Iterable[Attachment] = (),
) -> OutboxMessage | None:
    """Tell a user something: an in-app notification now, an e-mail through the outbox.

    `email` / `in_app` left as None follow the recipient's preference for this kind
    (both on by default); True or False force the channel.
    """
    if email is None or in_app is None:
        chosen = channels_for(recipient, kind)
        email = chosen.email if email is None else email
        in_app = chosen.in_app if in_app is None else in_app
    if not (in_app or (email and recipient.email)):
        return None
    context = {"recipient": recipient, "url": url, **context}
    subject, text, html = render_message(kind, context)
    if in_app:
        Notification.objects.create(
            recipient=recipient, kind=kind, title=subject, body=text[:2000], url=url
        )
    if not (email and recipient.email):
        return None
    return queue_email(recipient.email, kind, subject, text, html, recipient, attachments)


@dataclass(frozen=True)
class Note:
    """One `notify()` call, for `notify_many`."""

    recipient: User
    kind: str
    context: dict
    url: str = ""
    key: object = None  # the caller's own reference (a reminder's id), for `failed`


def notify_many(notes: list[Note], failed: list | None = None) -> list[OutboxMessage]:
    """`notify()` for a batch in a constant number of queries: the recipients'
    preferences in one read, the notifications in one INSERT, the e-mails in one INSERT
    and, after commit, one publish for all of them. (No attachments here.) A note whose
    message cannot be rendered is left out and, when `failed` is given, appended to it
    as (note, exception); otherwise the error is raised."""
    if not notes:
        return []
    stored = NotificationPreference.objects.filter(
        user_id__in={note.recipient.pk for note in notes},
        kind__in={note.kind for note in notes},
    )
    chosen = {(p.user_id, p.kind): Channels(p.email, p.in_app) for p in stored}
    notifications, messages = [], []
    for note in notes:
        channels = chosen.get((note.recipient.pk, note.kind), Channels())
        wants_email = channels.email and bool(note.recipient.email)
        if not (channels.in_app or wants_email):
            continue
        context = {"recipient": note.recipient, "url": note.url, **note.context}
        try:
            subject, text, html = render_message(note.kind, context)
        except Exception as exc:
            if failed is None:
                raise
            failed.append((note, exc))
            continue
        if channels.in_app:
            notifications.append(
                Notification(
                    recipient=note.recipient,
                    kind=note.kind,
                    title=subject,
                    body=text[:2000],
                    url=note.url,
                )
            )
        if wants_email:
            messages.append(
                OutboxMessage(
                    kind=note.kind,
                    recipient=note.recipient,
                    to_email=note.recipient.email,
                    subject=subject,
                    body_text=text,
                    body_html=html,
                )
            )
    Notification.objects.bulk_create(notifications)
    created = OutboxMessage.objects.bulk_create(messages)
    _enqueue_after_commit(*(message.pk for message in created))
    return created


def publish_in_chunks(ids: list[int]) -> bool:
    chunk = settings.OUTBOX_PUBLISH_CHUNK
    return all([publish(ids[start : start + chunk]) for start in range(0, len(ids), chunk)])


def notify_address(
    to_email: str, kind: str, context: dict, *, attachments: Iterable[Attachment] = ()
) -> OutboxMessage:
    """E-mail someone without an account (a press contact) through the outbox."""
    subject, text, html = render_message(kind, context)
    return queue_email(to_email, kind, subject, text, html, None, attachments)


def render_sms(kind: str, context: dict) -> str:
    """The text of templates/notifications/<kind>_sms.txt, in Vietnamese, one SMS long
    at most (a longer one is cut: the templates are written short)."""
    ctx = {"site_url": settings.SITE_URL, **context}
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(f"notifications/{kind}_sms.txt", ctx)
    return " ".join(text.split())[:320]


def notify_phone(to_phone: str, kind: str, context: dict) -> OutboxMessage:
    """Text someone (by phone number, with or without an account) through the outbox."""
    text = render_sms(kind, context)
    message = OutboxMessage.objects.create(
        kind=kind,
        channel=OutboxChannel.SMS,
        to_phone=to_phone.strip(),
        subject=text[:255],
        body_text=text,
    )
    _enqueue_after_commit(message.pk)
    return message


def queue_email(to_email, kind, subject, text, html, recipient=None, attachments=()):
    message = OutboxMessage.objects.create(
        kind=kind,
        recipient=recipient,
        to_email=to_email,
        subject=subject,
        body_text=text,
        body_html=html,
    )
    OutboxAttachment.objects.bulk_create(
        OutboxAttachment(
            message=message, filename=a.filename, mimetype=a.mimetype, content=a.content
        )
        for a in attachments
    )
    _enqueue_after_commit(message.pk)
    return message


# ---- handing rows to the broker ----------------------------------------------------------
#
# After commit the ids a transaction wrote are published together, with a connect and
# socket timeout well under a second and no retry, over one connection per thread that is
# kept between publishes. Inside a request (`OutboxPublishMiddleware`) the committed ids
# are only collected, and published once when the request ends, however many
# transactions wrote them. When a publish fails, publishing stops for
# OUTBOX_PUBLISH_COOLDOWN seconds in this process: a request that queues ten messages
# while the broker is down waits for one short attempt at most, and the requests after it
# do not wait at all. The sweeper delivers meanwhile.
#
# One callback per transaction: the first row a transaction writes registers a
# `_Handover` with on_commit, later rows join it while it is registered by a block still
# open. A callback belongs to the savepoint that registered it and is dropped when that
# savepoint rolls back; the next row then registers a fresh one, so no committed row is
# left without a callback. (Rows after a released savepoint that registered the first
# get a second hand-over: two publishes in that transaction, one in a request. Ids of
# rolled-back rows that joined an outer callback are published too and skipped by the
# claim: they no longer exist.)

_local = threading.local()
_broker_down_until = 0.0
_request_ids: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar(
    "outbox_request_ids", default=None
)


class _Handover:
    """The ids one transaction wrote, handed over after its commit."""

    def __init__(self):
        self.ids: list[int] = []
        self.done = False

    def __call__(self) -> None:
        self.done = True
        hand_over(self.ids)


def _enqueue_after_commit(*message_ids: int) -> None:
    if not message_ids:
        return
    conn = transaction.get_connection()
    if not conn.in_atomic_block:  # autocommit: the rows are committed already
        hand_over(list(message_ids))
        return
    handover = getattr(conn, "_outbox_handover", None)
    if handover is None or handover.done or not _still_open(conn, handover):
        handover = conn._outbox_handover = _Handover()
        transaction.on_commit(handover, robust=True)
    handover.ids.extend(message_ids)


def _still_open(conn, handover: _Handover) -> bool:
    """Is the hand-over registered, by a block that is still open around us? (Django's
    entries are (savepoint ids at registration, callback, robust); savepoint ids are
    unique, so "all of them still open" means this block or one enclosing it. Inside a
    test's never-committed transaction a finished block's entry stays in the list; it
    must not collect rows of later blocks.)"""
    open_now = set(conn.savepoint_ids)
    return any(sids <= open_now for sids, func, _ in conn.run_on_commit if func is handover)


def hand_over(ids: list[int]) -> None:
    """Committed rows: kept for the end of the request inside one, published otherwise."""
    collected = _request_ids.get()
    if collected is not None:
        collected.extend(ids)
    else:
        publish_in_chunks(ids)


@contextmanager
def one_publish():
    """Collect every committed row inside the block and publish them once at its end (in
    one message: a request's rows go to one worker). The broker's trouble is `publish`'s:
    the block never fails because of it."""
    if _request_ids.get() is not None:  # nested: the outer block publishes
        yield
        return
    token = _request_ids.set([])
    try:
        yield
    finally:
        ids = _request_ids.get()
        _request_ids.reset(token)
        if ids:
            publish(ids)


class OutboxPublishMiddleware:
    """One publish per request, after everything it committed (see `one_publish`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with one_publish():
            return self.get_response(request)


def _publishing_connection():
    from portal.celery import app

    conn = getattr(_local, "connection", None)
    if conn is None or getattr(_local, "url", None) != app.conf.broker_url:
        _drop_publishing_connection()
        _local.url = app.conf.broker_url
        timeout = settings.OUTBOX_PUBLISH_TIMEOUT
        conn = _local.connection = app.connection_for_write(
            connect_timeout=timeout,
            transport_options={
                "socket_connect_timeout": timeout,
                "socket_timeout": timeout,
                "max_retries": 0,
            },
        )
    return conn


def _drop_publishing_connection() -> None:
    conn = getattr(_local, "connection", None)
    _local.connection = _local.url = None
    if conn is not None:
        try:
            conn.release()
        except Exception:  # noqa: BLE001, S110 - a dead connection may fail to close
            pass


def broker_cooling_down() -> bool:
    return time.monotonic() < _broker_down_until


def publish(ids: list[int]) -> bool:
    """Hand rows to the broker in one message; False when the broker is unreachable or
    cooling down after a failure. Failure is fine: the sweeper finds the rows."""
    global _broker_down_until  # noqa: PLW0603 - one flag per process, on purpose
    from portal.tasks import send_outbox_messages

    if not ids:
        return True
    if broker_cooling_down():
        log.info("outbox: broker cooling down, %s rows left to the sweeper", len(ids))
        return False
    try:
        send_outbox_messages.apply_async(
            args=[list(ids)], connection=_publishing_connection(), retry=False
        )
    except Exception as exc:  # noqa: BLE001 - broker trouble of any kind: the sweeper delivers
        _drop_publishing_connection()
        _broker_down_until = time.monotonic() + settings.OUTBOX_PUBLISH_COOLDOWN
        log.warning("outbox: broker unreachable (%s), %s rows left to the sweeper", exc, len(ids))
        return False
    return True


def reset_broker_state() -> None:
    """Forget a past broker failure (tests, or after the broker is known to be back)."""
    global _broker_down_until  # noqa: PLW0603
    _broker_down_until = 0.0
    _drop_publishing_connection()


def enqueue_delivery(message_id: int) -> bool:
    """Hand one row to the broker (see `publish`)."""
    return publish([message_id])


def claim(message_id: int) -> bool:
    now = timezone.now()
    claimed = OutboxMessage.objects.filter(
        pk=message_id, state=OutboxState.PENDING, next_attempt_at__lte=now
    ).update(state=OutboxState.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    return claimed == 1


def claim_batch(message_ids: list[int], limit: int) -> list[int]:
    """Claim up to `limit` of these rows that are pending and due, in one statement; the
    ids claimed. On PostgreSQL rows another worker is claiming are skipped, not waited
    for (SKIP LOCKED), and only one claim can win a row. On SQLite (development, tests;
    one writer at a time) each row is claimed by its own conditional UPDATE, with the
    same guarantee."""
    if not message_ids:
        return []
    now = timezone.now()
    if db_connection.vendor != "postgresql":
        due = OutboxMessage.objects.filter(
            pk__in=message_ids, state=OutboxState.PENDING, next_attempt_at__lte=now
        ).order_by("pk")
        return [pk for pk in due.values_list("pk", flat=True)[:limit] if claim(pk)]
    table = db_connection.ops.quote_name(OutboxMessage._meta.db_table)
    sql = f"""
        UPDATE {table} SET state = %s, claimed_at = %s, attempts = attempts + 1
        WHERE id IN (
            SELECT id FROM {table}
            WHERE id = ANY(%s) AND state = %s AND next_attempt_at <= %s
            ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED
        ) AND state = %s
        RETURNING id"""  # noqa: S608 - the table name is ours, the values are parameters
    params = [
        OutboxState.SENDING,
        now,
        list(message_ids),
        OutboxState.PENDING,
        now,
        limit,
        OutboxState.PENDING,
    ]
    with transaction.atomic(), db_connection.cursor() as cursor:
        cursor.execute(sql, params)
        return sorted(row[0] for row in cursor.fetchall())


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0))


def message_headers(message: OutboxMessage) -> dict[str, str]:
    """The same Message-ID on every attempt, so a rare resend after a crash between the
    server's "250 OK" and our bookkeeping is recognisable as the same message."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(" >") or "duatin.local"
    return {"Message-ID": f"<outbox-{message.pk}@{domain}>", "X-Outbox-Id": str(message.pk)}


@contextmanager
def _quick_marks():
    """On PostgreSQL the "sent" marks of a drain commit without waiting for the disk
    (`synchronous_commit = off`, this session only, while draining). A mark is visible
    and safe as soon as its UPDATE returns, whatever happens to the worker afterwards;
    only a crash of the database server itself within a fraction of a second could lose
    one, and those rows are then sent again by the janitor (same Message-ID)."""
    if db_connection.vendor != "postgresql" or db_connection.in_atomic_block:
        yield
        return
    with db_connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        with db_connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def _mark_sent(ids: list[int]) -> None:
    if ids:
        OutboxMessage.objects.filter(pk__in=ids, state=OutboxState.SENDING).update(
            state=OutboxState.SENT, sent_at=timezone.now(), last_error=""
        )
        ids.clear()


def deliver_many(message_ids: list[int]) -> list[str]:
    """Send these rows over one connection to the mail server, a batch at a time: the
    batch is claimed in one statement and read in two (rows, attachments), then sent,
    and the sent rows are marked in one UPDATE every OUTBOX_MARK_EVERY messages (and at
    the end of the batch). A row that is not pending and due, or that another worker
    claimed, is 'skipped'. A failure is recorded on its row at once (its attempts and
    backoff are its own); the connection is then opened again for the next row.

    Exactly once per row still holds for claiming: no two workers send one row. The one
    window for a resend is the same as with a mark per row, only wider: a worker killed
    after the server's "250" for a message and before its mark is flushed leaves up to
    OUTBOX_MARK_EVERY accepted rows in 'sending'; the janitor releases them and they go
    again, with the same Message-ID (at-least-once over SMTP, as before, for at most that
    many messages; OUTBOX_MARK_EVERY=1 is a mark per message).
    Returns each id's new state, in the order given."""
    from django.core.mail import get_connection

    batch_size, mark_every = settings.OUTBOX_CLAIM_BATCH, settings.OUTBOX_MARK_EVERY
    states: dict[int, str] = {}
    connection = get_connection()
    sent: list[int] = []
    try:
        with _quick_marks():
            for start in range(0, len(message_ids), batch_size):
                chunk = message_ids[start : start + batch_size]
                for message in _claimed_messages(claim_batch(chunk, batch_size)):
                    state = _send(message, connection, mark=False)
                    states[message.pk] = state
                    if state == OutboxState.SENT:
                        sent.append(message.pk)
                        if len(sent) >= mark_every:
                            _mark_sent(sent)
                    else:
                        connection.close()  # start afresh: the server may have dropped us
                _mark_sent(sent)
    finally:
        try:
            _mark_sent(sent)  # what was accepted before an error, as far as we can
        finally:
            connection.close()
    return [states.get(message_id, "skipped") for message_id in message_ids]


def _claimed_messages(ids: list[int]) -> list[OutboxMessage]:
    # Attachments in the order they were queued (PostgreSQL returns rows in no set order).
    in_order = Prefetch("attachments", queryset=OutboxAttachment.objects.order_by("pk"))
    return list(OutboxMessage.objects.filter(pk__in=ids).prefetch_related(in_order).order_by("pk"))


def deliver(message_id: int, connection=None) -> str:
    """Send one row if we can claim it. Returns the row's new state (or 'skipped')."""
    if not claim(message_id):
        return "skipped"
    return _send(_claimed_messages([message_id])[0], connection)


def _send(message: OutboxMessage, connection=None, *, mark: bool = True) -> str:
    """Send a claimed row and record a failure; the success too unless `mark` is False
    (the caller marks sent rows together). A text message goes to the SMS gateway and is
    marked at once."""
    if message.channel == OutboxChannel.SMS:
        return _deliver_sms(message)
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        to=[message.to_email],
        headers=message_headers(message),
        connection=connection,
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for attachment in message.attachments.all():
        email.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
    try:
        if connection is not None:
            connection.open()  # kept open for the batch's next rows; a no-op once open
        email.send()
    except TRANSIENT_ERRORS as exc:
        return _record_failure(message, exc)
    if mark:
        _mark_sent([message.pk])
    return OutboxState.SENT


def _deliver_sms(message: OutboxMessage) -> str:
    try:
        sms.send(
            sms.SmsMessage(to=message.to_phone, body=message.body_text, reference=str(message.pk))
        )
    except TRANSIENT_ERRORS as exc:  # SmsUnavailable is an OSError
        return _record_failure(message, exc)
    OutboxMessage.objects.filter(pk=message.pk, state=OutboxState.SENDING).update(
        state=OutboxState.SENT, sent_at=timezone.now(), last_error=""
    )
    return OutboxState.SENT


def _record_failure(message: OutboxMessage, exc: Exception) -> str:
    give_up = message.attempts >= settings.OUTBOX_MAX_ATTEMPTS
    state = OutboxState.FAILED if give_up else OutboxState.PENDING
    OutboxMessage.objects.filter(pk=message.pk, state=OutboxState.SENDING).update(
        state=state,
        last_error=f"{type(exc).__name__}: {exc}"[:2000],
        next_attempt_at=timezone.now() + backoff(message.attempts),
    )
    log.warning("outbox %s attempt %s failed: %s", message.pk, message.attempts, exc)
    return state


def release_stuck(now=None) -> int:
    """The janitor: rows claimed long ago by a worker that died go back to pending.

    A row that has already used all its attempts (a message that kills its worker every
    time) is marked failed instead, so it cannot loop forever.
    """
    now = now or timezone.now()
    stuck = OutboxMessage.objects.filter(
        state=OutboxState.SENDING, claimed_at__lt=now - settings.OUTBOX_STUCK_AFTER
    )
    failed = stuck.filter(attempts__gte=settings.OUTBOX_MAX_ATTEMPTS).update(
        state=OutboxState.FAILED, last_error="worker lost while sending"
    )
    released = stuck.update(state=OutboxState.PENDING, next_attempt_at=now)
    if failed or released:
        log.warning("outbox janitor: %s released, %s failed", released, failed)
    return released


def due_message_ids(now=None, limit: int | None = None) -> list[int]:
    now = now or timezone.now()
    limit = limit or settings.OUTBOX_SWEEP_BATCH
    return list(
        OutboxMessage.objects.filter(Q(state=OutboxState.PENDING) & Q(next_attempt_at__lte=now))
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )


def sweep(now=None) -> int:
    """Release stuck rows, then hand every due row to the workers, one batch at most.

    Fanning out through the broker spreads a backlog over all workers; if the broker
    refuses, this process delivers the batch itself. Handing a row out twice is harmless:
    only one `claim` can win.
    """
    release_stuck(now)
    ids = due_message_ids(now)
    chunk = settings.OUTBOX_PUBLISH_CHUNK
    for start in range(0, len(ids), chunk):
        if not publish(ids[start : start + chunk]):
            log.warning("outbox sweep: broker refused, delivering %s rows inline", len(ids))
            deliver_many(ids[start:])
            break
    return len(ids)


def failed_count() -> int:
    return OutboxMessage.objects.filter(state=OutboxState.FAILED).count()
