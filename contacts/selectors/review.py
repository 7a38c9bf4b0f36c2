"""Proposals and the reviewer's dashboard."""

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext

from contacts.enums import ContactRole, PressLevel, ProposalAction, ProposalStatus
from contacts.models import ContactProposal, Organisation, PressAgency, PressContact
from contacts.models.press import stale_cutoff
from contacts.selectors.directory import live_contacts
from portal.scoping import get_for, scope_for

# The fields of an entry a proposal can set, in display order.
ENTRY_FIELDS = (
    "role",
    "press_agency",
    "organisation",
    "full_name",
    "title",
    "office_address",
    "area",
    "phone",
    "email",
    "internal_phone",
    "internal_email",
)


def proposals_for(user) -> QuerySet[ContactProposal]:
    """Reviewers: the proposals of their province's organisations. Staff: their
    organisation's. Anyone else: none."""
    return scope_for(user).filter(
        ContactProposal.objects.all(),
        organisation="proposer_organisation_id",
        across="proposer_organisation",
    )


def get_proposal_for(user, pk: int, *, perm: str | None = None, done=None) -> ContactProposal:
    proposals = proposals_for(user).select_related(
        "contact", "contact__press_agency", "contact__organisation", "proposed_by", "decided_by"
    )
    return get_for(user, proposals, pk, perm, done=done)


def pending_proposals(user) -> QuerySet[ContactProposal]:
    return (
        proposals_for(user)
        .filter(status=ProposalStatus.PENDING)
        .select_related("contact", "proposed_by", "proposer_organisation")
        .order_by("proposed_at")
    )


def stale_contacts() -> QuerySet[PressContact]:
    return (
        PressContact.objects.filter(is_active=True, verified_on__lte=stale_cutoff())
        .select_related("press_agency", "organisation")
        .order_by("verified_on", "full_name")
    )


def counts_by_level() -> list[dict]:
    """Active entries per press level, plus organisations' officers and spokespersons."""
    labels = dict(PressLevel.choices)
    totals = {
        row["press_agency__level"]: row["n"]
        for row in live_contacts().values("press_agency__level").annotate(n=Count("pk")).order_by()
    }
    rows = [
        {"label": labels[level], "level": level, "count": totals.get(level, 0)}
        for level in PressLevel.values
    ]
    rows.append(
        {
            "label": ContactRole.SPOKESPERSON.label + " / " + ContactRole.COMMS_OFFICER.label,
            "level": "",
            "count": totals.get(None, 0),
        }
    )
    return rows


def dashboard_counts() -> dict:
    return PressContact.objects.aggregate(
        active=Count("pk", filter=Q(is_active=True)),
        stale=Count("pk", filter=Q(is_active=True, verified_on__lte=stale_cutoff())),
        retired=Count("pk", filter=Q(is_active=False)),
    )


def _display(field: str, value):
    if value in (None, ""):
        return ""
    if field == "role":
        return dict(ContactRole.choices).get(value, value)
    if field == "press_agency":
        return PressAgency.objects.filter(pk=value).values_list("name", flat=True).first() or ""
    if field == "organisation":
        return Organisation.objects.filter(pk=value).values_list("name", flat=True).first() or ""
    return value


def current_values(contact: PressContact | None) -> dict:
    if contact is None:
        return {}
    values = {}
    for name in ENTRY_FIELDS:
        field = PressContact._meta.get_field(name)
        values[name] = getattr(contact, field.attname)
    values["is_active"] = contact.is_active
    return values


def proposal_diff(proposal: ContactProposal) -> list[dict]:
    """Side by side: every field, its current and proposed value, and whether it changes."""
    current = current_values(proposal.contact)
    if proposal.action == ProposalAction.RETIRE:
        proposed = {**current, "is_active": False}
    else:
        proposed = {**current, **proposal.data}
    rows = []
    for name in (*ENTRY_FIELDS, "is_active"):
        field = PressContact._meta.get_field(name)
        old, new = current.get(name), proposed.get(name)
        if name == "is_active":
            old = "" if proposal.contact is None else _active_label(old)
            new = _active_label(new if new is not None else True)
        else:
            old, new = _display(name, old), _display(name, new)
        rows.append(
            {
                "label": field.verbose_name,
                "current": old,
                "proposed": new,
                "changed": (old or "") != (new or ""),
            }
        )
    return rows


def _active_label(active: bool) -> str:
    return gettext("Active") if active else gettext("Retired")
