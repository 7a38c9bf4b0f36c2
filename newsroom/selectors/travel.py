"""Travel times of a centre's area: the buffer around a job and the time between two jobs."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q, QuerySet

from newsroom.models import TravelTime
from portal.models import User
from portal.scoping import get_for, scope_for


def default_buffer_minutes() -> int:
    return settings.ASSIGNMENT_TRAVEL_BUFFER_MINUTES


def minutes_from_centre(centre_id: int, locality_id: int | None) -> int | None:
    """The recorded time from the centre to the commune, None when unknown."""
    if locality_id is None:
        return None
    return (
        TravelTime.objects.filter(
            centre_id=centre_id, origin__isnull=True, destination_id=locality_id
        )
        .values_list("minutes", flat=True)
        .first()
    )


def buffer_for(notice) -> timedelta:
    """Travel buffer around a notice: from the centre to its commune, else the default."""
    minutes = minutes_from_centre(notice.centre_id, notice.locality_id)
    return timedelta(minutes=default_buffer_minutes() if minutes is None else minutes)


def minutes_between(centre_id: int, first_id: int | None, second_id: int | None) -> int | None:
    """The recorded time between two communes (either direction); None when unknown or the
    same place."""
    if first_id is None or second_id is None or first_id == second_id:
        return None
    return (
        TravelTime.objects.filter(centre_id=centre_id)
        .filter(
            Q(origin_id=first_id, destination_id=second_id)
            | Q(origin_id=second_id, destination_id=first_id)
        )
        .values_list("minutes", flat=True)
        .first()
    )


def travel_times_for(user: User) -> QuerySet[TravelTime]:
    """The director's centre's travel times (editors only)."""
    return (
        scope_for(user)
        .filter(TravelTime.objects.all(), editor="centre_id")
        .select_related("origin", "destination")
        .order_by("origin__name", "destination__name", "pk")
    )


def get_travel_time_for(user: User, pk: int) -> TravelTime:
    return get_for(user, travel_times_for(user), pk)
