"""The outbox: every message is a row before it is sent.

`notify()` renders a message and stores it in the caller's transaction; after commit its id
is handed to Celery with a short timeout. If the broker is down the rows simply wait: the
publish fails fast, no further publish is tried for a cool-down, and the beat sweeper
(every minute) picks up anything pending. Delivery claims the row with a conditional
UPDATE, so a retried task or a second worker never sends it twice.
"""

import logging
import smtplib
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
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
    ids = [message.pk for message in created]
    if ids:
        transaction.on_commit(lambda: publish_in_chunks(ids), robust=True)
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
# After commit each row's id is published with a connect and socket timeout well under a
# second and no retry, over one connection per thread that is kept between publishes. When
# a publish fails, publishing stops for OUTBOX_PUBLISH_COOLDOWN seconds in this process:
# a request that queues ten messages while the broker is down waits for one short attempt,
# not ten, and the requests after it do not wait at all. The sweeper delivers meanwhile.
#
# (One callback per message rather than one per transaction: a callback belongs to the
# transaction, or savepoint, that wrote its row, and is dropped with it.)

_local = threading.local()
_broker_down_until = 0.0


def _enqueue_after_commit(message_id: int) -> None:
    transaction.on_commit(lambda: enqueue_delivery(message_id), robust=True)


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


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0))


def message_headers(message: OutboxMessage) -> dict[str, str]:
    """The same Message-ID on every attempt, so a rare resend after a crash between the
    server's "250 OK" and our bookkeeping is recognisable as the same message."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(" >") or "duatin.local"
    return {"Message-ID": f"<outbox-{message.pk}@{domain}>", "X-Outbox-Id": str(message.pk)}


def deliver_many(message_ids: list[int]) -> list[str]:
    """Send a batch over one connection to the mail server (opening one per message cost
    most of the time). Each row is still claimed on its own, so it is sent exactly once
    whoever else holds the same ids; a connection that drops is opened again for the
    next row, the row it failed on waits for its retry like any transient failure."""
    from django.core.mail import get_connection

    connection = get_connection()
    results = []
    try:
        for message_id in message_ids:
            state = deliver(message_id, connection=connection)
            if state == OutboxState.PENDING or state == OutboxState.FAILED:
                connection.close()  # start afresh: the server may have dropped us
            results.append(state)
    finally:
        connection.close()
    return results


def deliver(message_id: int, connection=None) -> str:
    """Send one row if we can claim it. Returns the row's new state (or 'skipped')."""
    if not claim(message_id):
        return "skipped"
    # Attachments in the order they were queued (PostgreSQL returns rows in no set order).
    in_order = Prefetch("attachments", queryset=OutboxAttachment.objects.order_by("pk"))
    message = OutboxMessage.objects.prefetch_related(in_order).get(pk=message_id)
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
    OutboxMessage.objects.filter(pk=message.pk, state=OutboxState.SENDING).update(
        state=OutboxState.SENT, sent_at=timezone.now(), last_error=""
    )
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
