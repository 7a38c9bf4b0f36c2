"""Campaigns a user may see, and who a draft would go to."""

from django.db.models import Count, Q, QuerySet, Subquery

from campaigns.enums import RecipientKind, RecipientStatus
from campaigns.models import Campaign, Material
from contacts.models import Organisation
from portal.enums import Role
from portal.scoping import get_for, scope_for


def campaigns_for(user) -> QuerySet[Campaign]:
    """The province's reviewers see every campaign and relay issued in their province; an
    organisation sees the campaigns it issued and those it received."""
    visible = scope_for(user).filter(
        Campaign.objects.all(),
        organisation=("issuer_id", "recipients__organisation_id"),
        across="issuer",
    )
    return Campaign.objects.select_related("issuer", "parent").filter(pk__in=visible.values("pk"))


def get_campaign_for(user, pk, *, perm: str | None = None, done=None) -> Campaign:
    return get_for(user, campaigns_for(user), pk, perm, done=done)


def campaign_list_for(user) -> QuerySet[Campaign]:
    return (
        campaigns_for(user)
        .order_by("-starts_on", "-pk")
        .annotate(
            recipient_count=Count("recipients", distinct=True),
            reported_count=Count(
                "recipients", filter=Q(recipients__status=RecipientStatus.REPORTED), distinct=True
            ),
        )
    )


def get_material_for(user, campaign_pk, pk) -> Material:
    materials = Material.objects.filter(campaign__in=campaigns_for(user))
    return get_for(user, materials, pk, campaign_id=campaign_pk)


# --- Who a campaign goes to -------------------------------------------------------------------


def kind_of(organisation) -> str:
    if organisation.is_newsroom:
        return RecipientKind.CENTRE
    if organisation.level.is_locality:
        return RecipientKind.COMMUNE
    return RecipientKind.AGENCY


def _issuer_and_above(issuer_id: int) -> list[int]:
    """The issuer and the tree nodes above it (the province does not receive its own
    department's campaign). A few queries: the tree is shallow."""
    chain, current = [], issuer_id
    while current is not None and current not in chain:
        chain.append(current)
        current = (
            Organisation.objects.filter(pk=current).values_list("parent_id", flat=True).first()
        )
    return chain


def pool(issuer_id: int, *, relay: bool) -> QuerySet[Organisation]:
    """Who the issuer may send to: every active organisation of the issuer's province but
    itself and the nodes above it, or, for a centre's relay, its own agencies and communes."""
    organisations = Organisation.objects.filter(is_active=True).select_related("level")
    if relay:
        return organisations.filter(centre_id=issuer_id)
    province = Organisation.objects.filter(pk=issuer_id).values("province_id")[:1]
    return organisations.filter(province_id=Subquery(province)).exclude(
        pk__in=_issuer_and_above(issuer_id)
    )


def audience_q(
    *, to_centres=False, to_communes=False, to_agencies=False, levels=(), areas=(), named=()
) -> Q | None:
    """The organisations the choices name (ids), as one condition (None: nothing chosen)."""
    parts = []
    if to_centres:
        parts.append(Q(is_newsroom=True))
    if to_communes:
        parts.append(Q(level__is_locality=True, is_newsroom=False))
    if to_agencies:
        parts.append(Q(level__is_locality=False, is_newsroom=False))
    if levels:
        parts.append(Q(level__in=levels))
    if areas:
        parts.append(Q(centre__in=areas) | Q(pk__in=areas))
    if named:
        parts.append(Q(pk__in=named))
    if not parts:
        return None
    condition = parts[0]
    for part in parts[1:]:
        condition |= part
    return condition


def audience_of(campaign: Campaign) -> QuerySet[Organisation]:
    """The organisations the campaign's stored choices name, within its pool."""
    condition = audience_q(
        to_centres=campaign.to_centres,
        to_communes=campaign.to_communes,
        to_agencies=campaign.to_agencies,
        levels=list(campaign.to_levels.values_list("pk", flat=True)),
        areas=list(campaign.to_centre_areas.values_list("pk", flat=True)),
        named=list(campaign.to_named.values_list("pk", flat=True)),
    )
    organisations = pool(campaign.issuer_id, relay=campaign.is_relay)
    if condition is None:
        return organisations.none()
    return organisations.filter(condition).order_by("level__rank", "name")


def audience_preview(campaign: Campaign) -> QuerySet[Organisation]:
    """The audience with how many people of each organisation will be told."""
    told = Q(members__is_active=True) & (
        Q(members__role=Role.AGENCY_STAFF, is_newsroom=False)
        | Q(members__role=Role.EDITOR, is_newsroom=True)
    )
    return audience_of(campaign).annotate(people=Count("members", filter=told))
