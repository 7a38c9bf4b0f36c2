from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["ReportSettings", "WeeklyReport"]


class ReportSettings(models.Model):
    """Per centre: who receives the weekly report and what its letterhead says (admin)."""

    centre = models.OneToOneField(
        "contacts.Organisation",
        verbose_name=_("media centre"),
        on_delete=models.CASCADE,
        related_name="report_settings",
    )
    recipients = models.TextField(
        _("recipients"), blank=True, help_text=_("One e-mail address per line.")
    )
    governing_body = models.CharField(
        _("governing body"), max_length=150, blank=True, help_text=_("e.g. UBND HUYỆN KON RẪY")
    )
    place = models.CharField(_("place"), max_length=100, default="Kon Rẫy")
    number_suffix = models.CharField(_("number suffix"), max_length=30, default="BC-TTVH")
    addressees = models.TextField(
        _("addressees (Nơi nhận)"), blank=True, help_text=_("One per line.")
    )
    signer_title = models.CharField(_("signer's title"), max_length=100, default="GIÁM ĐỐC")
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("weekly report settings")
        verbose_name_plural = _("weekly report settings")

    def __str__(self):
        return str(self.centre)

    @property
    def recipient_list(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]

    @property
    def addressee_list(self) -> list[str]:
        return [line.strip() for line in self.addressees.splitlines() if line.strip()]


class WeeklyReport(models.Model):
    """The press and coverage report of one centre for one week; one row per centre-week."""

    centre = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("media centre"),
        on_delete=models.PROTECT,
        related_name="weekly_reports",
    )
    week_start = models.DateField(_("from"))
    week_end = models.DateField(_("to"))
    number = models.PositiveIntegerField(_("number"))
    data = models.JSONField(_("figures"), default=dict)
    generated_at = models.DateTimeField(_("generated"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("weekly report")
        verbose_name_plural = _("weekly reports")
        ordering = ["-week_start", "centre_id"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "week_start"], name="one_report_per_week")
        ]

    def __str__(self):
        return f"{self.centre} · {self.week_start:%d/%m/%Y}–{self.week_end:%d/%m/%Y}"
