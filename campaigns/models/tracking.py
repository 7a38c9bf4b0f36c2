import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from campaigns.enums import RecipientKind, RecipientStatus, ReportChannel
from campaigns.models.campaigns import Campaign, CampaignTask

__all__ = ["Recipient", "TaskReport"]


class Recipient(models.Model):
    """One organisation a sent campaign went to, and how far it has got."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="recipients"
    )
    organisation = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="campaigns_received",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=RecipientKind.choices)
    status = models.CharField(
        _("status"), max_length=15, choices=RecipientStatus.choices, default=RecipientStatus.SENT
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)
    # Each reminder goes once: these say it went.
    ack_reminded_at = models.DateTimeField(
        _("acknowledgement reminder sent at"), null=True, blank=True
    )
    report_reminded_at = models.DateTimeField(_("report reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = pgettext_lazy("campaign", "recipients")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "organisation"], name="one_recipient_row_per_organisation"
            )
        ]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self):
        return f"{self.campaign} → {self.organisation}"

    @property
    def is_overdue(self) -> bool:
        return (
            self.status != RecipientStatus.REPORTED and self.campaign.ends_on < timezone.localdate()
        )


def evidence_path(instance, filename):
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"campaigns/evidence/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class TaskReport(models.Model):
    """What a recipient did for one task. Reporting again replaces it; the history keeps
    every earlier version."""

    recipient = models.ForeignKey(
        Recipient, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="reports"
    )
    task = models.ForeignKey(
        CampaignTask, verbose_name=_("task"), on_delete=models.CASCADE, related_name="reports"
    )
    summary = models.TextField(_("what was done"))
    done_on = models.DateField(_("when"))
    channel = models.CharField(_("channel"), max_length=15, choices=ReportChannel.choices)
    times = models.PositiveSmallIntegerField(_("how many times"), default=1)
    link = models.URLField(_("link"), max_length=500, blank=True)
    evidence = models.FileField(
        _("evidence (photo, screenshot, PDF)"), upload_to=evidence_path, max_length=255, blank=True
    )
    evidence_name = models.CharField(_("evidence file name"), max_length=255, blank=True)
    evidence_type = models.CharField(_("evidence file type"), max_length=100, blank=True)
    publication = models.ForeignKey(
        "newsroom.Publication",
        verbose_name=_("publication logged by the centre"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="campaign_reports",
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("task report")
        verbose_name_plural = _("task reports")
        ordering = ["task__position", "task_id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "task"], name="one_report_per_task"),
            models.CheckConstraint(condition=models.Q(times__gte=1), name="report_times_positive"),
        ]

    def __str__(self):
        return f"{self.recipient.organisation} · {self.task}"
