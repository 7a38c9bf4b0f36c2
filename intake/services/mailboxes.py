"""Reading the centres' mailboxes over IMAP: each message once, stored, filed away.

A poll lists the folder's UIDs, downloads the ones not yet recorded and records each as a
row (`InboundMail`) whose unique (mailbox, UIDVALIDITY, UID) is the claim: a second
worker, or a restart, meets the row and moves on. Only then is the message moved to the
processed folder (or flagged): a crash in between leaves it in the folder, recorded,
and the next poll files it away without importing it again. Reading what the rows say
(intake.services.intake) comes after, each row in one transaction with its notice and
its reply. An unreachable server or a refused login is recorded on the mailbox (and on
/health/), the director is told once per outage, and the next poll simply tries again.
"""

import logging
import socket
import ssl
from dataclasses import dataclass, field
from datetime import UTC

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError

from intake.models import InboundMail, Mailbox
from intake.reading import header_fields
from portal.outbox import notify
from portal.selectors import centre_editors

log = logging.getLogger(__name__)

IMPORTED_FLAG = b"$DuaTinImported"
IMAP_ERRORS = (IMAPClientError, OSError, socket.timeout, ssl.SSLError, EOFError)
HEADER_FETCH = "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID FROM SUBJECT)]"


@dataclass
class PollResult:
    ok: bool
    stored: list[int] = field(default_factory=list)  # ids of rows this poll recorded
    filed: int = 0
    error: str = ""


def settings_for(centre) -> Mailbox:
    mailbox, _created = Mailbox.objects.get_or_create(centre=centre)
    return mailbox


@transaction.atomic
def save_settings(form) -> Mailbox:
    """The director's form; a new password clears the last error so the next poll tells."""
    mailbox = form.save(commit=False)
    if form.has_changed():
        mailbox.last_error, mailbox.failing_since, mailbox.failure_reported = "", None, False
    mailbox.save()
    return mailbox


def connect(mailbox: Mailbox) -> IMAPClient:
    context = ssl.create_default_context() if mailbox.use_tls else None
    client = IMAPClient(
        mailbox.host,
        port=mailbox.port,
        ssl=mailbox.use_tls,
        ssl_context=context,
        timeout=settings.INTAKE_IMAP_TIMEOUT,
    )
    client.normalise_times = False  # INTERNALDATE with the server's offset, not naive
    try:
        client.login(mailbox.username, mailbox.password)
    except BaseException:
        client.shutdown()
        raise
    return client


def take_lease(mailbox_id: int) -> bool:
    """The right to poll this mailbox now: True for one worker; renewed per message."""
    now = timezone.now()
    free = Q(polling_until__isnull=True) | Q(polling_until__lt=now)
    until = now + settings.INTAKE_POLL_LEASE
    return bool(Mailbox.objects.filter(free, pk=mailbox_id).update(polling_until=until))


def _renew_lease(mailbox_id: int) -> None:
    until = timezone.now() + settings.INTAKE_POLL_LEASE
    Mailbox.objects.filter(pk=mailbox_id).update(polling_until=until)


def poll_mailbox(mailbox_id: int) -> PollResult:
    mailbox = Mailbox.objects.select_related("centre").get(pk=mailbox_id)
    if not mailbox.is_configured:
        return PollResult(ok=False, error="not configured")
    if not take_lease(mailbox_id):
        return PollResult(ok=True, error="another worker is polling")
    try:
        return _poll(mailbox)
    finally:
        Mailbox.objects.filter(pk=mailbox_id).update(polling_until=None)


def _poll(mailbox: Mailbox) -> PollResult:
    try:
        client = connect(mailbox)
        try:
            result = _fetch_new(client, mailbox)
        finally:
            try:
                client.logout()
            except IMAP_ERRORS:
                client.shutdown()
    except IMAP_ERRORS as exc:
        _record_failure(mailbox, exc)
        return PollResult(ok=False, error=_describe(exc))
    _record_success(mailbox)
    return result


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}"[:500] if text else type(exc).__name__


