"""The privacy notice (administrators edit it in the back office)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PrivacyNotice(models.Model):
    """One published version per row; the page shows the newest."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"), help_text=_("Plain text; a blank line starts a new paragraph.")
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.title
