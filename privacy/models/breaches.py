"""The register of personal-data breaches and their 72-hour clock (Law 91/2025/QH15;
Decree 356/2025: the authority is told within 72 hours of discovery)."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

NOTIFY_WITHIN = timedelta(hours=72)


class Breach(models.Model):
    """A suspected or confirmed breach. The fields are those the notification to the
    authority (the Ministry of Public Security's department A05) asks for."""

    title = models.CharField(_("what happened"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)
    discovered_at = models.DateTimeField(_("discovered at"))
    occurred_at = models.DateTimeField(_("occurred at (if known)"), null=True, blank=True)
    data_kinds = models.TextField(
        _("kinds of personal data"), max_length=2000, help_text=_("Names, phones, e-mails …")
    )
    affected_count = models.PositiveIntegerField(_("number of people affected"), default=0)
    affected_contacts = models.ManyToManyField(
        "contacts.PressContact",
        verbose_name=_("directory entries affected"),
        blank=True,
        related_name="+",
    )
    affected_others = models.TextField(
        _("other people affected"),
        blank=True,
        max_length=5000,
        help_text=pgettext_lazy("people", "One per line."),
    )
    consequences = models.TextField(_("likely consequences"), blank=True, max_length=5000)
    measures = models.TextField(_("measures taken or planned"), blank=True, max_length=5000)
    notified_authority_at = models.DateTimeField(_("authority notified at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    reminded_48_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminded_70_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("personal-data breach")
        verbose_name_plural = _("personal-data breaches")
        ordering = ["-discovered_at", "-pk"]
        indexes = [models.Index(fields=["notified_authority_at", "discovered_at"])]

    def __str__(self):
        return self.title

    @property
    def deadline(self):
        return self.discovered_at + NOTIFY_WITHIN

    @property
    def hours_left(self) -> float:
        return (self.deadline - timezone.now()).total_seconds() / 3600

    @property
    def is_overdue(self) -> bool:
        return self.notified_authority_at is None and timezone.now() > self.deadline
