from django.db.models import QuerySet

from newsroom.models import MonitoringItem
from portal.scoping import get_for, scope_for


def monitoring_items_for(user) -> QuerySet[MonitoringItem]:
    """Centre staff: their centre's log. Agency staff: items their agency must answer.
    Provincial reviewer: their province's."""
    items = MonitoringItem.objects.select_related("responsible_agency", "centre")
    return scope_for(user).filter(
        items, centre="centre_id", agency="responsible_agency_id", across="centre"
    )


def get_item_for(user, pk: int, *, perm: str | None = None, done=None) -> MonitoringItem:
    return get_for(user, monitoring_items_for(user), pk, perm, done=done)
