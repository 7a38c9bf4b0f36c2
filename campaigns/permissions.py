"""Who may do what with campaigns (django-rules). Seeing is decided by the selectors.

The issuer is an organisation: the provincial reviewer's department for a campaign of the
province (the reviewer role, whatever the department is called), or a centre for the
relay it sends its own agencies and communes. A recipient organisation acts through its
agency staff, or through the editors of a centre."""

import rules

from campaigns.enums import CampaignStatus, RecipientKind
from portal.predicates import (
    has_organisation,
    is_agency_staff_of,
    is_editor_of,
    is_reviewer,
)
from portal.scoping import scope_for


def issues_for(user, organisation_id) -> bool:
    """The user speaks for the issuing organisation."""
    if is_reviewer(user):
        return scope_for(user).organisation_id == organisation_id
    return is_editor_of(user, organisation_id)


def acts_for(user, organisation_id) -> bool:
    """The user speaks for a recipient organisation."""
    return is_agency_staff_of(user, organisation_id) or is_editor_of(user, organisation_id)


@rules.predicate
def is_campaign_issuer(user, campaign):
    return issues_for(user, campaign.issuer_id)


@rules.predicate
def tracks_campaign(user, campaign):
    """The issuer, and the province above every relay, see the tracking."""
    return is_campaign_issuer(user, campaign) or is_reviewer(user)


@rules.predicate
def campaign_is_draft(user, campaign):
    return campaign.status == CampaignStatus.DRAFT


@rules.predicate
def campaign_is_sent(user, campaign):
    return campaign.status == CampaignStatus.SENT


@rules.predicate
def acts_for_recipient(user, recipient):
    return acts_for(user, recipient.organisation_id)


@rules.predicate
def recipient_campaign_open(user, recipient):
    return recipient.campaign.status == CampaignStatus.SENT


@rules.predicate
def recipient_is_centre(user, recipient):
    return recipient.kind == RecipientKind.CENTRE


@rules.predicate
def sees_report_evidence(user, report):
    recipient = report.recipient
    return acts_for(user, recipient.organisation_id) or tracks_campaign(user, recipient.campaign)


rules.add_perm("campaigns.view_campaigns", has_organisation | is_reviewer)
rules.add_perm("campaigns.add_campaign", is_reviewer & has_organisation)
rules.add_perm("campaigns.change_campaign", is_campaign_issuer & campaign_is_draft)
rules.add_perm("campaigns.send_campaign", is_campaign_issuer & campaign_is_draft)
rules.add_perm("campaigns.close_campaign", is_campaign_issuer & campaign_is_sent)
rules.add_perm("campaigns.track_campaign", tracks_campaign)
rules.add_perm("campaigns.act_on_campaign", acts_for_recipient & recipient_campaign_open)
rules.add_perm(
    "campaigns.relay_campaign", acts_for_recipient & recipient_campaign_open & recipient_is_centre
)
rules.add_perm("campaigns.view_evidence", sees_report_evidence)
