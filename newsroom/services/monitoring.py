from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from newsroom.enums import ResponseStatus
from newsroom.models import MonitoringItem
from portal.models import User
from portal.outbox import notify
from portal.selectors import agency_staff, centre_editors

ITEM_FIELDS = (
    "outlet",
    "url",
    "published_on",
    "title",
    "summary",
    "assessment",
    "responsible_agency",
    "response_due",
)


def item_url(item) -> str:
    return reverse("newsroom:monitoring_detail", args=[item.pk])


def _apply(item: MonitoringItem, data: dict) -> None:
    for field in ITEM_FIELDS:
        setattr(item, field, data.get(field))
    item.url = item.url or ""
    item.summary = item.summary or ""
    if item.response_status != ResponseStatus.RESPONDED:
        needs_answer = bool(item.responsible_agency_id and item.response_due)
        item.response_status = ResponseStatus.PENDING if needs_answer else ResponseStatus.NOT_NEEDED


def _tell_agency(item: MonitoringItem) -> None:
    for member in agency_staff(item.responsible_agency_id):
        notify(member, "monitoring_item", {"item": item}, url=item_url(item))


@transaction.atomic
def log_item(*, centre, by: User, data: dict) -> MonitoringItem:
    """Record a press item; the responsible agency is told when a response is needed."""
    item = MonitoringItem(centre=centre, created_by=by)
    _apply(item, data)
    item._history_user = by
    item.save()
    if item.responsible_agency_id:
        _tell_agency(item)
    return item


@transaction.atomic
def update_item(item: MonitoringItem, *, by: User, data: dict) -> MonitoringItem:
    """Correct a logged item. An agency newly made responsible is told, as on logging;
    an answer already given is kept."""
    item = MonitoringItem.objects.select_for_update().get(pk=item.pk)
    previous_agency_id = item.responsible_agency_id
    _apply(item, data)
    item._history_user = by
    item.save()
    if item.responsible_agency_id and item.responsible_agency_id != previous_agency_id:
        _tell_agency(item)
    return item


@transaction.atomic
def record_response(item: MonitoringItem, *, by: User, text: str) -> MonitoringItem:
    item = MonitoringItem.objects.select_for_update().get(pk=item.pk)
    if item.response_status == ResponseStatus.RESPONDED:
        return item  # idempotent
    item.response_status = ResponseStatus.RESPONDED
    item.response_text = text
    item.responded_at = timezone.now()
    item.responded_by = by
    item._history_user = by
    item.save()
    _tell_centre_of_response(item, by)
    return item


def _tell_centre_of_response(item: MonitoringItem, by: User) -> None:
    """The person who logged the item and the centre's editors learn of the answer."""
    recipients = {user.pk: user for user in centre_editors(item.centre_id)}
    if item.created_by_id and item.created_by.is_active:
        recipients.setdefault(item.created_by_id, item.created_by)
    for user in recipients.values():
        if user.pk != by.pk:
            notify(user, "monitoring_response", {"item": item, "by": by}, url=item_url(item))
