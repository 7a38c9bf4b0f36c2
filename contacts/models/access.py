"""Who read the directory's personal data, and when (Law 91/2025/QH15). Writes are in the
entries' history already; this is the reads."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.enums import AccessKind


class AccessRecord(models.Model):
    """One row per page or file that showed personal data: written with one INSERT, no
    lookups, so the page it records does not wait on it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    what = models.CharField(_("what"), max_length=10, choices=AccessKind.choices)
    # Not a foreign key: the log outlives a purged entry, and writing it checks nothing.
    entry_id = models.PositiveIntegerField(_("entry"), null=True, blank=True, db_index=True)
    detail = models.CharField(_("details"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("access record")
        verbose_name_plural = _("access records")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.what}"
