"""Thin Celery wrappers of the events app: ids in, services do the work."""

from celery import shared_task

from events.services import stories as services


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
