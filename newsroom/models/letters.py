from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["AgencyLetter"]


class AgencyLetter(models.Model):
    """The centre's monthly letter (công văn) to one agency's head about its lead-time
    record, in the official layout. Made and sent once per agency and month, then kept as
    sent: its figures (with the letterhead as it was), its files and its recipients never
    change."""

    centre = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("media centre"),
        on_delete=models.PROTECT,
        related_name="agency_letters_sent",
    )
    agency = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="agency_letters",
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month it covers."))
    number = models.PositiveIntegerField(_("number"))
    data = models.JSONField(_("figures"), default=dict)
    sent_at = models.DateTimeField(_("sent"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_to = models.JSONField(_("sent to"), default=list, blank=True)
    docx = models.BinaryField(_("Word file as sent"), editable=False)
    pdf = models.BinaryField(_("PDF as sent"), null=True, editable=False)

    class Meta:
        verbose_name = _("monthly letter to an agency")
        verbose_name_plural = _("monthly letters to agencies")
        ordering = ["-month", "centre_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "month"], name="one_letter_per_agency_month")
        ]
        indexes = [models.Index(fields=["centre", "month"])]

    def __str__(self):
        return f"{self.agency} · {self.month:%m/%Y}"
