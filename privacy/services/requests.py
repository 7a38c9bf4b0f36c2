"""Requests from people about their data: received, verified by a code sent to the
e-mail on file, a case for the reviewers with a deadline in working days, answered
through the outbox."""

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

from contacts.enums import ConsentSource, LegalBasis
from contacts.models.press import CONSENT_FIELDS
from contacts.services.consent import record_basis
from portal.outbox import notify, notify_address
from portal.selectors import reviewers
from privacy import exports
from privacy.enums import RequestKind, RequestStatus
from privacy.models import DataRequest
from privacy.selectors.subject import contacts_of, everything_about, is_on_file
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
def submit(*, kind: str, full_name: str, email: str, details: str = "") -> DataRequest:
    """Record the request; send a code only when the e-mail is on file. The person sees
    the same page either way, so the form tells nobody whose e-mail is held. The same
    request sent again within the code's lifetime is the first one (a double submit)."""
    values = {"kind": kind, "full_name": full_name, "email": email.strip(), "details": details}
    window = timezone.now() - timedelta(minutes=settings.DATA_REQUEST_CODE_MINUTES)
    earlier = DataRequest.objects.filter(
        **values, status=RequestStatus.UNVERIFIED, created_at__gte=window
    ).first()
    if earlier is not None:
        return earlier
    data_request = DataRequest.objects.create(**values)
    if is_on_file(data_request.email):
        code = f"{secrets.randbelow(10**6):06d}"
        data_request.code_hash = make_password(code)
        data_request.code_sent_at = timezone.now()
        data_request.save(update_fields=["code_hash", "code_sent_at"])
        notify_address(
            data_request.email,
            "data_request_code",
            {
                "code": code,
                "request": data_request,
                "minutes": settings.DATA_REQUEST_CODE_MINUTES,
            },
        )
    return data_request


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
            _("The code is not right or has expired. Check the e-mail we sent, or start again.")
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
        attachments = exports.attachments(everything_about(locked.email))
    if locked.kind == RequestKind.DELETE and erase:
        erase_subject(locked, by=by)
        locked.refresh_from_db()
    if locked.kind == RequestKind.RESTRICT:
        locked.actions = restrict_subject(locked, by=by)
    locked.status = RequestStatus.ANSWERED
    locked.answer = text.strip()
    locked.answered_at, locked.answered_by = timezone.now(), by
    locked.save(update_fields=["status", "answer", "answered_at", "answered_by", "actions"])
    notify_address(
        locked.email,
        "data_request_answer",
        {"request": locked, "answer": locked.answer, "actions": locked.actions},
        attachments=attachments,
    )
    return locked


def restrict_subject(data_request: DataRequest, *, by) -> list[dict]:
    """Stop publishing: every consent-based field of the person's entries becomes private
    (recorded as the person's withdrawal); what a spokesperson's duty publishes stays."""
    actions = []
    for contact in contacts_of(data_request.email).select_for_update():
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
