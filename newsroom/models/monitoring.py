from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from newsroom.enums import Assessment, ResponseStatus

__all__ = ["MonitoringItem"]


class MonitoringItem(models.Model):
    """A press or social-media item about the locality, logged by the centre (seed 003)."""

    centre = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("media centre"),
        on_delete=models.PROTECT,
        related_name="monitoring_items",
    )
    outlet = models.CharField(_("outlet"), max_length=200)
    url = models.URLField(_("link"), max_length=500, blank=True)
    published_on = models.DateField(_("published on"))
    title = models.CharField(pgettext_lazy("press item", "title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    assessment = models.CharField(_("assessment"), max_length=20, choices=Assessment.choices)
    responsible_agency = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("responsible agency"),
        on_delete=models.PROTECT,
        related_name="monitoring_items_to_answer",
        null=True,
        blank=True,
    )
    response_due = models.DateField(_("response needed by"), null=True, blank=True)
    response_status = models.CharField(
        _("response"),
        max_length=20,
        choices=ResponseStatus.choices,
        default=ResponseStatus.NOT_NEEDED,
    )
    response_text = models.TextField(_("response text"), blank=True)
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("logged by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("logged"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("press-monitoring item")
        verbose_name_plural = _("press monitoring")
        ordering = ["-published_on", "-pk"]
        indexes = [
            models.Index(fields=["centre", "published_on"]),
            models.Index(fields=["responsible_agency", "response_status"]),
        ]

    def __str__(self):
        return self.title

    @property
    def is_overdue(self) -> bool:
        return bool(
            self.response_status == ResponseStatus.PENDING
            and self.response_due
            and self.response_due < timezone.localdate()
        )
