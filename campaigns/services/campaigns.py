"""Every change to a campaign before and at sending: drafts, materials, sending, relays."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.enums import CampaignStatus, MaterialKind
from campaigns.models import Campaign, CampaignDocument, CampaignTask, Material, Recipient
from campaigns.selectors.campaigns import audience_of, kind_of
from campaigns.selectors.tracking import tasks_of
from portal.models import User
from portal.outbox import notify
from portal.selectors import agency_staff, centre_editors

CAMPAIGN_FIELDS = ("title", "description", "starts_on", "ends_on")
AUDIENCE_FLAGS = ("to_centres", "to_communes", "to_agencies")
AUDIENCE_SETS = ("to_levels", "to_centre_areas", "to_named")


class NotReady(ValueError):
    """The campaign cannot be sent yet; the message says why."""


def campaign_url(campaign) -> str:
    return reverse("campaigns:detail", args=[campaign.pk])


def _apply(campaign: Campaign, data: dict, documents: list[dict], tasks: list[dict]) -> None:
    for field in CAMPAIGN_FIELDS + AUDIENCE_FLAGS:
        if field in data:
            setattr(campaign, field, data[field])
    campaign.description = campaign.description or ""
    campaign.save()
    for field in AUDIENCE_SETS:
        if field in data:
            getattr(campaign, field).set(data[field] or [])
    campaign.documents.all().delete()
    CampaignDocument.objects.bulk_create(
        CampaignDocument(
            campaign=campaign,
            number=row["number"],
            issued_on=row["issued_on"],
            issuer=row["issuer"],
            summary=row.get("summary") or "",
        )
        for row in documents
    )
    campaign.tasks.all().delete()
    CampaignTask.objects.bulk_create(
        CampaignTask(
            campaign=campaign,
            audience=row["audience"],
            description=row["description"],
            times=row.get("times"),
            position=position,
        )
        for position, row in enumerate(tasks)
    )


@transaction.atomic
def create_campaign(*, issuer, by: User, data: dict, documents, tasks) -> Campaign:
    """A draft campaign of `issuer` (the reviewer's department)."""
    campaign = Campaign(issuer=issuer, created_by=by)
    campaign._history_user = by
    _apply(campaign, data, documents, tasks)
    return campaign


@transaction.atomic
def update_campaign(campaign: Campaign, *, by: User, data: dict, documents, tasks) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != CampaignStatus.DRAFT:
        return campaign  # a sent campaign is what its recipients received
    campaign._history_user = by
    _apply(campaign, data, documents, tasks)
    return campaign


@transaction.atomic
def add_material(
    campaign: Campaign, *, by: User, kind: str, title: str, upload=None, url="", text=""
) -> Material:
    """A material verified by the form (`portal.files.verify_upload`) before it gets here."""
    material = Material(
        campaign=campaign, kind=kind, title=title, url=url or "", text=text or "", added_by=by
    )
    if kind == MaterialKind.FILE and upload is not None:
        material.original_name = upload.name[:255]
        material.content_type = upload.verified_type.mimetype
        material.size = upload.size
        material.file.save(upload.name, upload, save=False)
    material.save()
    return material


@transaction.atomic
def remove_material(material: Material) -> None:
    """Only a draft's materials can go: a sent one is what recipients received."""
    if material.campaign.status == CampaignStatus.DRAFT:
        material.delete()


def readiness(campaign: Campaign) -> list[str]:
    """What stops the campaign from being sent, in words (empty: ready)."""
    problems = []
    if not audience_of(campaign).exists():
        problems.append(_("No recipients are chosen: choose who receives the campaign."))
    if not campaign.tasks.exists():
        problems.append(_("The campaign has no task: say what the recipients must do."))
    return problems


def _people_of(organisation):
    if organisation.is_newsroom:
        return centre_editors(organisation.pk)
    return agency_staff(organisation.pk)


def tell_recipient(recipient: Recipient, kind: str) -> int:
    """Tell the recipient organisation's staff (e-mail through the outbox, in-app)."""
    campaign = recipient.campaign
    context = {
        "campaign": campaign,
        "recipient_row": recipient,
        "tasks": list(tasks_of(campaign, recipient.kind)),
        "materials": list(campaign.materials.all()),
        "documents": list(campaign.documents.all()),
    }
    told = 0
    for person in _people_of(recipient.organisation):
        notify(person, kind, context, url=campaign_url(campaign))
        told += 1
    return told


@transaction.atomic
def send_campaign(campaign: Campaign, *, by: User) -> int:
    """Send a draft to the organisations its choices name: one row each, and each one's
    staff told once. Sending a sent campaign again does nothing."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != CampaignStatus.DRAFT:
        return 0
    problems = readiness(campaign)
    if problems:
        raise NotReady(" ".join(problems))
    now = timezone.now()
    organisations = list(audience_of(campaign))
    Recipient.objects.bulk_create(
        Recipient(campaign=campaign, organisation=org, kind=kind_of(org), sent_at=now)
        for org in organisations
    )
    campaign.status = CampaignStatus.SENT
    campaign.sent_at = now
    campaign.sent_by = by
    campaign._history_user = by
    campaign.save()
    for recipient in campaign.recipients.select_related("organisation", "campaign"):
        tell_recipient(recipient, "campaign_received")
    return len(organisations)


@transaction.atomic
def relay_campaign(recipient: Recipient, *, by: User) -> Campaign:
    """A centre that received a campaign relays it to its own agencies and communes: a
    draft child campaign with the parent's documents and materials and no tasks yet (the
    centre writes its own). Relaying twice opens the same draft."""
    parent = recipient.campaign
    existing = Campaign.objects.filter(parent=parent, issuer=recipient.organisation).first()
    if existing is not None:
        return existing
    child = Campaign(
        parent=parent,
        issuer=recipient.organisation,
        title=parent.title,
        description=parent.description,
        starts_on=parent.starts_on,
        ends_on=parent.ends_on,
        to_communes=True,
        created_by=by,
    )
    child._history_user = by
    child.save()
    CampaignDocument.objects.bulk_create(
        CampaignDocument(
            campaign=child,
            number=doc.number,
            issued_on=doc.issued_on,
            issuer=doc.issuer,
            summary=doc.summary,
        )
        for doc in parent.documents.all()
    )
    # The same stored files: materials are never changed once sent, only read.
    Material.objects.bulk_create(
        Material(
            campaign=child,
            kind=m.kind,
            title=m.title,
            file=m.file.name,
            original_name=m.original_name,
            content_type=m.content_type,
            size=m.size,
            url=m.url,
            text=m.text,
            added_by=m.added_by,
        )
        for m in parent.materials.all()
    )
    return child


@transaction.atomic
def close_campaign(campaign: Campaign, *, by: User) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != CampaignStatus.SENT:
        return campaign
    campaign.status = CampaignStatus.CLOSED
    campaign.closed_at = timezone.now()
    campaign._history_user = by
    campaign.save()
    return campaign
