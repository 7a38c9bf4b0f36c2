"""What a recorded e-mail becomes: a notice, a draft for the centre, a duplicate.

Each row is read in one transaction that first moves it out of "fetched" (a conditional
UPDATE: of two workers, one gets it; a crash rolls back and the next poll reads it
again), then creates the notice through events.services.notices (the one writer) and
queues the reply through the outbox, so a mail is answered once.

A notice is created when the sender is known (an agency's staff account or an address
registered for the agency), the server vouches for the From address, and the start was
read with confidence and lies ahead of the mail. Anything else waits in the centre's
intake inbox; a forged From of a known agency is held there too.
"""

import io
import logging
import re
from datetime import datetime, timedelta
from difflib import SequenceMatcher

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse

from contacts.models import Organisation
from contacts.selectors import localities_of_centre
from events.enums import AttachmentKind, NoticeKind, NoticeStatus, ReceivedVia
from events.leaders_import import fold
from events.models import Notice
from events.services.notices import Upload, submit_notice
from intake.enums import MailState, SenderMatch
from intake.models import AgencyAddress, InboundAttachment, InboundMail
from intake.reading import Part, ReadMail, read_message
from intake.understanding import propose
from portal.archives import ZipLimits
from portal.enums import Role
from portal.files import DOCX, JPEG, PDF, PNG, UnrecognisedFile, verify_upload
from portal.models import User
from portal.outbox import notify_address

log = logging.getLogger(__name__)

ACCEPTED_TYPES = (PDF, DOCX, JPEG, PNG)
MAX_PDF_PAGES = 20
NO_REPLY_RE = re.compile(r"^(mailer-daemon|postmaster|no-?reply|do-?not-?reply)@")


def pending_ids(mailbox_id: int | None = None) -> list[int]:
    rows = InboundMail.objects.filter(state=MailState.FETCHED)
    if mailbox_id is not None:
        rows = rows.filter(mailbox_id=mailbox_id)
    return list(rows.order_by("pk").values_list("pk", flat=True)[: settings.INTAKE_POLL_BATCH])


def process_pending(mailbox_id: int | None = None) -> int:
    """Read every mail still "fetched". A mail that breaks the reader (a bug, a file no
    parser survives) is not retried for ever nor allowed to block the others: it goes to
    the inbox as refused, with its original, for staff to handle by hand."""
    done = 0
    for pk in pending_ids(mailbox_id):
        try:
            done += process_mail(pk)
        except Exception:  # noqa: BLE001 - one bad mail must not stop the rest
            log.exception("intake could not read mail %s", pk)
            InboundMail.objects.filter(pk=pk, state=MailState.FETCHED).update(
                state=MailState.REFUSED, problems=["unreadable"]
            )
    return done


# --- Who sent it -----------------------------------------------------------------------


def match_sender(centre_id: int, address: str) -> tuple[str, Organisation | None, User | None]:
    if not address:
        return SenderMatch.UNKNOWN, None, None
    user = (
        User.objects.filter(
            email__iexact=address,
            is_active=True,
            role=Role.AGENCY_STAFF,
            organisation__centre_id=centre_id,
        )
        .select_related("organisation")
        .first()
    )
    if user is not None:
        return SenderMatch.STAFF, user.organisation, user
    registered = (
        AgencyAddress.objects.filter(centre_id=centre_id, email__iexact=address)
        .select_related("agency")
        .first()
    )
    if registered is not None:
        return SenderMatch.REGISTERED, registered.agency, None
    agency = Organisation.objects.filter(
        centre_id=centre_id, email__iexact=address, is_active=True
    ).first()
    if agency is not None:
        return SenderMatch.REGISTERED, agency, None
    return SenderMatch.UNKNOWN, None, None


# --- Attachments -----------------------------------------------------------------------


def extract_text(content: bytes, file_type) -> str:
    """Text of a PDF (pypdf) or DOCX (python-docx); "" for images and unreadable files."""
    try:
        if file_type == PDF:
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(content))
            return "\n".join((page.extract_text() or "") for page in reader.pages[:MAX_PDF_PAGES])
        if file_type == DOCX:
            import docx

            document = docx.Document(io.BytesIO(content))
            lines = [p.text for p in document.paragraphs]
            for table in document.tables:
                for row in table.rows:
                    lines.append(" ".join(cell.text for cell in row.cells))
            return "\n".join(lines)
    except Exception:  # noqa: BLE001 - pypdf and python-docx raise many kinds on bad files
        return ""
    return ""


