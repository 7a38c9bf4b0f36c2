from django.db import models
from django.utils.translation import gettext_lazy as _


class ComplianceMonth(models.Model):
    """The lead-time figures of one agency's notices whose events start in one month:
    a rollup of `Notice`, so that a province's year is read from a few thousand rows
    instead of every notice of the year.

    Kept by `events.services.compliance_months`: each lifecycle change that can move a
    figure (a notice received, edited, rescheduled, reclassified, cancelled; a merger)
    recomputes the months it touches from the notices themselves, inside the writer's
    transaction, so the rollup never drifts; `manage.py rebuild_compliance_months`
    recomputes everything. Cancelled notices are left out, as on the compliance page.

    `leads` keeps every lead time of the month (sorted, 32-bit little-endian), so that
    the median of a quarter or a year is the median of its notices, not a median of
    monthly medians."""

    centre = models.ForeignKey("contacts.Organisation", on_delete=models.CASCADE, related_name="+")
    # the notices' agency now, and the agency they are counted under (before a merger's
    # date: the agency merged away)
    agency = models.ForeignKey("contacts.Organisation", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("contacts.Organisation", on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("month"))  # the first day, local time
    total = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)
    late = models.PositiveIntegerField(default=0)
    after_fact = models.PositiveIntegerField(default=0)
    exempt = models.PositiveIntegerField(default=0)
    urgent = models.PositiveIntegerField(default=0)
    leads = models.BinaryField(default=b"")

    # derived from notices: a merger rebuilds these rows instead of moving them
    rebuilt_after_merge = True

    class Meta:
        verbose_name = _("compliance month")
        verbose_name_plural = _("compliance months")
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "agency", "unit", "month"], name="one_compliance_month"
            )
        ]
        indexes = [models.Index(fields=["centre", "month"])]

    def __str__(self):
        return f"{self.unit_id} {self.month:%m/%Y}: {self.total}"
