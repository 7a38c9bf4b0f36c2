from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from newsroom.enums import BUSY_STATUSES, AssignmentRole, AssignmentStatus, OverrideKind
from newsroom.models.availability import BusyPeriod

# Created on PostgreSQL only, by frozen SQL in the migrations (0007, then 0010): SQLite
# cannot express it, so it is not in Meta and the service checks overlaps itself there.
ASSIGNMENT_OVERLAP_CONSTRAINT = "assignment_no_double_booking"


class Assignment(models.Model):
    """A reporter sent to cover a notice, in one role.

    The window is the notice's time plus the travel buffer on both sides, stored so the
    database can refuse two overlapping busy windows of one reporter (PostgreSQL
    exclusion constraint, see the migration 0010) unless `override_kind` says why this one
    may overlap: the director decided so (with a reason), or the agency moved the event
    onto another assignment of the reporter and the director has yet to resolve it.
    """

    notice = models.ForeignKey(
        "events.Notice",
        verbose_name=_("notice"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reporter"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    role = models.CharField(
        _("role"), max_length=10, choices=AssignmentRole.choices, default=AssignmentRole.WRITER
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.ACTIVE,
    )
    window_start = models.DateTimeField(_("busy from"))
    window_end = models.DateTimeField(_("busy until"))
    override_kind = models.CharField(
        _("overlap allowed"),
        max_length=12,
        choices=OverrideKind.choices,
        default=OverrideKind.NONE,
    )
    override_reason = models.CharField(_("reason for double booking"), max_length=500, blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("double booking decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reporter_note = models.TextField(_("reporter's note"), blank=True)
    material_link = models.URLField(_("link to filed material"), blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    covered_at = models.DateTimeField(_("covered at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)
    decline_reason = models.CharField(_("reason for declining"), max_length=500, blank=True)
    # Set once, when the director was told nobody answered in time (the claim of the sweep).
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["window_start"]
        indexes = [
            models.Index(fields=["reporter", "status", "window_start"]),
            # the director's home: only the upcoming assignments, not a centre's history
            models.Index(fields=["window_end"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(window_end__gt=models.F("window_start")),
                name="assignment_window_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(override_kind="director", override_reason=""),
                name="assignment_director_override_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.reporter} · {self.notice} ({self.get_role_display()})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The mirror row that keeps assignments off absences (see models/availability.py).
        BusyPeriod.mirror_assignment(self)

    @property
    def is_busy(self) -> bool:
        return self.status in BUSY_STATUSES

    @property
    def needs_resolution(self) -> bool:
        """An agency's move made it overlap; the director must keep both or hand over."""
        return self.override_kind == OverrideKind.MOVED_BY_AGENCY and self.is_busy

    @property
    def is_open(self) -> bool:
        """The reporter can still act on it."""
        return self.status in (AssignmentStatus.ACTIVE, AssignmentStatus.CONFIRMED)