def _zip_limits() -> ZipLimits:
    return ZipLimits(
        max_members=settings.UPLOAD_ZIP_MAX_MEMBERS,
        max_inflated_bytes=settings.UPLOAD_ZIP_MAX_INFLATED_BYTES,
        max_ratio=settings.UPLOAD_ZIP_MAX_RATIO,
    )


def store_attachments(mail: InboundMail, parts: list[Part]) -> tuple[list, str, list[str]]:
    """Verify each part like a form upload; keep the accepted ones (and their text), record
    the refused ones with the reason. Returns (accepted rows, their text, problems)."""
    accepted, texts, problems = [], [], []
    limit = settings.INTAKE_MAX_ATTACHMENTS
    if len(parts) > limit:
        problems.append("too_many_attachments")
    for index, part in enumerate(parts):
        row = InboundAttachment(
            mail=mail,
            original_name=part.filename,
            content_type=part.mimetype[:100],
            size=len(part.content),
        )
        if index >= limit:
            row.problem = f"more than {limit} attachments"
            row.save()
            continue
        upload = ContentFile(part.content, name=part.filename)
        try:
            file_type = verify_upload(
                upload,
                ACCEPTED_TYPES,
                settings.INTAKE_MAX_ATTACHMENT_BYTES,
                zip_limits=_zip_limits(),
            )
        except UnrecognisedFile as exc:
            row.problem = str(exc)[:500]
            row.save()
            problems.append("attachment_refused")
            continue
        row.accepted, row.content_type = True, file_type.mimetype
        row.file.save(part.filename, upload, save=False)
        row.save()
        accepted.append(row)
        text = extract_text(part.content, file_type)
        if file_type in (PDF, DOCX) and not text.strip():
            problems.append("attachment_unreadable")
        texts.append(text)
    return accepted, "\n\n".join(texts), problems


# --- Duplicates --------------------------------------------------------------------------


def similar_titles(a: str, b: str) -> bool:
    a, b = fold(a), fold(b)
    return bool(a and b) and (a in b or b in a or SequenceMatcher(None, a, b).ratio() >= 0.6)


def find_duplicate(agency_id: int, starts_at: datetime, title: str) -> Notice | None:
    """A notice of the same agency starting within an hour with a similar title."""
    window = timedelta(hours=1)
    candidates = Notice.objects.filter(
        agency_id=agency_id,
        starts_at__gte=starts_at - window,
        starts_at__lte=starts_at + window,
    ).exclude(status=NoticeStatus.CANCELLED)
    return next((n for n in candidates if similar_titles(n.title, title)), None)


# --- Reading one mail --------------------------------------------------------------------


def _value(proposal: dict, name: str, default=None):
    return (proposal.get(name) or {}).get("value", default)


def notice_data(mail: InboundMail) -> dict:
    """The notice fields the proposal gives (for the service, or to prefill the form)."""
    proposal = mail.proposal
    starts = _value(proposal, "starts_at")
    ends = _value(proposal, "ends_at")
    sender = mail.sender_user
    data = {
        "title": (_value(proposal, "title") or mail.subject or "")[:255],
        "kind": _value(proposal, "kind", NoticeKind.PLANNED),
        "starts_at": datetime.fromisoformat(starts) if starts else None,
        "ends_at": datetime.fromisoformat(ends) if ends else None,
        "address": (_value(proposal, "address") or "")[:255],
        "contact_name": (
            _value(proposal, "contact_name")
            or (sender.display_name if sender else "")
            or mail.from_name
        )[:150],
        "contact_phone": (_value(proposal, "contact_phone") or "")[:30],
        "description": mail.body_text[:4000],
    }
    locality = _value(proposal, "locality")
    if locality:
        data["locality"] = localities_of_centre(mail.centre_id).filter(pk=locality).first()
    return data


def _is_clear(mail: InboundMail, read: ReadMail) -> bool:
    start = mail.field("starts_at")
    return bool(
        mail.agency_id
        and read.verified
        and mail.field("title").get("value")
        and start.get("confidence", 0) >= settings.INTAKE_MIN_START_CONFIDENCE
        and datetime.fromisoformat(start["value"]) > mail.received_at
    )


