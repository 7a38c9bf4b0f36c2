"""How long a reporter needs to reach a commune: from the centre, or between two communes."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class TravelTime(models.Model):
    """Minutes from the centre (no origin) or from one commune to another (either way).

    The buffer around an assignment is the time from the centre to its commune (the
    global ASSIGNMENT_TRAVEL_BUFFER_MINUTES when none is recorded); two jobs of one
    reporter in different communes must leave at least the time between them."""

    centre = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("media centre"),
        on_delete=models.CASCADE,
        related_name="travel_times",
    )
    origin = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("from"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: from the centre."),
    )
    destination = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("to"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    minutes = models.PositiveSmallIntegerField(
        _("travel time (minutes)"), validators=[MinValueValidator(0), MaxValueValidator(1440)]
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("travel time")
        verbose_name_plural = _("travel times")
        ordering = ["origin_id", "destination__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "destination"],
                condition=models.Q(origin__isnull=True),
                name="travel_time_once_from_the_centre",
            ),
            models.UniqueConstraint(
                fields=["centre", "origin", "destination"],
                condition=models.Q(origin__isnull=False),
                name="travel_time_once_per_pair",
            ),
            models.CheckConstraint(
                condition=~models.Q(origin=models.F("destination")),
                name="travel_time_between_two_places",
            ),
            models.CheckConstraint(
                condition=models.Q(minutes__lte=1440), name="travel_time_at_most_a_day"
            ),
        ]

    def __str__(self):
        return f"{self.origin or '—'} → {self.destination}: {self.minutes}"
