"""The outbox: every message is a row before it is sent.

`notify()` renders a message and stores it in the caller's transaction; after commit a
Celery task tries to deliver it. If the broker is down the row simply waits: the beat
sweeper (every minute) picks up anything pending. Delivery claims the row with a
conditional UPDATE, so a retried task or a second worker never sends it twice.
"""

import logging
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from portal.enums import OutboxState
from portal.models import Notification, OutboxAttachment, OutboxMessage, User
from portal.preferences import channels_for

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


def notify_address(
    to_email: str, kind: str, context: dict, *, attachments: Iterable[Attachment] = ()
) -> OutboxMessage:
    """E-mail someone without an account (a press contact) through the outbox."""
    subject, text, html = render_message(kind, context)
    return queue_email(to_email, kind, subject, text, html, None, attachments)


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
    transaction.on_commit(lambda: enqueue_delivery(message.pk), robust=True)
    return message


def enqueue_delivery(message_id: int) -> None:
    """Hand a row to the broker. Failure is fine: the sweeper will find the row."""
    from portal.tasks import send_outbox_message

    send_outbox_message.apply_async(args=[message_id], retry=False)


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


def deliver(message_id: int) -> str:
    """Send one row if we can claim it. Returns the row's new state (or 'skipped')."""
    if not claim(message_id):
        return "skipped"
    message = OutboxMessage.objects.prefetch_related("attachments").get(pk=message_id)
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        to=[message.to_email],
        headers=message_headers(message),
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for attachment in message.attachments.all():
        email.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
    try:
        email.send()
    except TRANSIENT_ERRORS as exc:
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
    for index, message_id in enumerate(ids):
        try:
            enqueue_delivery(message_id)
        except Exception:  # noqa: BLE001 - broker trouble of any kind: deliver here
            log.warning("outbox sweep: broker refused, delivering %s rows inline", len(ids))
            for rest in ids[index:]:
                deliver(rest)
            break
    return len(ids)


def failed_count() -> int:
    return OutboxMessage.objects.filter(state=OutboxState.FAILED).count()
