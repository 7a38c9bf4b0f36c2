from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from events.enums import NoticeAction
from events.models import Notice
from events.services.notices import can_transition, lock, transition
from newsroom.models import Publication
from newsroom.services.channels import check_channel_of
from portal.models import User

PUBLICATION_FIELDS = ("channel", "published_at", "link", "air_slot", "duration_minutes")


@transaction.atomic
def record_publication(notice: Notice, *, by: User, data: dict) -> Publication:
    """Record where covered material appeared; the notice then counts as published."""
    notice = lock(notice)
    if not can_transition(notice, NoticeAction.PUBLISH):
        raise ValidationError(_("Only a covered notice can be published."))
    if not (data.get("link") or data.get("air_slot")):
        raise ValidationError(_("Give a link or an air slot."))
    check_channel_of(notice.centre_id, data.get("channel"))
    publication = Publication(
        notice=notice,
        recorded_by=by,
        **{field: data[field] for field in PUBLICATION_FIELDS if field in data},
    )
    publication._history_user = by
    publication.save()
    transition(notice, NoticeAction.PUBLISH, by=by, note=str(publication.channel))
    return publication
