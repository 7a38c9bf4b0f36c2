from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PressInvitation(models.Model):
    """A press contact invited to cover a notice's event. Nobody is invited twice."""

    notice = models.ForeignKey(
        "events.Notice",
        verbose_name=_("event notice"),
        on_delete=models.CASCADE,
        related_name="press_invitations",
    )
    contact = models.ForeignKey(
        "contacts.PressContact",
        verbose_name=_("press contact"),
        on_delete=models.PROTECT,
        related_name="invitations",
    )
    email = models.EmailField(_("sent to"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)

    class Meta:
        verbose_name = _("press invitation")
        verbose_name_plural = _("press invitations")
        ordering = ["invited_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "contact"], name="invite_contact_once")
        ]

    def __str__(self):
        return f"{self.contact} → {self.notice}"
