from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from events.enums import NoticeStatus
from events.models import Notice
from newsroom.models import Publication
from portal.models import User

PUBLICATION_FIELDS = ("channel", "published_at", "link", "air_slot", "duration_minutes")


@transaction.atomic
def record_publication(notice: Notice, *, by: User, data: dict) -> Publication:
    """Record where covered material appeared; the notice then counts as published."""
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if notice.status not in (NoticeStatus.COVERED, NoticeStatus.PUBLISHED):
        raise ValidationError(_("Only a covered notice can be published."))
    if not (data.get("link") or data.get("air_slot")):
        raise ValidationError(_("Give a link or an air slot."))
    publication = Publication(
        notice=notice,
        recorded_by=by,
        **{field: data[field] for field in PUBLICATION_FIELDS if field in data},
    )
    publication._history_user = by
    publication.save()
    if notice.status != NoticeStatus.PUBLISHED:
        notice.status = NoticeStatus.PUBLISHED
        notice._history_user = by
        notice._change_reason = _("Published on %(channel)s") % {"channel": publication.channel}
        notice.save()
    return publication
