"""Reads of the centre's resources and their bookings, scoped to centre staff."""

from datetime import timedelta

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from newsroom.enums import BookingStatus, ResourceKind
from newsroom.models import Resource, ResourceBooking
from portal.models import User
from portal.scoping import get_for, scope_for


def resources_for(user: User) -> QuerySet[Resource]:
    """Centre staff: their centre's resources. Everyone else: none."""
    return scope_for(user).filter(Resource.objects.all(), centre="centre_id")


def get_resource_for(user: User, pk: int, *, perm: str | None = None) -> Resource:
    return get_for(user, resources_for(user), pk, perm)


def get_booking_for(user: User, pk: int, *, perm: str | None = None) -> ResourceBooking:
    bookings = scope_for(user).filter(
        ResourceBooking.objects.select_related("resource"), centre="resource__centre_id"
    )
    return get_for(user, bookings, pk, perm)


def active_bookings() -> QuerySet[ResourceBooking]:
    return ResourceBooking.objects.filter(status=BookingStatus.ACTIVE)


def overlapping_bookings(resource_id: int, start, end) -> QuerySet[ResourceBooking]:
    return (
        active_bookings()
        .filter(resource_id=resource_id, window_start__lt=end, window_end__gt=start)
        .select_related("assignment__notice", "assignment__reporter")
        .order_by("window_start")
    )


def standalone_bookings_between(centre_id: int, start, end) -> QuerySet[ResourceBooking]:
    """The centre's active bookings made without an assignment (a purpose of their own, or
    a maintenance block) that touch [start, end); one query."""
    return (
        active_bookings()
        .filter(
            resource__centre_id=centre_id,
            assignment__isnull=True,
            window_start__lt=end,
            window_end__gt=start,
        )
        .select_related("resource", "booked_by")
        .order_by("window_start", "resource__name", "pk")
    )


def resource_page(user: User, *, days_back: int = 1) -> QuerySet[Resource]:
    """The resources page: each resource with its active bookings from yesterday on (two
    queries whatever the number of resources or bookings)."""
    since = timezone.now() - timedelta(days=days_back)
    upcoming = (
        active_bookings()
        .filter(window_end__gte=since)
        .select_related("assignment__notice", "assignment__reporter", "booked_by")
        .order_by("window_start", "pk")
    )
    return (
        resources_for(user)
        .filter(is_active=True)
        .prefetch_related(Prefetch("bookings", queryset=upcoming, to_attr="upcoming"))
        .order_by("kind", "name", "pk")
    )


def suggested_resources(notice, start, end) -> list[Resource]:
    """Free resources of the kinds the agency asked for (camera, livestream), for the
    window of an assignment; one query."""
    kinds = []
    if notice.needs_camera:
        kinds += [ResourceKind.CAMERA, ResourceKind.FLYCAM]
    if notice.needs_livestream:
        kinds.append(ResourceKind.LIVESTREAM)
    if not kinds:
        return []
    busy = active_bookings().filter(window_start__lt=end, window_end__gt=start)
    return list(
        Resource.objects.filter(centre_id=notice.centre_id, is_active=True, kind__in=kinds)
        .exclude(pk__in=busy.values("resource_id"))
        .order_by("kind", "name")
    )


def free_resources(centre_id: int, start, end) -> QuerySet[Resource]:
    busy = active_bookings().filter(window_start__lt=end, window_end__gt=start)
    return (
        Resource.objects.filter(centre_id=centre_id, is_active=True)
        .exclude(pk__in=busy.values("resource_id"))
        .order_by("kind", "name")
    )
