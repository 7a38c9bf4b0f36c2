"""Consent per personal field of a directory entry (Law 91/2025/QH15).

A personal field (phone, e-mail) is published only with a legal basis: the person's
consent, given through the signed link in the notice they are sent, or the official duty
of a spokesperson (Decree 09/2017). Every change of basis is a ConsentRecord row; the
entry's `<field>_basis` column is what the public list and exports read, so a withdrawal
hides the field from the next request on.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from contacts.enums import ConsentSource, ContactRole, LegalBasis
from contacts.models import ConsentRecord, PressContact
from contacts.models.press import CONSENT_FIELDS
from contacts.services import public_exports
from portal.outbox import notify_address

SALT = "contacts.consent"


class InvalidConsentLink(Exception):
    """The link is tampered with, expired, or for another entry; the message says which
    in words a person can act on."""


def consent_token(contact: PressContact) -> str:
    return signing.dumps({"c": contact.pk}, salt=SALT, compress=True)


def consent_url(contact: PressContact) -> str:
    return reverse("contacts:consent", args=[contact.pk, consent_token(contact)])


def check_token(pk: int, token: str) -> None:
    max_age = timedelta(days=settings.CONSENT_LINK_MAX_AGE_DAYS)
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise InvalidConsentLink(
            _(
                "This link has expired. Ask the provincial department for a new notice, or "
                "send a request from the privacy page."
            )
        ) from None
    except signing.BadSignature:
        raise InvalidConsentLink(
            _("This link is not valid. Open the link exactly as sent.")
        ) from None
    if not isinstance(payload, dict) or payload.get("c") != pk:
        raise InvalidConsentLink(_("This link is not valid. Open the link exactly as sent."))


def record_basis(contact: PressContact, field: str, basis: str, *, source: str, by=None) -> bool:
    """Set one field's basis and record it; False when it already had that basis."""
    if field not in CONSENT_FIELDS:
        raise ValueError(field)
    if contact.basis_of(field) == basis:
        return False
    setattr(contact, f"{field}_basis", basis)
    public_exports.list_changed()  # a field appears in or leaves the public files
    ConsentRecord.objects.create(
        contact=contact, field=field, basis=basis, source=source, recorded_by=by
    )
    return True


def fields_to_ask(contact: PressContact) -> list[str]:
    """The personal fields the person can decide on: those with a value that are not
    published under an official duty."""
    return [
        field
        for field in CONSENT_FIELDS
        if getattr(contact, field) and contact.basis_of(field) != LegalBasis.OFFICIAL_DUTY
    ]


def send_notice(contact: PressContact) -> bool:
    """One notice in Vietnamese, through the outbox, to the entry's e-mail (public or
    internal). False when the entry has no e-mail to write to."""
    address = contact.invitation_email
    if not address:
        return False
    notify_address(
        address,
        "contact_consent_notice",
        {
            "contact": contact,
            "url": consent_url(contact),
            "fields": [PressContact._meta.get_field(f).verbose_name for f in CONSENT_FIELDS],
            "duty_fields": [
                PressContact._meta.get_field(f).verbose_name
                for f in CONSENT_FIELDS
                if contact.basis_of(f) == LegalBasis.OFFICIAL_DUTY
            ],
            "controller": settings.PERSONAL_DATA_CONTROLLER,
            "privacy_url": reverse("privacy:privacy_notice"),
            "expires_days": settings.CONSENT_LINK_MAX_AGE_DAYS,
        },
    )
    return True


def after_approval(contact: PressContact, *, created: bool, changed: set[str], by) -> None:
    """An entry was created or changed by an approved proposal (`changed`: which of the
    personal fields and the role changed). A changed personal field loses the basis it
    had for the old value; a spokesperson's work contacts are published under official
    duty (recorded as given by the approving reviewer), and lose it with the role. The
    person is told once when the entry is new or a personal field changed."""
    spokesperson = contact.role == ContactRole.SPOKESPERSON
    before = [contact.basis_of(field) for field in CONSENT_FIELDS]
    new_values = set(CONSENT_FIELDS) if created else changed & set(CONSENT_FIELDS)
    for field in CONSENT_FIELDS:
        value, basis = getattr(contact, field), contact.basis_of(field)
        if spokesperson and value and (field in new_values or "role" in changed):
            record_basis(
                contact, field, LegalBasis.OFFICIAL_DUTY, source=ConsentSource.REVIEWER, by=by
            )
        elif not spokesperson and basis == LegalBasis.OFFICIAL_DUTY:
            record_basis(contact, field, LegalBasis.NONE, source=ConsentSource.VALUE_CHANGED, by=by)
        elif field in new_values and basis != LegalBasis.NONE and not spokesperson:
            record_basis(contact, field, LegalBasis.NONE, source=ConsentSource.VALUE_CHANGED, by=by)
    if [contact.basis_of(field) for field in CONSENT_FIELDS] != before:
        contact.save(update_fields=["phone_basis", "email_basis"])
    if any(getattr(contact, field) for field in new_values):
        send_notice(contact)


@transaction.atomic
def answer(contact: PressContact, choices: dict[str, bool]) -> list[str]:
    """The person's answer through the link: consent or withdraw per field. Returns the
    fields whose basis changed. Official-duty fields are not theirs to withdraw here."""
    contact = PressContact.objects.select_for_update().get(pk=contact.pk)
    changed = []
    for field in fields_to_ask(contact):
        if field not in choices:
            continue
        basis = LegalBasis.CONSENT if choices[field] else LegalBasis.NONE
        if record_basis(contact, field, basis, source=ConsentSource.PERSON):
            changed.append(field)
    if changed:
        contact._change_reason = _("The person answered the consent notice")
        contact.save(update_fields=["phone_basis", "email_basis"])
    return changed
