from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.enums import ReceivedVia


class NoticeSeries(models.Model):
    """A notice that repeats (a weekly briefing, a monthly meeting).

    The repetition is an RFC 5545 RRULE (python-dateutil reads it) counted from
    `first_starts_at`; each occurrence becomes a real notice, created ahead for a rolling
    horizon by a beat task, through the same writer as any other notice. `template` holds
    the notice fields every occurrence gets; `exceptions` the dates skipped.
    """

    agency = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="notice_series",
    )
    centre = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("centre"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=255)
    template = models.JSONField(_("notice fields"), default=dict)
    first_starts_at = models.DateTimeField(_("first start"))
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"))
    rule = models.CharField(_("repetition rule (RRULE)"), max_length=500)
    exceptions = models.JSONField(_("dates skipped"), default=list, blank=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    # Occurrences are judged for lead time from here: the receipt, or the last change.
    judged_at = models.DateTimeField(_("lead time measured from"), default=timezone.now)
    ended_at = models.DateTimeField(_("stopped at"), null=True, blank=True)
    # The agency's own form, or centre staff recording it for the agency (by phone).
    received_via = models.CharField(
        _("received via"), max_length=20, choices=ReceivedVia.choices, default=ReceivedVia.WEB
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("recurring notice")
        verbose_name_plural = _("recurring notices")
        ordering = ["first_starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gt=0), name="series_duration_positive"
            )
        ]

    def __str__(self):
        return self.title


class SeriesOccurrence(models.Model):
    """One date of a series and the notice made for it. `detached` once someone edited
    "this occurrence" only: later changes of the series leave it alone."""

    series = models.ForeignKey(
        NoticeSeries,
        verbose_name=_("series"),
        on_delete=models.CASCADE,
        related_name="occurrences",
    )
    notice = models.OneToOneField(
        "events.Notice",
        verbose_name=_("notice"),
        on_delete=models.CASCADE,
        related_name="occurrence",
    )
    date = models.DateField(_("date"))
    detached = models.BooleanField(_("edited on its own"), default=False)

    class Meta:
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["series", "date"], name="one_occurrence_per_day")
        ]

    def __str__(self):
        return f"{self.series} · {self.date:%d/%m/%Y}"
