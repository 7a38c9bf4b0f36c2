from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.enums import CalendarVersionState


class CalendarVersion(models.Model):
    """One upload of a leaders' weekly calendar. A dry run (draft) belongs to whoever
    uploaded it and expires; confirming it makes it the week's current version and the
    previous one is superseded."""

    issuer = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("issuing office"),
        on_delete=models.PROTECT,
        related_name="leaders_calendars",
    )
    week_start = models.DateField(_("week starting"))
    number = models.PositiveSmallIntegerField(_("version"), null=True, blank=True)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=CalendarVersionState.choices,
        default=CalendarVersionState.DRAFT,
    )
    received_at = models.DateTimeField(_("received at"))
    file_name = models.CharField(_("file name"), max_length=255)
    problems = models.JSONField(_("unreadable rows"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("dry run expires at"), null=True, blank=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applied by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("leaders' calendar version")
        verbose_name_plural = _("leaders' calendar versions")
        ordering = ["-week_start", "-number", "-pk"]
        indexes = [models.Index(fields=["issuer", "week_start", "state"])]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "week_start", "number"],
                condition=models.Q(number__isnull=False),
                name="calendar_version_number_unique",
            ),
            models.UniqueConstraint(
                fields=["issuer", "week_start"],
                condition=models.Q(state="applied"),
                name="calendar_one_current_version_per_week",
            ),
        ]

    def __str__(self):
        return f"{self.issuer} {self.week_start:%d/%m/%Y} v{self.number or '-'}"


class CalendarItem(models.Model):
    """One item of a calendar version; `notice` is set once the centre covers it, and
    carried over to the matching item of the next version."""

    version = models.ForeignKey(CalendarVersion, on_delete=models.CASCADE, related_name="items")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    time_given = models.BooleanField(_("clock time given"), default=True)
    content = models.TextField(_("content"))
    leaders = models.CharField(_("leaders"), max_length=500, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    preparing_unit = models.CharField(_("preparing unit"), max_length=255, blank=True)
    row = models.PositiveIntegerField(_("row in the file"), default=0)
    notice = models.ForeignKey(
        "events.Notice",
        verbose_name=_("notice"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leaders_items",
    )

    class Meta:
        verbose_name = _("leaders' calendar item")
        verbose_name_plural = _("leaders' calendar items")
        ordering = ["starts_at", "pk"]

    def __str__(self):
        return self.content[:80]

    @property
    def is_morning(self) -> bool:
        """For an item given only as "Sáng"/"Chiều": which, in local time."""
        return timezone.localtime(self.starts_at).hour < 12
