"""A checked import file, kept in the database between the dry run and its apply."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportDryRun(models.Model):
    """The result of every row of one uploaded file, for its owner only.

    Applying claims the row (`applied_at` goes from empty to a time in one conditional
    UPDATE), so a double-click or a retried request applies it once. Beat deletes it
    `CONTACT_IMPORT_DRY_RUN_RETENTION` after it expired.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)
    rows = models.JSONField(_("rows"), default=list)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    applied_count = models.PositiveIntegerField(_("changes applied"), null=True, blank=True)

    class Meta:
        verbose_name = _("import dry run")
        verbose_name_plural = _("import dry runs")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.owner} @ {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
