"""Retention of personal data: what has outlived its purpose is anonymised or removed.

- retired directory entries, RETIRED_ENTRY_RETENTION_DAYS after their last change
  (retirement): anonymised with their history (not deleted: invitations point at them);
- decided proposals (approved or rejected), PROPOSAL_RETENTION_DAYS after the decision:
  deleted (their values are in the entry's history);
- e-mails in the outbox, OUTBOX_BODY_RETENTION_DAYS after creation once sent or failed:
  bodies and attachments blanked (portal.retention deletes the rows later);
- access-log rows after ACCESS_LOG_RETENTION_DAYS: deleted.

Runs nightly through `portal.signals.prune_old_rows` (portal.retention's beat task);
`manage.py privacy_retention --dry-run` lists what it would do.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from contacts.enums import ProposalStatus
from contacts.models import AccessRecord, ContactProposal, PressContact
from portal.enums import OutboxState
from portal.models import OutboxAttachment, OutboxMessage
from privacy.services.anonymise import anonymise_contact, placeholder


def _before(now, days: int):
    return now - timedelta(days=days)


def retired_entries(now) -> QuerySet[PressContact]:
    """Retired, not yet anonymised, and unchanged since the cutoff (the newest history
    row is the retirement or a later change)."""
    cutoff = _before(now, settings.RETIRED_ENTRY_RETENTION_DAYS)
    newest = (
        PressContact.history.model.objects.filter(id=OuterRef("pk"))
        .order_by("-history_date")
        .values("history_date")[:1]
    )
    anonymised = Q(full_name__startswith=placeholder("")) & Q(
        phone="", email="", internal_phone="", internal_email="", title="", area=""
    )
    return (
        PressContact.objects.filter(is_active=False)
        .annotate(last_change=Subquery(newest))
        .filter(last_change__lt=cutoff)
        .exclude(anonymised)
        .order_by("pk")
    )


def old_proposals(now) -> QuerySet[ContactProposal]:
    cutoff = _before(now, settings.PROPOSAL_RETENTION_DAYS)
    return ContactProposal.objects.exclude(status=ProposalStatus.PENDING).filter(
        decided_at__lt=cutoff
    )


def old_outbox_bodies(now) -> QuerySet[OutboxMessage]:
    cutoff = _before(now, settings.OUTBOX_BODY_RETENTION_DAYS)
    return (
        OutboxMessage.objects.filter(
            state__in=[OutboxState.SENT, OutboxState.FAILED], created_at__lt=cutoff
        )
        .exclude(body_text="", body_html="")
        .order_by("pk")
    )


def old_access_records(now) -> QuerySet[AccessRecord]:
    return AccessRecord.objects.filter(at__lt=_before(now, settings.ACCESS_LOG_RETENTION_DAYS))


def plan(now=None) -> dict[str, list[str]]:
    """What a purge now would do, one line per row (ids and dates, no personal data)."""
    now = now or timezone.now()
    return {
        "retired_entries": [
            _("entry #%(number)s, retired, last changed %(when)s")
            % {"number": c.pk, "when": timezone.localtime(c.last_change).strftime("%d/%m/%Y")}
            for c in retired_entries(now)
        ],
        "proposals": [
            _("proposal #%(number)s, decided %(when)s")
            % {"number": p.pk, "when": timezone.localtime(p.decided_at).strftime("%d/%m/%Y")}
            for p in old_proposals(now).order_by("pk")
        ],
        "outbox_bodies": [
            _("e-mail #%(number)s of %(when)s")
            % {"number": m.pk, "when": timezone.localtime(m.created_at).strftime("%d/%m/%Y")}
            for m in old_outbox_bodies(now)
        ],
        "access_log": [
            _("%(count)s access-log rows before %(when)s")
            % {
                "count": old_access_records(now).count(),
                "when": timezone.localtime(
                    _before(now, settings.ACCESS_LOG_RETENTION_DAYS)
                ).strftime("%d/%m/%Y"),
            }
        ]
        if old_access_records(now).exists()
        else [],
    }


@transaction.atomic
def purge(now=None) -> dict[str, int]:
    now = now or timezone.now()
    entries = 0
    for contact in retired_entries(now).select_for_update(of=("self",)):
        anonymise_contact(contact, reason=_("Anonymised after its retention period"))
        entries += 1
    proposals, _details = old_proposals(now).delete()
    bodies = old_outbox_bodies(now)
    OutboxAttachment.objects.filter(message__in=bodies).delete()
    blanked = bodies.update(body_text="", body_html="")
    records, _details = old_access_records(now).delete()
    return {
        "retired_entries": entries,
        "proposals": proposals,
        "outbox_bodies": blanked,
        "access_log": records,
    }
