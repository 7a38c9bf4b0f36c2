"""Proposals and their review. Only a provincial reviewer makes a change live."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from contacts.enums import ProposalAction, ProposalSource, ProposalStatus
from contacts.models import ContactProposal, PressContact
from contacts.models.press import CONSENT_FIELDS
from contacts.selectors.review import ENTRY_FIELDS, current_values
from contacts.services import consent, public_exports
from portal.models import User
from portal.outbox import notify
from portal.scoping import scope_for
from portal.selectors import province_reviewers


def serialise(data: dict) -> dict:
    """Cleaned form data → JSON-safe proposed values (foreign keys as ids)."""
    values = {}
    for name in ENTRY_FIELDS:
        if name not in data:
            continue
        value = data[name]
        values[name] = value.pk if isinstance(value, Model) else value
    return values


def changed_values(contact: PressContact, data: dict) -> dict:
    current = current_values(contact)
    return {name: value for name, value in data.items() if current.get(name) != value}


def proposal_url(proposal: ContactProposal) -> str:
    return reverse("contacts:proposal", args=[proposal.pk])


def _create(
    *, action, by: User, contact=None, data=None, reason="", source, quiet=False
) -> ContactProposal:
    if not by.has_perm("contacts.propose_change"):
        raise PermissionDenied
    proposal = ContactProposal.objects.create(
        action=action,
        contact=contact,
        data=data or {},
        reason=reason,
        source=source,
        proposed_by=by,
        proposer_organisation_id=by.organisation_id,
    )
    if by.is_reviewer:
        # A reviewer's own change needs no second pair of eyes.
        return approve(proposal, by=by)
    if quiet:  # an import tells the reviewers once, not per row
        return proposal
    for reviewer in province_reviewers(scope_for(by).province_id):
        notify(
            reviewer,
            "contact_proposal_new",
            {"proposal": proposal},
            url=proposal_url(proposal),
            email=False,
        )
    return proposal


@transaction.atomic
def propose_new(
    *, by: User, data: dict, source=ProposalSource.FORM, quiet=False
) -> ContactProposal:
    return _create(
        action=ProposalAction.NEW, by=by, data=serialise(data), source=source, quiet=quiet
    )


@transaction.atomic
def propose_edit(
    contact: PressContact,
    *,
    by: User,
    data: dict,
    reason: str = "",
    source=ProposalSource.FORM,
    quiet=False,
) -> ContactProposal:
    changes = changed_values(contact, serialise(data))
    if not changes:
        raise ValidationError(_("Nothing was changed."))
    return _create(
        action=ProposalAction.EDIT,
        by=by,
        contact=contact,
        data=changes,
        reason=reason,
        source=source,
        quiet=quiet,
    )


@transaction.atomic
def propose_retirement(contact: PressContact, *, by: User, reason: str) -> ContactProposal:
    if not contact.is_active:
        raise ValidationError(_("This entry is already retired."))
    return _create(
        action=ProposalAction.RETIRE,
        by=by,
        contact=contact,
        reason=reason,
        source=ProposalSource.FORM,
    )


def _lock_pending(proposal: ContactProposal, target: str) -> ContactProposal | None:
    """The locked proposal if still pending; None when it already has `target` (a repeat
    click); ValidationError when it was decided the other way."""
    proposal = ContactProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status == target:
        return None
    if proposal.status != ProposalStatus.PENDING:
        raise ValidationError(_("This proposal was already decided."))
    return proposal


def _apply(proposal: ContactProposal, by: User) -> PressContact:
    today = timezone.localdate()
    created = proposal.action == ProposalAction.NEW
    if created:
        contact = PressContact(verified_on=today)
    else:
        contact = PressContact.objects.select_for_update().get(pk=proposal.contact_id)
    before = {name: getattr(contact, name) for name in (*CONSENT_FIELDS, "role")}
    if proposal.action == ProposalAction.RETIRE:
        contact.is_active = False
    else:
        for name, value in proposal.data.items():
            field = PressContact._meta.get_field(name)
            setattr(contact, field.attname, value)
    contact.full_clean(exclude=["verified_on"])
    contact.verified_on = today
    contact.verified_by = by
    contact._change_reason = _("Approved proposal #%(number)s: %(action)s") % {
        "number": proposal.pk,
        "action": proposal.get_action_display(),
    }
    contact.save()
    changed = {name for name, old in before.items() if getattr(contact, name) != old}
    consent.after_approval(contact, created=created, changed=changed, by=by)
    return contact


@transaction.atomic
def approve(proposal: ContactProposal, *, by: User, comment: str = "") -> ContactProposal:
    if not by.has_perm("contacts.review_contacts"):
        raise PermissionDenied
    locked = _lock_pending(proposal, ProposalStatus.APPROVED)
    if locked is None:
        return ContactProposal.objects.get(pk=proposal.pk)
    contact = _apply(locked, by)
    public_exports.rebuild_soon()
    locked.contact = contact
    locked.status = ProposalStatus.APPROVED
    locked.decided_by, locked.decided_at, locked.comment = by, timezone.now(), comment
    locked.save()
    _tell_proposer(locked)
    return locked


@transaction.atomic
def reject(proposal: ContactProposal, *, by: User, comment: str) -> ContactProposal:
    if not by.has_perm("contacts.review_contacts"):
        raise PermissionDenied
    if not comment.strip():
        raise ValidationError(_("Say why the proposal is rejected."))
    locked = _lock_pending(proposal, ProposalStatus.REJECTED)
    if locked is None:
        return ContactProposal.objects.get(pk=proposal.pk)
    locked.status = ProposalStatus.REJECTED
    locked.decided_by, locked.decided_at, locked.comment = by, timezone.now(), comment
    locked.save()
    _tell_proposer(locked)
    return locked


def _tell_proposer(proposal: ContactProposal) -> None:
    if proposal.proposed_by_id == proposal.decided_by_id:
        return
    notify(
        proposal.proposed_by,
        "contact_proposal_decided",
        {"proposal": proposal},
        url=proposal_url(proposal),
    )


@transaction.atomic
def reverify(contact: PressContact, *, by: User) -> PressContact:
    """One click: the reviewer checked the entry and it is still right."""
    if not by.has_perm("contacts.review_contacts"):
        raise PermissionDenied
    contact = PressContact.objects.select_for_update().get(pk=contact.pk)
    today = timezone.localdate()
    if contact.verified_on == today:
        return contact  # idempotent: already verified today
    contact.verified_on = today
    contact.verified_by = by
    contact._change_reason = _("Re-verified unchanged")
    contact.save()
    public_exports.rebuild_soon()  # the verification date is a public column
    return contact
