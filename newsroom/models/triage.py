from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from newsroom.enums import DeclineReason


class NoticeDecision(models.Model):
    """The centre's refusal to cover a notice, with the reason the agency is told."""

    notice = models.OneToOneField(
        "events.Notice",
        verbose_name=_("notice"),
        on_delete=models.CASCADE,
        related_name="decision",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=DeclineReason.choices)
    note = models.TextField(_("explanation"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decline decision")
        verbose_name_plural = _("decline decisions")

    def __str__(self):
        return f"{self.notice}: {self.get_reason_display()}"
