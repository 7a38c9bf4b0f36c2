"""Deleting a person's data everywhere it appears, by anonymising it in place: the
directory entries and their history rows, proposals, invitations, e-mails in the outbox,
in-app notifications and the person's own requests. What a legal duty requires is kept
and said so in the record of what was done."""

import re

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from contacts.enums import ContactRole, LegalBasis
from contacts.models import AccessRecord, ContactProposal, PressContact
from contacts.services import public_exports
from events.models import PressInvitation
from portal.enums import OutboxState
from portal.models import Notification, OutboxAttachment, OutboxMessage
from privacy.models import DataRequest
from privacy.selectors.subject import PERSONAL_FIELDS, addresses_of, any_address, contacts_of


def placeholder(pk) -> str:
    return _("Anonymised person #%(number)s") % {"number": pk}


def invalid_address(pk) -> str:
    return f"an-danh-{pk}@invalid.invalid"


def _scrubber(strings: set[str], replacement: str):
    strings = sorted({s for s in strings if s and len(s) >= 3}, key=len, reverse=True)
    if not strings:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(s) for s in strings), re.IGNORECASE)
    return lambda text: pattern.sub(replacement, text) if isinstance(text, str) else text


def _scrub_json(value, scrub):
    if isinstance(value, dict):
        return {key: _scrub_json(item, scrub) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub_json(item, scrub) for item in value]
    return scrub(value)


def anonymise_contact(contact: PressContact, *, reason: str, by=None) -> int:
    """The entry and every history row of it lose their personal fields; the entry is
    retired and publishes nothing. Returns the number of history rows rewritten."""
    anonymous = {**dict.fromkeys(PERSONAL_FIELDS, ""), "full_name": placeholder(contact.pk)}
    for field, value in anonymous.items():
        setattr(contact, field, value)
    contact.is_active = False
    contact.phone_basis = contact.email_basis = LegalBasis.NONE
    contact._change_reason = reason
    contact._history_user = by  # the history row of the change names who did it
    contact.save()
    public_exports.list_changed()  # the entry leaves the public files at once
    return contact.history.update(**anonymous)


def _is_duty_bound(contact: PressContact) -> bool:
    """A serving spokesperson: Decree 09/2017 requires their name and work contacts to be
    public while they hold the role."""
    return (
        contact.role == ContactRole.SPOKESPERSON
        and contact.is_active
        and LegalBasis.OFFICIAL_DUTY in (contact.phone_basis, contact.email_basis)
    )


