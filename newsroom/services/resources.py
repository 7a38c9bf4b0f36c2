"""Booking the centre's resources: with an assignment (its window, travel buffer included)
or on their own with a purpose, and blocking them for maintenance.

Overlaps are refused here after locking the resource row (the whole rule on SQLite, whose
writers are serialised) and, on PostgreSQL, by the exclusion constraint of migration 0017
for anything written past this module.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from newsroom.enums import BookingKind, BookingStatus, HandoverBookings
from newsroom.models import Assignment, Resource, ResourceBooking
from newsroom.selectors.resources import overlapping_bookings
from portal.models import User
from portal.predicates import is_centre_staff_of


def _short(moment) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def _taken_message(resource: Resource, other: ResourceBooking) -> str:
    if other.kind == BookingKind.BLOCKED:
        what = _("blocked: %(reason)s") % {"reason": other.purpose}
    elif other.assignment_id:
        what = other.assignment.notice.title
    else:
        what = other.purpose
    return _(
        "%(resource)s is already taken from %(start)s to %(end)s (%(what)s). Choose another "
        "one or another time."
    ) % {
        "resource": resource.name,
        "start": _short(other.window_start),
        "end": _short(other.window_end),
        "what": what,
    }


def _insert(booking: ResourceBooking) -> ResourceBooking:
    resource = Resource.objects.select_for_update().get(pk=booking.resource_id)
    if not resource.is_active:
        raise ValidationError(_("This resource is no longer in use."))
    if booking.window_end <= booking.window_start:
        raise ValidationError(_("The booking must end after it starts."))
    clash = overlapping_bookings(resource.pk, booking.window_start, booking.window_end).first()
    if clash:
        raise ValidationError(_taken_message(resource, clash))
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError:
        clash = overlapping_bookings(resource.pk, booking.window_start, booking.window_end).first()
        if clash is None:
            raise
        raise ValidationError(_taken_message(resource, clash)) from None
    return booking


@transaction.atomic
def book_for_assignment(resource: Resource, assignment: Assignment, *, by: User) -> ResourceBooking:
    """Book a resource for an assignment's window (idempotent for the same pair)."""
    if resource.centre_id != assignment.notice.centre_id:
        raise ValidationError(_("This resource belongs to another centre."))
    if not assignment.is_open:
        raise ValidationError(_("Only an assignment not yet covered can get a resource."))
    existing = ResourceBooking.objects.filter(
        resource=resource, assignment=assignment, status=BookingStatus.ACTIVE
    ).first()
    if existing:
        return existing
    return _insert(
        ResourceBooking(
            resource=resource,
            assignment=assignment,
            window_start=assignment.window_start,
            window_end=assignment.window_end,
            booked_by=by,
        )
    )


@transaction.atomic
def book_alone(
    resource: Resource, *, by: User, starts_at, ends_at, purpose: str, blocked: bool = False
) -> ResourceBooking:
    """Book a resource for a purpose of its own, or block it (maintenance, with a reason)."""
    if not is_centre_staff_of(by, resource.centre_id):
        raise ValidationError(_("This resource belongs to another centre."))
    purpose = purpose.strip()
    if not purpose:
        raise ValidationError(_("Say what the resource is needed for."))
    return _insert(
        ResourceBooking(
            resource=resource,
            kind=BookingKind.BLOCKED if blocked else BookingKind.BOOKING,
            purpose=purpose,
            window_start=starts_at,
            window_end=ends_at,
            booked_by=by,
        )
    )


@transaction.atomic
def cancel_booking(booking: ResourceBooking) -> ResourceBooking:
    booking = ResourceBooking.objects.select_for_update().get(pk=booking.pk)
    if booking.status != BookingStatus.CANCELLED:
        booking.status = BookingStatus.CANCELLED
        booking.save(update_fields=["status"])
    return booking


@dataclass
class CarriedBookings:
    """The bookings of a handed-over assignment: moved with it, kept on their earlier
    times, or released; `message` is the director's word on the released ones."""

    moved: list[ResourceBooking] = field(default_factory=list)
    kept: list[ResourceBooking] = field(default_factory=list)
    dropped: list[ResourceBooking] = field(default_factory=list)
    message: str = ""

    def __bool__(self) -> bool:
        return bool(self.moved or self.kept or self.dropped)


