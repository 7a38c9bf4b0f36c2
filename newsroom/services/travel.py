"""The director keeps the travel times of the centre's area."""

from django.db import transaction

from newsroom.models import TravelTime


@transaction.atomic
def set_travel_time(centre, *, origin, destination, minutes: int) -> TravelTime:
    """Record (or change) one travel time; between communes one row serves both ways."""
    if origin is not None:
        reverse_row = TravelTime.objects.filter(
            centre=centre, origin=destination, destination=origin
        ).first()
        if reverse_row:
            reverse_row.minutes = minutes
            reverse_row.save()
            return reverse_row
    row, _ = TravelTime.objects.update_or_create(
        centre=centre, origin=origin, destination=destination, defaults={"minutes": minutes}
    )
    return row


@transaction.atomic
def remove_travel_time(row: TravelTime) -> None:
    row.delete()
