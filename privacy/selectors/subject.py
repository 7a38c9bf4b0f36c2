"""Everything the portal holds about one person, found by the e-mail they proved is theirs
(a namesake with another e-mail is somebody else)."""

from django.db.models import Q, QuerySet

from contacts.models import ConsentRecord, ContactProposal, PressContact
from events.models import PressInvitation
from portal.models import OutboxMessage
from privacy.models import DataRequest

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


def contacts_of(email: str) -> QuerySet[PressContact]:
    email = email.strip()
    if not email:
        return PressContact.objects.none()
    return PressContact.objects.filter(Q(email__iexact=email) | Q(internal_email__iexact=email))


def is_on_file(email: str) -> bool:
    return contacts_of(email).exists()


def _when(value) -> str:
    return value.isoformat() if value else ""


def everything_about(email: str) -> dict:
    """Plain data (JSON-ready): entries with every field, the bases and their records,
    the change history, proposals, invitations, e-mails sent and earlier requests."""
    contacts = list(contacts_of(email).select_related("press_agency", "organisation"))
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
    addresses = addresses_of(email, contacts)
    messages = [
        {
            "subject": m.subject,
            "to": m.to_email,
            "created_at": _when(m.created_at),
            "state": str(m.get_state_display()),
        }
        for m in OutboxMessage.objects.filter(any_address(addresses, "to_email")).order_by(
            "created_at"
        )
    ]
    requests = [
        {
            "request": str(r.get_kind_display()),
            "status": str(r.get_status_display()),
            "received_at": _when(r.created_at),
            "due_on": _when(r.due_on),
        }
        for r in DataRequest.objects.filter(email__iexact=email.strip()).order_by("created_at")
    ]
    return {
        "email": email.strip(),
        "entries": entries,
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


def addresses_of(email: str, contacts) -> set[str]:
    return {email.strip().lower()} | {
        a.lower() for c in contacts for a in (c.email, c.internal_email) if a
    }
