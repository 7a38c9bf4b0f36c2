"""Everything the portal holds about one person, found by the e-mail or phone they proved
is theirs (a namesake with another e-mail or phone is somebody else).

The proven address finds the person's directory entries and user account; the phones
and e-mails those hold for the person then find the rest (messages sent to them, notices
naming them as the contact person). A name alone never matches."""

from dataclasses import dataclass

from axes.models import AccessLog
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Replace

from contacts.models import ConsentRecord, ContactProposal, PressContact
from events.models import Notice, PressInvitation
from portal.enums import OutboxChannel
from portal.models import OutboxMessage, User
from portal.sms import phone_key
from privacy.models import DataRequest


@dataclass(frozen=True)
class Subject:
    """What the person proved is theirs: an e-mail, or a phone number (one of them)."""

    email: str = ""
    phone: str = ""

    @property
    def phone_key(self) -> str:
        return phone_key(self.phone)


def subject_of(data_request: DataRequest) -> Subject:
    if data_request.channel == OutboxChannel.SMS:
        return Subject(phone=data_request.phone.strip())
    return Subject(email=data_request.email.strip())


def _digits_only(column: str):
    """The column without the separators people type in phone numbers (portable SQL)."""
    expression = column
    for separator in (" ", ".", "-", "(", ")"):
        expression = Replace(expression, Value(separator), Value(""))
    return expression


def phone_matches(queryset: QuerySet, columns: tuple[str, ...], keys: set[str]) -> QuerySet:
    """Rows whose phone column holds one of the numbers (national digits `keys`): ends
    with the digits in SQL, then compared exactly, so '0912…' matches '+84 912…' and
    never '10912…'."""
    keys = {key for key in keys if key}
    if not keys:
        return queryset.none()
    annotations = {f"_digits_{c}": _digits_only(c) for c in columns}
    condition = Q(pk__in=[])
    for column in columns:
        for key in keys:
            condition |= Q(**{f"_digits_{column}__endswith": key})
    candidates = queryset.annotate(**annotations).filter(condition)
    ids = [
        row.pk
        for row in candidates
        if any(phone_key(getattr(row, column)) in keys for column in columns)
    ]
    return queryset.filter(pk__in=ids)


PERSONAL_FIELDS = (
    "full_name",
    "title",
    "office_address",
    "area",
    "phone",
    "email",
    "internal_phone",
    "internal_email",
)


def contacts_of(subject: Subject) -> QuerySet[PressContact]:
    if subject.email:
        email = subject.email
        return PressContact.objects.filter(Q(email__iexact=email) | Q(internal_email__iexact=email))
    return phone_matches(
        PressContact.objects.all(), ("phone", "internal_phone"), {subject.phone_key}
    )


def users_of(subject: Subject) -> QuerySet[User]:
    if subject.email:
        return User.objects.filter(email__iexact=subject.email)
    return phone_matches(User.objects.all(), ("phone",), {subject.phone_key})


def is_on_file(subject: Subject) -> bool:
    return contacts_of(subject).exists() or users_of(subject).exists()


def addresses_and_phones(subject: Subject, contacts, users) -> tuple[set[str], set[str]]:
    """The person's e-mails (lower case) and phone numbers (national digits) on file."""
    addresses = {subject.email.lower()} if subject.email else set()
    addresses |= {a.lower() for c in contacts for a in (c.email, c.internal_email) if a}
    addresses |= {u.email.lower() for u in users if u.email}
    phones = {subject.phone_key} if subject.phone_key else set()
    phones |= {phone_key(p) for c in contacts for p in (c.phone, c.internal_phone)}
    phones |= {phone_key(u.phone) for u in users}
    return addresses, {p for p in phones if p}


def notices_naming(phones: set[str]) -> QuerySet[Notice]:
    """Notices whose contact person is the person (by phone: a notice holds no e-mail)."""
    return phone_matches(Notice.objects.all(), ("contact_phone",), phones)


def messages_to(addresses: set[str], phones: set[str]) -> QuerySet[OutboxMessage]:
    by_mail = OutboxMessage.objects.filter(any_address(addresses, "to_email"))
    by_sms = phone_matches(
        OutboxMessage.objects.filter(channel=OutboxChannel.SMS), ("to_phone",), phones
    )
    return OutboxMessage.objects.filter(Q(pk__in=by_mail.values("pk")) | Q(pk__in=by_sms))


