from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.enums import ReminderKind, ReminderState

__all__ = ["Reminder"]


class Reminder(models.Model):
    """A message due at a time. A minute sweep turns due rows into outbox messages.

    `dedupe_key` names the occasion ("assignment:12:evening", "notice:7:unassigned-48h:3")
    so scheduling the same occasion twice keeps one row.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ReminderKind.choices)
    due_at = models.DateTimeField(_("due at"))
    state = models.CharField(
        _("state"), max_length=10, choices=ReminderState.choices, default=ReminderState.PENDING
    )
    dedupe_key = models.CharField(_("occasion"), max_length=200, unique=True)
    notice = models.ForeignKey(
        "events.Notice",
        verbose_name=_("notice"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
    )
    # The assignment it is about (newsroom triage); an id so reminders do not depend on it.
    assignment_id = models.PositiveBigIntegerField(_("assignment"), null=True, blank=True)
    context = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # A row that raises is tried again at the next sweeps, then given up (the outbox's
    # maximum attempts) with its error kept for the admin.
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["due_at"]
        indexes = [
            models.Index(fields=["state", "due_at"]),
            models.Index(fields=["assignment_id"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient} @ {self.due_at:%d/%m/%Y %H:%M}"
