"""Requests from people about their data: received, verified by a code sent to the
e-mail or phone on file (the person chooses; SMS when they give no e-mail), a case for the
reviewers with a deadline in working days, answered through the outbox by the same
channel."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from contacts.enums import ConsentSource, LegalBasis, ProposalStatus
from contacts.forms.entries import ContactForm
from contacts.models import PressContact
from contacts.models.press import CONSENT_FIELDS
from contacts.selectors.review import current_values
from contacts.services.consent import record_basis
from contacts.services.review import propose_edit
from portal.enums import OutboxChannel
from portal.outbox import notify, notify_address, notify_phone
from portal.selectors import reviewers
from privacy import exports
from privacy.enums import RequestKind, RequestStatus
from privacy.models import DataRequest
from privacy.selectors.subject import contacts_of, everything_about, is_on_file, subject_of
from privacy.services.anonymise import erase_subject
from privacy.services.workdays import add_working_days

SALT = "privacy.request"


def request_token(data_request: DataRequest) -> str:
    return signing.dumps(data_request.pk, salt=SALT)


def request_from_token(token: str) -> DataRequest | None:
    try:
        pk = signing.loads(token, salt=SALT, max_age=timedelta(days=2))
    except signing.BadSignature:
        return None
    return DataRequest.objects.filter(pk=pk).first()


@transaction.atomic
def submit(
    *,
    kind: str,
    full_name: str,
    email: str = "",
    phone: str = "",
    channel: str = "",
    details: str = "",
    corrections: dict | None = None,
) -> DataRequest:
    """Record the request; send a code only when the e-mail (or, by SMS, the phone) is on
    file. The person sees the same page either way, so the form tells nobody whose e-mail
    or phone is held. The same request sent again within the code's lifetime is the first
    one (a double submit)."""
    email, phone = email.strip(), phone.strip()
    channel = channel or (OutboxChannel.EMAIL if email else OutboxChannel.SMS)
    values = {
        "kind": kind,
        "full_name": full_name,
        "email": email,
        "phone": phone,
        "channel": channel,
        "details": details,
        "corrections": corrections or {},
    }
    window = timezone.now() - timedelta(minutes=settings.DATA_REQUEST_CODE_MINUTES)
    earlier = DataRequest.objects.filter(
        **values, status=RequestStatus.UNVERIFIED, created_at__gte=window
    ).first()
    if earlier is not None:
        return earlier
    data_request = DataRequest.objects.create(**values)
    if is_on_file(subject_of(data_request)):
        code = f"{secrets.randbelow(10**6):06d}"
        data_request.code_hash = make_password(code)
        data_request.code_sent_at = timezone.now()
        data_request.save(update_fields=["code_hash", "code_sent_at"])
        tell(
            data_request,
            "data_request_code",
            {
                "code": code,
                "request": data_request,
                "minutes": settings.DATA_REQUEST_CODE_MINUTES,
            },
        )
    return data_request


def tell(data_request: DataRequest, kind: str, context: dict, attachments=()) -> None:
    """A message to the person by the channel they proved: e-mail, or SMS (no files)."""
    if data_request.channel == OutboxChannel.SMS:
        notify_phone(data_request.phone, kind, context)
    else:
        notify_address(data_request.email, kind, context, attachments=attachments)


class CodeRefused(ValidationError):
    pass


def verify(data_request: DataRequest, code: str) -> DataRequest:
    """The right code, in time and within the tries: the request becomes a case with its
    deadline. Anything else gets one answer, whatever the reason (unknown e-mail, wrong
    code, expired, too many tries). Each try is counted before the code is checked."""
    current = DataRequest.objects.get(pk=data_request.pk)
    if current.status != RequestStatus.UNVERIFIED:
        return current  # a second submit of the right code: already a case
    DataRequest.objects.filter(pk=current.pk).update(attempts=F("attempts") + 1)
    fresh = current.code_sent_at and timezone.now() - current.code_sent_at <= timedelta(
        minutes=settings.DATA_REQUEST_CODE_MINUTES
    )
    if not (
        current.code_hash
        and fresh
        and current.attempts < settings.DATA_REQUEST_CODE_TRIES
        and check_password(code.strip(), current.code_hash)
    ):
        raise CodeRefused(
            _(
                "The code is not right or has expired. Check the e-mail or text message we "
                "sent, or start again."
            )
        )
    now = timezone.now()
    due_on = add_working_days(timezone.localdate(now), settings.DATA_REQUEST_DEADLINE_WORKING_DAYS)
    with transaction.atomic():
        opened = DataRequest.objects.filter(pk=current.pk, status=RequestStatus.UNVERIFIED).update(
            status=RequestStatus.OPEN, verified_at=now, code_hash="", due_on=due_on
        )
        current.refresh_from_db()
        if opened:
            for reviewer in reviewers():
                notify(reviewer, "data_request_new", {"request": current}, url=case_url(current))
    return current


def case_url(data_request: DataRequest) -> str:
    return reverse("privacy:case", args=[data_request.pk])


def _may_handle(user) -> None:
    if not user.has_perm("privacy.view_cases"):
        raise PermissionDenied


@transaction.atomic
def answer(data_request: DataRequest, *, by, text: str, erase: bool = False) -> DataRequest:
    """Answer the case through the outbox. A request to see gets everything held about
    the person attached (JSON and Word); a request to delete anonymises it first, when
    `erase` is given, and the answer says what was done and what was kept."""
    _may_handle(by)
    locked = DataRequest.objects.select_for_update().get(pk=data_request.pk)
    if locked.status == RequestStatus.ANSWERED:
        return locked  # a repeated click
    if locked.status != RequestStatus.OPEN:
        raise ValidationError(_("This request was not verified by its sender."))
    if not text.strip():
        raise ValidationError(_("Write the answer to the person."))
    attachments = []
    if locked.kind == RequestKind.SEE:
        attachments = exports.attachments(everything_about(subject_of(locked)))
    if locked.kind == RequestKind.DELETE and erase:
        erase_subject(locked, by=by)
        locked.refresh_from_db()
    if locked.kind == RequestKind.RESTRICT:
        locked.actions = restrict_subject(locked, by=by)
    locked.status = RequestStatus.ANSWERED
    locked.answer = text.strip()
    locked.answered_at, locked.answered_by = timezone.now(), by
    locked.save(update_fields=["status", "answer", "answered_at", "answered_by", "actions"])
    tell(
        locked,
        "data_request_answer",
        {"request": locked, "answer": locked.answer, "actions": locked.actions},
        attachments=attachments,
    )
    return locked


def restrict_subject(data_request: DataRequest, *, by) -> list[dict]:
    """Stop publishing: every consent-based field of the person's entries becomes private
    (recorded as the person's withdrawal); what a spokesperson's duty publishes stays."""
    actions = []
    for contact in contacts_of(subject_of(data_request)).select_for_update():
        hidden = [
            field
            for field in CONSENT_FIELDS
            if contact.basis_of(field) == LegalBasis.CONSENT
            and record_basis(contact, field, LegalBasis.NONE, source=ConsentSource.PERSON, by=by)
        ]
        if hidden:
            contact._history_user = by
            contact.save(update_fields=["phone_basis", "email_basis"])
            actions.append(
                {
                    "what": _("Entry #%(number)s: no longer published: %(fields)s")
                    % {
                        "number": contact.pk,
                        "fields": ", ".join(
                            str(contact._meta.get_field(f).verbose_name) for f in hidden
                        ),
                    },
                }
            )
    return actions


def remind_due(now=None) -> int:
    """Tell the reviewers once about every open case due by the next working day."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    soon = add_working_days(today, 1)
    due = DataRequest.objects.filter(
        status=RequestStatus.OPEN, due_on__lte=soon, reminded_at__isnull=True
    )
    count = 0
    for data_request in due:
        for reviewer in reviewers():
            notify(
                reviewer,
                "data_request_due",
                {"request": data_request},
                url=case_url(data_request),
            )
        DataRequest.objects.filter(pk=data_request.pk).update(reminded_at=now)
        count += 1
    return count


@transaction.atomic
def apply_corrections(
    data_request: DataRequest, *, by, entry_id: int, values: dict, text: str = ""
) -> DataRequest:
    """A request to correct, applied in one step: the entry is changed through the
    directory's own review service (history, consent notices and the public files follow),
    the case records each change and is answered, the person is told through the outbox.
    Invalid values raise ValidationError with the directory form's own messages, and
    nothing is changed."""
    _may_handle(by)
    locked = DataRequest.objects.select_for_update().get(pk=data_request.pk)
    if locked.status == RequestStatus.ANSWERED:
        return locked  # a repeated click
    if locked.status != RequestStatus.OPEN or locked.kind != RequestKind.CORRECT:
        raise ValidationError(_("This request cannot be corrected from here."))
    entry = contacts_of(subject_of(locked)).filter(pk=entry_id).first()
    if entry is None:
        raise ValidationError(_("Choose one of the person's directory entries."))
    before = current_values(entry)
    asked = {name: (value or "").strip() for name, value in values.items()}
    form = ContactForm(
        data={**{k: "" if v is None else v for k, v in before.items()}, **asked}, instance=entry
    )
    if not form.is_valid():
        raise ValidationError(
            {
                name: errors
                for name, errors in form.errors.items()
                if name in asked or name == "__all__"
            }
            or {"__all__": [_("The entry's current values are not valid; edit it directly.")]}
        )
    changes = {
        name: value
        for name, value in form.cleaned_data.items()
        if name in asked and before.get(name) != value
    }
    if not changes:
        raise ValidationError(_("The entry already holds these values."))
    proposal = propose_edit(
        entry,
        by=by,
        data=changes,
        reason=_("Correction asked for in request #%(number)s") % {"number": locked.pk},
    )
    applied = proposal.status == ProposalStatus.APPROVED
    actions = [
        {
            "what": _("Entry #%(number)s, %(field)s: “%(old)s” → “%(new)s”")
            % {
                "number": entry.pk,
                "field": _label(name),
                "old": before.get(name) or "—",
                "new": value or "—",
            },
            **(
                {}
                if applied
                else {"kept": _("Proposed, waiting for a provincial reviewer's approval.")}
            ),
        }
        for name, value in changes.items()
    ]
    locked.actions = actions
    locked.status = RequestStatus.ANSWERED
    locked.answer = text.strip() or _("Your data was corrected as you asked.")
    locked.answered_at, locked.answered_by = timezone.now(), by
    locked.save(update_fields=["status", "answer", "answered_at", "answered_by", "actions"])
    tell(
        locked,
        "data_request_answer",
        {"request": locked, "answer": locked.answer, "actions": locked.actions},
    )
    return locked


def _label(name: str) -> str:
    return str(PressContact._meta.get_field(name).verbose_name)