@transaction.atomic
def erase_subject(data_request: DataRequest, *, by) -> list[dict]:
    """Anonymise everything held about the request's person; returns what was done
    (also the request's `actions`)."""
    contacts = list(contacts_of(data_request.email).select_for_update())
    addresses = addresses_of(data_request.email, contacts)
    actions: list[dict] = []
    strings = set(addresses) | {data_request.full_name}
    kept_strings: set[str] = set()
    for contact in contacts:
        values = {name: getattr(contact, name) for name in PERSONAL_FIELDS}
        if _is_duty_bound(contact):
            # Keep what the duty makes public; remove the rest.
            kept = {"full_name", "title", "office_address", "phone", "email"}
            kept_strings |= {values[name] for name in kept if values[name]}
            for name in ("internal_phone", "internal_email"):
                setattr(contact, name, "")
            strings |= {values["internal_phone"], values["internal_email"]}
            contact._change_reason = _("Internal fields removed on request #%(number)s") % {
                "number": data_request.pk
            }
            contact._history_user = by  # the history row of the change names the reviewer
            contact.save()
            contact.history.update(internal_phone="", internal_email="")
            actions.append(
                {
                    "what": _("Entry #%(number)s: internal phone and e-mail removed")
                    % {"number": contact.pk},
                    "kept": _(
                        "Name, job title, office address and work phone and e-mail kept: a "
                        "serving spokesperson's details must be public (Decree 09/2017)."
                    ),
                }
            )
            continue
        strings |= {v for v in values.values() if v}
        reason = _("Anonymised on request #%(number)s") % {"number": data_request.pk}
        rows = anonymise_contact(contact, reason=reason, by=by)
        actions.append(
            {
                "what": _("Entry #%(number)s anonymised, with its %(rows)s history rows")
                % {"number": contact.pk, "rows": rows},
                "kept": _(
                    "The entry's number, role and agency, and when it was verified (the "
                    "directory's record of its own changes)."
                ),
            }
        )
    strings -= kept_strings
    ids = [c.pk for c in contacts]
    replacement = _("[anonymised]")
    scrub = _scrubber(strings, replacement)

    proposals = 0
    for proposal in ContactProposal.objects.filter(contact_id__in=ids):
        proposal.data = _scrub_json(proposal.data, scrub)
        proposal.reason, proposal.comment = scrub(proposal.reason), scrub(proposal.comment)
        proposal.save(update_fields=["data", "reason", "comment"])
        proposals += 1
    if proposals:
        actions.append({"what": _("%(count)s proposals scrubbed") % {"count": proposals}})

    invitations = 0
    for invitation in PressInvitation.objects.filter(contact_id__in=ids):
        if invitation.email.lower() in strings:
            invitation.email = invalid_address(invitation.contact_id)
            invitation.save(update_fields=["email"])
            invitations += 1
    if invitations:
        actions.append(
            {
                "what": _("%(count)s invitations: address removed") % {"count": invitations},
                "kept": _("Which event was announced to the entry, and when."),
            }
        )

    messages = OutboxMessage.objects.filter(any_address(addresses, "to_email"))
    pending = messages.filter(state__in=[OutboxState.PENDING, OutboxState.SENDING])
    dropped = pending.count()
    pending.delete()
    scrubbed = 0
    candidates = OutboxMessage.objects.all()
    if strings:
        condition = any_address(addresses, "to_email")
        for text in strings:
            condition |= _text_contains(text)
        candidates = candidates.filter(condition)
    else:
        candidates = candidates.none()
    for message in candidates:
        message.subject = scrub(message.subject)
        message.body_text, message.body_html = scrub(message.body_text), scrub(message.body_html)
        if message.to_email.lower() in strings:
            message.to_email = invalid_address(data_request.pk)
        message.save(update_fields=["subject", "body_text", "body_html", "to_email"])
        OutboxAttachment.objects.filter(message=message).delete()
        scrubbed += 1
    if scrubbed or dropped:
        actions.append(
            {
                "what": _("%(count)s e-mails scrubbed, %(dropped)s unsent ones cancelled")
                % {"count": scrubbed, "dropped": dropped}
            }
        )

    notes = 0
    if strings:
        condition = None
        for text in strings:
            part = _note_contains(text)
            condition = part if condition is None else condition | part
        for note in Notification.objects.filter(condition):
            note.title, note.body = scrub(note.title), scrub(note.body)
            note.save(update_fields=["title", "body"])
            notes += 1
    if notes:
        actions.append({"what": _("%(count)s notifications scrubbed") % {"count": notes}})

    logged = 0
    for text in strings:
        for record in AccessRecord.objects.filter(detail__icontains=text):
            record.detail = scrub(record.detail)
            record.save(update_fields=["detail"])
            logged += 1
    if logged:
        actions.append({"what": _("%(count)s access-log searches scrubbed") % {"count": logged}})

    for earlier in DataRequest.objects.filter(email__iexact=data_request.email):
        earlier.full_name = placeholder(f"R{earlier.pk}")
        earlier.details = scrub(earlier.details)
        earlier.save(update_fields=["full_name", "details"])
    actions.append(
        {
            "what": _("Your requests: name and details removed"),
            "kept": _(
                "The requests themselves (kind, dates, answer), to show the request was "
                "handled in time; the e-mail until the answer is sent."
            ),
        }
    )
    data_request.refresh_from_db()
    data_request.actions = actions
    data_request.save(update_fields=["actions"])
    return actions


def _text_contains(text: str) -> Q:
    return Q(subject__icontains=text) | Q(body_text__icontains=text) | Q(body_html__icontains=text)


def _note_contains(text: str) -> Q:
    return Q(title__icontains=text) | Q(body__icontains=text)
