"""Recording where an approved contributor story went out (FM radio, website, ...)."""

from django.db import transaction

from events.models import Story
from events.services import stories as story_services
from newsroom.models import Publication
from newsroom.services.channels import check_channel_of
from portal.models import User


@transaction.atomic
def record_story_publication(story: Story, *, by: User, data: dict) -> Publication:
    """One publication on one channel; the story becomes (or stays) published."""
    story_services.ensure_can_publish(story)
    check_channel_of(story.centre_id, data["channel"])
    publication = Publication.objects.create(
        story=story,
        channel=data["channel"],
        published_at=data["published_at"],
        air_slot=data.get("air_slot", ""),
        duration_minutes=data.get("duration_minutes"),
        link=data.get("link", ""),
        recorded_by=by,
    )
    story_services.mark_published(story, by=by, publication=publication)
    return publication