def _fetch_new(client: IMAPClient, mailbox: Mailbox) -> PollResult:
    info = client.select_folder(mailbox.folder)
    uidvalidity = int(info[b"UIDVALIDITY"])
    if mailbox.processed_folder:
        if not client.folder_exists(mailbox.processed_folder):
            client.create_folder(mailbox.processed_folder)
        uids = client.search(["ALL"])
    else:
        uids = client.search(["UNKEYWORD", IMPORTED_FLAG.decode()])
    uids = sorted(uids)[: settings.INTAKE_POLL_BATCH]
    result = PollResult(ok=True)
    if not uids:
        return result
    known = set(
        InboundMail.objects.filter(
            mailbox=mailbox, uidvalidity=uidvalidity, uid__in=uids
        ).values_list("uid", flat=True)
    )
    new = [uid for uid in uids if uid not in known]
    meta = client.fetch(new, ["INTERNALDATE", "RFC822.SIZE", HEADER_FETCH]) if new else {}
    for uid in new:
        _renew_lease(mailbox.pk)
        item = meta.get(uid)
        if item is None:
            continue  # expunged meanwhile (another client filed it away)
        size = int(item.get(b"RFC822.SIZE", 0))
        header = next((v for k, v in item.items() if k.startswith(b"BODY[HEADER")), b"")
        raw, too_large = None, size > settings.INTAKE_MAX_MESSAGE_BYTES
        if not too_large:
            body = client.fetch([uid], ["BODY.PEEK[]"]).get(uid, {})
            raw = body.get(b"BODY[]")
            if raw is None:
                continue
        mail = claim(
            mailbox,
            uidvalidity=uidvalidity,
            uid=uid,
            header=header,
            raw=raw,
            received_at=item.get(b"INTERNALDATE") or timezone.now(),
            size=size,
        )
        if mail is not None:
            result.stored.append(mail.pk)
        known.add(uid)  # recorded now, by this worker or another
    filed = sorted(uid for uid in uids if uid in known)
    _file_away(client, mailbox, filed)
    result.filed = len(filed)
    return result


def claim(mailbox, *, uidvalidity, uid, header: bytes, raw: bytes | None, received_at, size):
    """Record a message once; None when another worker (or an earlier poll) has it."""
    message_id, from_address, subject = header_fields(raw or header)
    if timezone.is_naive(received_at):
        received_at = timezone.make_aware(received_at, UTC)
    mail = InboundMail(
        mailbox=mailbox,
        centre_id=mailbox.centre_id,
        uidvalidity=uidvalidity,
        uid=uid,
        message_id=message_id,
        received_at=received_at,
        size=size,
        from_address=from_address,
        subject=subject,
        problems=[] if raw is not None else ["too_large"],
    )
    mail.raw.save(f"{uid}.eml", ContentFile(raw if raw is not None else header), save=False)
    for attempt in ("original", "copy"):
        try:
            with transaction.atomic():
                mail.save()
            return mail
        except IntegrityError:
            mail.pk = None
            taken = InboundMail.objects.filter(
                mailbox=mailbox, uidvalidity=uidvalidity, uid=uid
            ).exists()
            if taken or attempt == "copy" or not message_id:
                break
            # The same Message-ID came in again under another UID: a copy of the original.
            mail.original = InboundMail.objects.filter(
                mailbox=mailbox, message_id=message_id, original__isnull=True
            ).first()
    mail.raw.delete(save=False)
    return None


def _file_away(client: IMAPClient, mailbox: Mailbox, uids: list[int]) -> None:
    if not uids:
        return
    if mailbox.processed_folder:
        if b"MOVE" in client.capabilities():
            client.move(uids, mailbox.processed_folder)
        else:
            client.copy(uids, mailbox.processed_folder)
            client.delete_messages(uids)
            client.expunge(uids) if b"UIDPLUS" in client.capabilities() else client.expunge()
    else:
        client.add_flags(uids, [IMPORTED_FLAG, b"\\Seen"], silent=True)


@transaction.atomic
def _record_failure(mailbox: Mailbox, exc: BaseException) -> None:
    now = timezone.now()
    mailbox = Mailbox.objects.select_for_update().select_related("centre").get(pk=mailbox.pk)
    mailbox.last_polled_at = now
    mailbox.last_error = _describe(exc)
    mailbox.failing_since = mailbox.failing_since or now
    log.warning("mailbox of centre %s: %s", mailbox.centre_id, mailbox.last_error)
    if not mailbox.failure_reported:
        mailbox.failure_reported = True
        context = {"mailbox": mailbox, "centre": mailbox.centre}
        for editor in centre_editors(mailbox.centre_id):
            notify(editor, "intake_mailbox_failed", context, url=reverse("intake:mailbox"))
    mailbox.save()


def _record_success(mailbox: Mailbox) -> None:
    now = timezone.now()
    Mailbox.objects.filter(pk=mailbox.pk).update(
        last_polled_at=now,
        last_ok_at=now,
        last_error="",
        failing_since=None,
        failure_reported=False,
    )


def configured_mailboxes():
    return Mailbox.objects.filter(enabled=True).exclude(host="").exclude(username="")


def mailbox_health() -> dict | None:
    """For /health/: None when no centre reads a mailbox (nothing to say), else which
    fail (the centre's id and the kind of error; the details are on the director's page)."""
    boxes = list(configured_mailboxes().only("centre_id", "last_error", "failing_since"))
    if not boxes:
        return None
    failing = [
        {
            "centre": box.centre_id,
            "error": box.last_error.split(":")[0],
            "since": box.failing_since.isoformat() if box.failing_since else None,
        }
        for box in boxes
        if box.last_error
    ]
    return {"ok": not failing, "configured": len(boxes), "failing": failing}
