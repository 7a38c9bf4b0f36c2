"""The centre's cars, cameras, flycams, livestream kits and recorders, and their bookings.

Two active bookings (or a booking and a blocked period) of one resource never overlap:
the service checks inside its transaction, after locking the resource row (the whole rule
on SQLite), and on PostgreSQL an exclusion constraint (frozen SQL in migration 0017)
settles two directors booking at the same moment. A booking made with an assignment
holds the resource for the assignment's window, travel buffer included.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsroom.enums import BookingKind, BookingStatus, ResourceKind

RESOURCE_OVERLAP_CONSTRAINT = "resource_booking_no_overlap"


class Resource(models.Model):
    centre = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("media centre"),
        on_delete=models.CASCADE,
        related_name="resources",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ResourceKind.choices)
    name = models.CharField(_("name"), max_length=150)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["kind", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "name"], name="resource_name_once_per_centre")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.name}"


class ResourceBooking(models.Model):
    resource = models.ForeignKey(
        Resource, verbose_name=_("resource"), on_delete=models.CASCADE, related_name="bookings"
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=BookingKind.choices, default=BookingKind.BOOKING
    )
    assignment = models.ForeignKey(
        "newsroom.Assignment",
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="resource_bookings",
    )
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    window_start = models.DateTimeField(_("from"))
    window_end = models.DateTimeField(_("until"))
    status = models.CharField(
        _("status"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.ACTIVE
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("resource booking")
        verbose_name_plural = _("resource bookings")
        ordering = ["window_start", "pk"]
        indexes = [models.Index(fields=["resource", "status", "window_start"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(window_end__gt=models.F("window_start")),
                name="resource_booking_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(assignment__isnull=False) | ~models.Q(purpose=""),
                name="resource_booking_has_a_purpose",
            ),
        ]

    def __str__(self):
        return f"{self.resource} · {self.window_start}"
