from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from newsroom.enums import ResponseStatus
from newsroom.models import MonitoringItem
from portal.enums import Role
from portal.models import User
from portal.outbox import notify

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


@transaction.atomic
def log_item(*, centre, by: User, data: dict) -> MonitoringItem:
    """Record a press item; the responsible agency is told when a response is needed."""
    item = MonitoringItem(centre=centre, created_by=by, **{f: data.get(f) for f in ITEM_FIELDS})
    item.url = item.url or ""
    item.summary = item.summary or ""
    needs_answer = bool(item.responsible_agency_id and item.response_due)
    item.response_status = ResponseStatus.PENDING if needs_answer else ResponseStatus.NOT_NEEDED
    item.save()
    if item.responsible_agency_id:
        staff = User.objects.filter(
            organisation_id=item.responsible_agency_id, role=Role.AGENCY_STAFF, is_active=True
        )
        for member in staff:
            notify(member, "monitoring_item", {"item": item}, url=item_url(item))
    return item


@transaction.atomic
def record_response(item: MonitoringItem, *, by: User, text: str) -> MonitoringItem:
    item = MonitoringItem.objects.select_for_update().get(pk=item.pk)
    if item.response_status == ResponseStatus.RESPONDED:
        return item  # idempotent
    item.response_status = ResponseStatus.RESPONDED
    item.response_text = text
    item.responded_at = timezone.now()
    item.save(update_fields=["response_status", "response_text", "responded_at"])
    return item