def _problems_of(mail: InboundMail, read: ReadMail) -> list[str]:
    problems = list(mail.problems)
    start = mail.field("starts_at")
    if not start:
        problems.append("no_date")
    elif datetime.fromisoformat(start["value"]) <= mail.received_at:
        problems.append("date_past")
    elif start.get("confidence", 0) < settings.INTAKE_MIN_START_CONFIDENCE:
        problems.append("date_unsure")
    if not mail.field("title"):
        problems.append("no_title")
    if mail.sender_match == SenderMatch.UNKNOWN:
        problems.append("unknown_sender")
    elif not read.verified:
        problems.append("sender_unverified")
    if read.html_only:
        problems.append("html_only")
    return list(dict.fromkeys(problems))


def process_mail(pk: int) -> bool:
    with transaction.atomic():
        # The claim to read it: of two workers, one moves the row out of "fetched".
        if not InboundMail.objects.filter(pk=pk, state=MailState.FETCHED).update(
            state=MailState.DRAFT
        ):
            return False
        mail = InboundMail.objects.select_related("mailbox", "centre", "original").get(pk=pk)
        _read(mail)
    return True


def _read(mail: InboundMail) -> None:
    if mail.original_id:
        mail.state, mail.notice = MailState.DUPLICATE, mail.original.notice
        mail.save()
        return  # a copy of a message already answered
    if "too_large" in mail.problems:
        mail.state = MailState.REFUSED
        mail.save()
        _reply(mail, "too_large")
        return
    with mail.raw.open("rb") as stream:
        raw = stream.read()
    read = read_message(raw)
    mail.from_address = read.from_address or mail.from_address
    mail.from_name, mail.subject = read.from_name, read.subject or mail.subject
    mail.body_text, mail.sender_verified = read.text, read.verified
    mail.sender_match, agency, mail.sender_user = match_sender(mail.centre_id, mail.from_address)
    mail.agency = agency
    accepted, attachment_text, problems = store_attachments(mail, read.attachments)
    mail.problems = problems
    text = f"{read.text}\n\n{attachment_text}"
    mail.proposal = propose(
        read.subject, text, mail.received_at, localities_of_centre(mail.centre_id)
    )
    if agency is not None and "organisation" not in mail.proposal:
        mail.proposal["organisation"] = {"value": agency.name, "source": "", "confidence": 0.6}
    mail.problems = _problems_of(mail, read)
    data = notice_data(mail)
    duplicate = None
    if agency is not None and data["starts_at"]:
        duplicate = find_duplicate(agency.pk, data["starts_at"], data["title"])
    if duplicate is not None:
        mail.state, mail.notice = MailState.DUPLICATE, duplicate
        mail.save()
        _reply(mail, "duplicate")
        return
    if _is_clear(mail, read):
        mail.notice = create_notice(mail, data, accepted, by=mail.sender_user)
        mail.state = MailState.NOTICE
        mail.save()
        _reply(mail, "notice")
        return
    held = agency is not None and not read.verified
    mail.state = MailState.HELD if held else MailState.DRAFT
    mail.save()
    _reply(mail, "unknown" if agency is None else "draft")


def create_notice(mail: InboundMail, data: dict, attachments, *, by) -> Notice:
    """The notice, received by e-mail at the server's arrival time, with the invitation
    files and the original message attached."""
    uploads = []
    for row in attachments:
        row.file.open("rb")
        uploads.append(Upload(AttachmentKind.INVITATION, _named(row.file, row.original_name)))
    with mail.raw.open("rb") as stream:
        uploads.append(Upload(AttachmentKind.OTHER, ContentFile(stream.read(), name="email.eml")))
    return submit_notice(
        agency=mail.agency,
        by=by,
        data={k: v for k, v in data.items() if v is not None},
        uploads=uploads,
        received_at=mail.received_at,
        via=ReceivedVia.EMAIL,
        receipt=False,
    )


def _named(field_file, name: str) -> ContentFile:
    content = ContentFile(field_file.read(), name=name)
    field_file.close()
    return content


def _reply(mail: InboundMail, outcome: str) -> None:
    """One answer to the sender, through the outbox, in the mail's transaction."""
    address = mail.from_address
    own = (mail.mailbox.username or "").lower()
    if not address or address == own or NO_REPLY_RE.match(address):
        return
    correct_url = ""
    if mail.notice_id and mail.sender_user_id:
        correct_url = settings.SITE_URL + reverse("events:edit", args=[mail.notice_id])
    notify_address(
        address,
        "intake_reply",
        {
            "mail": mail,
            "outcome": outcome,
            "notice": mail.notice,
            "data": notice_data(mail) if outcome != "too_large" else {},
            "correct_url": correct_url,
            "centre": mail.centre,
        },
    )
