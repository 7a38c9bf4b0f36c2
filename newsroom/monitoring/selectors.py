from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from newsroom.models import MonitoringItem


def monitoring_items_for(user) -> QuerySet[MonitoringItem]:
    """Centre staff: their centre's log. Agency staff: items their agency must answer.
    Provincial reviewer: all."""
    items = MonitoringItem.objects.select_related("responsible_agency", "centre")
    if user.is_centre_staff and user.organisation_id:
        return items.filter(centre_id=user.organisation_id)
    if user.is_agency_staff and user.organisation_id:
        return items.filter(responsible_agency_id=user.organisation_id)
    if user.is_reviewer:
        return items
    return items.none()


def get_item_for(user, pk: int, *, perm: str | None = None) -> MonitoringItem:
    item = get_object_or_404(monitoring_items_for(user), pk=pk)
    if perm and not user.has_perm(perm, item):
        raise PermissionDenied
    return item
