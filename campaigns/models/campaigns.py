import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from campaigns.enums import CampaignStatus, MaterialKind, TaskAudience

__all__ = ["Campaign", "CampaignDocument", "CampaignTask", "Material"]


class Campaign(models.Model):
    """A campaign the provincial department (or a centre relaying it) asks organisations
    to carry out (seed 004). Recipients are chosen by the audience fields and become rows
    of `Recipient` when it is sent."""

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    issuer = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="campaigns_issued",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("relays"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="relays",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    # Who receives it: any of these, within the issuer's pool (the province, or a relaying
    # centre's own agencies and communes).
    to_centres = models.BooleanField(_("all media centres"), default=False)
    to_communes = models.BooleanField(_("all communes"), default=False)
    to_agencies = models.BooleanField(_("all departments and agencies"), default=False)
    to_levels = models.ManyToManyField(
        "contacts.OrgLevel", verbose_name=_("every organisation of these levels"), blank=True
    )
    to_centre_areas = models.ManyToManyField(
        "contacts.Organisation",
        verbose_name=_("every organisation of these centres"),
        blank=True,
        related_name="+",
        limit_choices_to={"is_newsroom": True},
    )
    to_named = models.ManyToManyField(
        "contacts.Organisation",
        verbose_name=_("these organisations"),
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["to_levels", "to_centre_areas", "to_named"])

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_on__lte=models.F("ends_on")),
                name="campaign_starts_before_it_ends",
            ),
            models.UniqueConstraint(
                fields=["parent", "issuer"],
                condition=models.Q(parent__isnull=False),
                name="one_relay_per_centre",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == CampaignStatus.DRAFT

    @property
    def is_relay(self) -> bool:
        return self.parent_id is not None


class CampaignDocument(models.Model):
    """A document the campaign implements: "Kế hoạch số 130/KH-TU ngày 12/03/2024"."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="documents"
    )
    number = models.CharField(_("number and symbol"), max_length=100)
    issued_on = models.DateField(_("dated"))
    issuer = models.CharField(_("issued by"), max_length=200)
    summary = models.CharField(_("about"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("document implemented")
        verbose_name_plural = _("documents implemented")
        ordering = ["issued_on", "pk"]

    def __str__(self):
        return f"{self.number} ({self.issued_on:%d/%m/%Y})"


def material_path(instance, filename):
    # Random names: the stored name never comes from the user, nor can it be guessed.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"campaigns/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Material(models.Model):
    """A banner, a PDF, a link to audio or video, or a text to broadcast."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="materials"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=MaterialKind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=material_path, max_length=255, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size"), default=0)
    url = models.URLField(_("link"), max_length=500, blank=True)
    text = models.TextField(pgettext_lazy("material", "text"), blank=True)
    added_at = models.DateTimeField(_("added"), default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["added_at", "pk"]

    def __str__(self):
        return self.title


class CampaignTask(models.Model):
    """What one kind of recipient is asked to do."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="tasks"
    )
    audience = models.CharField(_("for"), max_length=10, choices=TaskAudience.choices)
    description = models.TextField(_("task"))
    times = models.PositiveSmallIntegerField(
        _("at least (times)"),
        null=True,
        blank=True,
        help_text=_("For a broadcast: how many times at least. Leave empty otherwise."),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.description[:80]

    def concerns(self, kind: str) -> bool:
        return self.audience in (TaskAudience.ALL, kind)
