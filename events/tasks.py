"""Thin Celery wrappers of the events app: ids in, services do the work."""

from celery import shared_task

from events.services import stories as services
from events.services.series import extend_all_series


@shared_task(name="events.make_story_thumbnails", ignore_result=True)
def make_story_thumbnails(photo_id: int) -> bool:
    return services.make_thumbnails(photo_id)


@shared_task(name="events.sweep_story_thumbnails", ignore_result=True)
def sweep_story_thumbnails() -> int:
    """Every 5 minutes (beat): photos whose task was lost while the broker was down."""
    ids = services.photos_lacking_thumbnails()
    for photo_id in ids:
        services.make_thumbnails(photo_id)
    return len(ids)


@shared_task(name="events.extend_series", ignore_result=True)
def extend_series() -> int:
    """Hourly (beat): make the occurrences of recurring notices that entered the horizon."""
    return extend_all_series()