def _cannot_follow_message(booking: ResourceBooking, clash: ResourceBooking) -> str:
    return _(
        "The handover cannot take %(resource)s along at the new times: %(taken)s Choose to "
        "keep it on its earlier times (%(start)s – %(end)s) or to release it with a message "
        "for the reporters."
    ) % {
        "resource": booking.resource.name,
        "taken": _taken_message(booking.resource, clash),
        "start": _short(booking.window_start),
        "end": _short(booking.window_end),
    }


def carry_bookings(
    old: Assignment, new: Assignment, *, choice: str = HandoverBookings.ASK, message: str = ""
) -> CarriedBookings:
    """Hand the old assignment's active bookings to the new one, in the caller's
    transaction. Each follows the new window when its resource is free then (checked
    after locking the resource row; the exclusion constraint settles a concurrent
    booking on PostgreSQL). One that cannot follow is refused with a ValidationError
    naming it unless the director chose to keep it on its earlier times or to release it
    with a message. Nothing is lost silently: the result lists what happened to each."""
    carried = CarriedBookings(message=message.strip())
    if choice == HandoverBookings.DROP and not carried.message:
        raise ValidationError(
            _("Write a message for the reporters to release the bookings."), code="message"
        )
    bookings = list(
        ResourceBooking.objects.filter(assignment_id=old.pk, status=BookingStatus.ACTIVE)
        .select_related("resource")
        .order_by("resource_id", "pk")
    )
    for booking in bookings:
        Resource.objects.select_for_update().filter(pk=booking.resource_id).first()
        booking.assignment = new
        start, end = new.window_start, new.window_end
        if (booking.window_start, booking.window_end) == (start, end):
            booking.save(update_fields=["assignment"])
            carried.moved.append(booking)
            continue
        clash = overlapping_bookings(booking.resource_id, start, end).exclude(pk=booking.pk).first()
        if clash is None:
            earlier = booking.window_start, booking.window_end
            booking.window_start, booking.window_end = start, end
            try:
                with transaction.atomic():
                    booking.save(update_fields=["assignment", "window_start", "window_end"])
            except IntegrityError:
                booking.window_start, booking.window_end = earlier
                clash = (
                    overlapping_bookings(booking.resource_id, start, end)
                    .exclude(pk=booking.pk)
                    .first()
                )
                if clash is None:
                    raise
            else:
                carried.moved.append(booking)
                continue
        if choice == HandoverBookings.KEEP:
            booking.save(update_fields=["assignment"])
            carried.kept.append(booking)
        elif choice == HandoverBookings.DROP:
            booking.assignment = old  # released with the assignment it was made for
            booking.status = BookingStatus.CANCELLED
            booking.save(update_fields=["status"])
            carried.dropped.append(booking)
        else:
            raise ValidationError(_cannot_follow_message(booking, clash), code="booking_clash")
    return carried


def release_for_assignment(assignment: Assignment) -> int:
    """The assignment ended without the reporter going: its bookings free the resources."""
    return ResourceBooking.objects.filter(
        assignment_id=assignment.pk, status=BookingStatus.ACTIVE
    ).update(status=BookingStatus.CANCELLED)


@transaction.atomic
def add_resource(centre, *, kind: str, name: str) -> Resource:
    name = name.strip()
    if Resource.objects.filter(centre=centre, name=name).exists():
        raise ValidationError(_("The centre already has a resource with this name."))
    return Resource.objects.create(centre=centre, kind=kind, name=name)


def follow_assignment_window(assignment: Assignment) -> int:
    """The agency moved the event: the assignment's bookings move with it; one that would
    now overlap another booking of its resource is released (returns how many)."""
    released = 0
    for booking in ResourceBooking.objects.filter(
        assignment_id=assignment.pk, status=BookingStatus.ACTIVE
    ):
        start, end = assignment.window_start, assignment.window_end
        clash = (
            overlapping_bookings(booking.resource_id, start, end).exclude(pk=booking.pk).exists()
        )
        booking.window_start, booking.window_end = start, end
        if clash:
            booking.status = BookingStatus.CANCELLED
            released += 1
        try:
            with transaction.atomic():
                booking.save()
        except IntegrityError:
            booking.status = BookingStatus.CANCELLED
            booking.save()
            released += 1
    return released
