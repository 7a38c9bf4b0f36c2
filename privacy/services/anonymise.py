"""Deleting a person's data everywhere it appears, by anonymising it in place: the
directory entries and their history rows, the user account, notices naming the person as
their contact, proposals, invitations, messages in the outbox, in-app notifications and
the person's own requests. What a legal duty requires is kept and said so in the record
of what was done."""

import re

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from contacts.enums import ContactRole, LegalBasis
from contacts.models import AccessRecord, ContactProposal, PressContact
from contacts.services import public_exports
from events.models import NoticeChange, PressInvitation
from portal.enums import OutboxState
from portal.models import Notification, OutboxAttachment, OutboxMessage, User, new_calendar_token
from privacy.models import DataRequest
from privacy.selectors.subject import (
    PERSONAL_FIELDS,
    addresses_and_phones,
    contacts_of,
    messages_to,
    notices_naming,
    requests_of,
    subject_of,
    users_of,
)


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
    subject = subject_of(data_request)
    contacts = list(contacts_of(subject).select_for_update())
    users = list(users_of(subject).select_for_update())
    addresses, phones = addresses_and_phones(subject, contacts, users)
    actions: list[dict] = []
    strings = set(addresses) | {data_request.full_name}
    strings |= {p for c in contacts for p in (c.phone, c.internal_phone) if p}
    strings |= {u.phone for u in users if u.phone} | ({subject.phone} - {""})
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
    for user in users:
        strings |= {user.full_name, user.get_full_name(), user.username} - {""}
        actions.append(anonymise_account(user, data_request=data_request, kept=kept_strings))
    notices = list(notices_naming(phones).select_for_update())
    for notice in notices:
        strings.add(notice.contact_name)
        strings.add(notice.contact_phone)
    if notices:
        actions.append(anonymise_notice_contacts(notices, data_request=data_request))
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

    messages = messages_to(addresses, phones)
    sent_to_person = set(messages.values_list("pk", flat=True))
    pending = messages.filter(state__in=[OutboxState.PENDING, OutboxState.SENDING])
    dropped = pending.count()
    pending.delete()
    scrubbed = 0
    candidates = OutboxMessage.objects.all()
    if strings:
        condition = Q(pk__in=sent_to_person)
        for text in strings:
            condition |= _text_contains(text)
        candidates = candidates.filter(condition)
    else:
        candidates = candidates.none()
    for message in candidates:
        message.subject = scrub(message.subject)
        message.body_text, message.body_html = scrub(message.body_text), scrub(message.body_html)
        if message.to_email.lower() in strings or message.pk in sent_to_person:
            message.to_email = invalid_address(data_request.pk) if message.to_email else ""
        if message.to_phone and message.pk in sent_to_person:
            message.to_phone = ""
        message.save(update_fields=["subject", "body_text", "body_html", "to_email", "to_phone"])
        OutboxAttachment.objects.filter(message=message).delete()
        scrubbed += 1
    if scrubbed or dropped:
        actions.append(
            {
                "what": _("%(count)s messages scrubbed, %(dropped)s unsent ones cancelled")
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

    for earlier in requests_of(subject):
        earlier.full_name = placeholder(f"R{earlier.pk}")
        earlier.details = scrub(earlier.details)
        earlier.save(update_fields=["full_name", "details"])
    actions.append(
        {
            "what": _("Your requests: name and details removed"),
            "kept": _(
                "The requests themselves (kind, dates, answer), to show the request was "
                "handled in time; the e-mail or phone until the answer is sent."
            ),
        }
    )
    data_request.refresh_from_db()
    data_request.actions = actions
    data_request.save(update_fields=["actions"])
    return actions


def _acted_in_records(user: User) -> list[str]:
    """The kinds of record that name the account as their author or decider and must
    outlive it (a foreign key that protects the account: notices sent, proposals made or
    decided, requests answered, reports signed …)."""
    found = []
    relations = [
        f for f in User._meta.get_fields(include_hidden=True) if f.auto_created and f.is_relation
    ]
    for relation in relations:
        if getattr(relation, "on_delete", None) is not models.PROTECT:
            continue
        related = relation.related_model
        if related._default_manager.filter(**{relation.field.name: user}).exists():
            found.append(str(related._meta.verbose_name_plural))
    return sorted(set(found))


def anonymise_account(user: User, *, data_request: DataRequest, kept: set[str]) -> dict:
    """The account is closed (no sign-in, no calendar feed) and loses its e-mail and phone.
    Its name, organisation and role are kept when the account acted in official records
    (they say who sent, decided or signed; the Archives Law and the portal's own rules
    keep those records, and a record signed by nobody is worthless); otherwise the name
    goes too. Sign-in records follow the new username."""
    old_username = user.username
    records = _acted_in_records(user)
    user.is_active = False
    user.set_unusable_password()
    user.email = ""
    user.phone = ""
    user.calendar_token = new_calendar_token()  # the old feed link stops working
    if records:
        kept |= {user.full_name, user.get_full_name(), user.username} - {""}
    else:
        user.full_name = user.first_name = user.last_name = ""
        user.username = f"an-danh-{user.pk}"
    user.save()
    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        model.objects.filter(username=old_username).update(username=user.username)
    action = {
        "what": _("User account #%(number)s closed, its e-mail and phone removed")
        % {"number": user.pk}
    }
    if records:
        action["kept"] = _(
            "Name, organisation and role, because the account acted in official records "
            "(%(records)s) that must say who did it; the sign-in records, for the security "
            "log's retention."
        ) % {"records": ", ".join(records)}
    else:
        action["what"] = _("User account #%(number)s closed and anonymised") % {"number": user.pk}
        action["kept"] = _(
            "The sign-in records, under the anonymised username, for the security log's retention."
        )
    return action


def anonymise_notice_contacts(notices, *, data_request: DataRequest) -> dict:
    """The notices stay (the agency's record of its events); their contact person goes,
    in the notice and every recorded version of it."""
    name = placeholder(f"R{data_request.pk}")
    for notice in notices:
        scrub = _scrubber({notice.contact_name, notice.contact_phone}, _("[anonymised]"))
        for change in NoticeChange.objects.filter(notice=notice):
            change.old_value, change.new_value = scrub(change.old_value), scrub(change.new_value)
            change.reason = scrub(change.reason)
            change.save(update_fields=["old_value", "new_value", "reason"])
        notice.contact_name, notice.contact_phone = name, ""
        notice.save(update_fields=["contact_name", "contact_phone", "updated_at"])
        notice.history.update(contact_name=name, contact_phone="")
    return {
        "what": _("%(count)s event notices: contact person removed") % {"count": len(notices)},
        "kept": _("The notices themselves (the agency's record of its events)."),
    }


def _text_contains(text: str) -> Q:
    return Q(subject__icontains=text) | Q(body_text__icontains=text) | Q(body_html__icontains=text)


def _note_contains(text: str) -> Q:
    return Q(title__icontains=text) | Q(body__icontains=text)