def requests_of(subject: Subject) -> QuerySet[DataRequest]:
    if subject.email:
        return DataRequest.objects.filter(email__iexact=subject.email)
    return phone_matches(
        DataRequest.objects.filter(channel=OutboxChannel.SMS), ("phone",), {subject.phone_key}
    )


def _when(value) -> str:
    return value.isoformat() if value else ""


def everything_about(subject: Subject) -> dict:
    """Plain data (JSON-ready): entries with every field, the bases and their records,
    the change history, proposals, invitations, the user account with its sign-ins,
    notices naming the person as contact, messages sent and earlier requests."""
    contacts = list(contacts_of(subject).select_related("press_agency", "organisation"))
    users = list(users_of(subject).select_related("organisation"))
    ids = [c.pk for c in contacts]
    entries = []
    for contact in contacts:
        entries.append(
            {
                "id": contact.pk,
                "role": str(contact.get_role_display()),
                "owner": str(contact.owner or ""),
                **{name: getattr(contact, name) for name in PERSONAL_FIELDS},
                "phone_basis": str(contact.get_phone_basis_display()),
                "email_basis": str(contact.get_email_basis_display()),
                "active": contact.is_active,
                "verified_on": _when(contact.verified_on),
                "history": [
                    {
                        "date": _when(row.history_date),
                        "type": row.history_type,
                        "reason": row.history_change_reason or "",
                        **{name: getattr(row, name) for name in PERSONAL_FIELDS},
                    }
                    for row in contact.history.order_by("history_date")
                ],
            }
        )
    consent = [
        {
            "entry": r.contact_id,
            "field": r.field,
            "basis": str(r.get_basis_display()),
            "source": str(r.get_source_display()),
            "recorded_at": _when(r.recorded_at),
        }
        for r in ConsentRecord.objects.filter(contact_id__in=ids).order_by("recorded_at", "pk")
    ]
    proposals = [
        {
            "entry": p.contact_id,
            "action": str(p.get_action_display()),
            "status": str(p.get_status_display()),
            "proposed_at": _when(p.proposed_at),
            "decided_at": _when(p.decided_at),
            "values": p.data,
        }
        for p in ContactProposal.objects.filter(contact_id__in=ids).order_by("proposed_at")
    ]
    invitations = [
        {
            "entry": i.contact_id,
            "event": i.notice.title,
            "starts_at": _when(i.notice.starts_at),
            "sent_to": i.email,
            "invited_at": _when(i.invited_at),
        }
        for i in PressInvitation.objects.filter(contact_id__in=ids)
        .select_related("notice")
        .order_by("invited_at")
    ]
    addresses, phones = addresses_and_phones(subject, contacts, users)
    messages = [
        {
            "subject": m.subject,
            "to": m.to_email or m.to_phone,
            "created_at": _when(m.created_at),
            "state": str(m.get_state_display()),
        }
        for m in messages_to(addresses, phones).order_by("created_at", "pk")
    ]
    accounts = [
        {
            "username": u.username,
            "full_name": u.full_name,
            "first_name": u.first_name,
            "last_name": u.last_name,
            "email": u.email,
            "phone": u.phone,
            "organisation": str(u.organisation or ""),
            "role": str(u.get_role_display()),
            "active": u.is_active,
            "joined": _when(u.date_joined),
            "last_login": _when(u.last_login),
            "sign_ins": [
                {
                    "at": _when(row.attempt_time),
                    "signed_out": _when(row.logout_time),
                    "address": row.ip_address or "",
                    "browser": row.user_agent,
                }
                for row in AccessLog.objects.filter(username=u.username).order_by("attempt_time")
            ],
        }
        for u in users
    ]
    notices = [
        {
            "notice": n.pk,
            "title": n.title,
            "starts_at": _when(n.starts_at),
            "contact_name": n.contact_name,
            "contact_phone": n.contact_phone,
        }
        for n in notices_naming(phones).order_by("starts_at", "pk")
    ]
    requests = [
        {
            "request": str(r.get_kind_display()),
            "status": str(r.get_status_display()),
            "received_at": _when(r.created_at),
            "due_on": _when(r.due_on),
        }
        for r in requests_of(subject).order_by("created_at")
    ]
    return {
        "email": subject.email,
        "phone": subject.phone,
        "entries": entries,
        "accounts": accounts,
        "notices": notices,
        "consent": consent,
        "proposals": proposals,
        "invitations": invitations,
        "messages": messages,
        "requests": requests,
    }


def any_address(addresses, column: str) -> Q:
    condition = Q(pk__in=[])
    for address in addresses:
        condition |= Q(**{f"{column}__iexact": address})
    return condition
