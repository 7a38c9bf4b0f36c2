from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from newsroom.models import PlanItem, Publication
from newsroom.services.channels import check_channel_of
from portal.models import User

PLAN_FIELDS = (
    "year",
    "quarter",
    "topic",
    "format",
    "duration_minutes",
    "channel",
    "responsible",
    "responsible_user",
)


@transaction.atomic
def add_plan_item(*, centre, by: User, data: dict) -> PlanItem:
    topic = " ".join(data["topic"].split())
    check_channel_of(centre.pk, data.get("channel"))
    if PlanItem.objects.filter(
        centre=centre, year=data["year"], quarter=data["quarter"], topic=topic
    ).exists():
        raise ValidationError(_("This topic is already planned for that quarter."))
    item = PlanItem(centre=centre, **{f: data[f] for f in PLAN_FIELDS if f in data})
    item.topic = topic
    item._history_user = by
    item.save()
    return item


@transaction.atomic
def link_publication(item: PlanItem, publication: Publication, *, by: User) -> PlanItem:
    """Count a publication towards a plan item (idempotent)."""
    if publication.notice_id and publication.notice.centre_id != item.centre_id:
        raise ValidationError(_("This publication belongs to another centre."))
    item.publications.add(publication)
    _record(item, by, _("Publication linked: %(title)s") % {"title": publication})
    return item


@transaction.atomic
def unlink_publication(item: PlanItem, publication: Publication, *, by: User) -> PlanItem:
    item.publications.remove(publication)
    _record(item, by, _("Publication unlinked: %(title)s") % {"title": publication})
    return item


def _record(item: PlanItem, by: User, reason: str) -> None:
    """A history entry saying who linked or unlinked (the link table keeps no author)."""
    item._history_user = by
    item._change_reason = reason[:100]
    item.save()
