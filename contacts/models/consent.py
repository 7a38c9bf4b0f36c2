"""The record of every legal basis given or withdrawn for a personal field of an entry."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.enums import ConsentSource, LegalBasis


class ConsentRecord(models.Model):
    """Append-only: one row per change of basis of one field of one entry. The entry's
    `<field>_basis` column is the current state; these rows are how it got there."""

    contact = models.ForeignKey(
        "contacts.PressContact",
        verbose_name=_("entry"),
        on_delete=models.CASCADE,
        related_name="consent_records",
    )
    field = models.CharField(_("field"), max_length=20)
    basis = models.CharField(_("basis"), max_length=20, choices=LegalBasis.choices)
    source = models.CharField(_("source"), max_length=20, choices=ConsentSource.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the person themselves answered through the link."),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-recorded_at", "-pk"]
        indexes = [models.Index(fields=["contact", "field", "recorded_at"])]

    def __str__(self):
        return f"{self.contact_id} {self.field}: {self.basis}"
