"""Reporters' absences and the one table that keeps them apart from assignments.

PostgreSQL can only exclude overlaps inside one table, so every assignment and every
absence keeps a mirror row in `BusyPeriod` (written by their own `save()`, in the same
transaction). The exclusion constraint on it (frozen SQL in migration 0014) refuses an
assignment and an absence of one reporter whose times overlap, while both block; the
double-booking constraint on the assignments themselves stays as it was. SQLite cannot
express it: there the service checks inside its transaction (writers are serialised).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from newsroom.enums import (
    BLOCKING_ABSENCE_STATUSES,
    BUSY_STATUSES,
    AbsenceKind,
    AbsenceStatus,
    BusySource,
    OverrideKind,
)

ABSENCE_OVERLAP_CONSTRAINT = "busy_period_no_assignment_over_absence"


class Absence(models.Model):
    """A reporter away: leave, sick, business trip, training, or a shift in the office."""

    centre = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("media centre"),
        on_delete=models.PROTECT,
        related_name="absences",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reporter"),
        on_delete=models.PROTECT,
        related_name="absences",
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=AbsenceKind.choices, default=AbsenceKind.LEAVE
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AbsenceStatus.choices, default=AbsenceStatus.PENDING
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["reporter", "status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="absence_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.reporter} · {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        BusyPeriod.mirror(
            BusySource.ABSENCE,
            {"absence": self},
            reporter_id=self.reporter_id,
            start=self.starts_at,
            end=self.ends_at,
            blocking=self.blocks,
        )

    @property
    def blocks(self) -> bool:
        return self.status in BLOCKING_ABSENCE_STATUSES


class BusyPeriod(models.Model):
    """The time an assignment or an absence holds a reporter (a mirror row, see above)."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    source = models.CharField(max_length=10, choices=BusySource.choices)
    assignment = models.OneToOneField(
        "newsroom.Assignment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="busy_period",
    )
    absence = models.OneToOneField(
        Absence, on_delete=models.CASCADE, null=True, blank=True, related_name="busy_period"
    )
    window_start = models.DateTimeField()
    window_end = models.DateTimeField()
    blocking = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(window_end__gt=models.F("window_start")),
                name="busy_period_ends_after_start",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(source="assignment", assignment__isnull=False, absence__isnull=True)
                    | models.Q(source="absence", absence__isnull=False, assignment__isnull=True)
                ),
                name="busy_period_has_one_source",
            ),
        ]

    def __str__(self):
        return f"{self.reporter_id} · {self.source} · {self.window_start}–{self.window_end}"

    @classmethod
    def mirror(cls, source, owner: dict, *, reporter_id, start, end, blocking) -> None:
        """Write the mirror row of an assignment or an absence (one UPDATE, or an INSERT)."""
        values = {
            "reporter_id": reporter_id,
            "window_start": start,
            "window_end": end,
            "blocking": blocking,
        }
        if not cls.objects.filter(**owner).update(**values):
            cls.objects.create(source=source, **owner, **values)

    @classmethod
    def mirror_assignment(cls, assignment) -> None:
        cls.mirror(
            BusySource.ASSIGNMENT,
            {"assignment": assignment},
            reporter_id=assignment.reporter_id,
            start=assignment.window_start,
            end=assignment.window_end,
            blocking=(
                assignment.status in BUSY_STATUSES and assignment.override_kind == OverrideKind.NONE
            ),
        )
