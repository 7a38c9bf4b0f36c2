"""The triage queue: the centre's notices, unhandled first."""

from django.db.models import (
    Case,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from events.enums import NoticeStatus
from events.models import Notice
from events.selectors.notices import notices_for
from newsroom.enums import BUSY_STATUSES
from newsroom.models import Assignment, TravelTime
from portal.models import User


def _busy_assignments():
    return Prefetch(
        "assignments",
        queryset=Assignment.objects.filter(status__in=BUSY_STATUSES)
        .select_related("reporter")
        .order_by("pk"),
        to_attr="busy_assignments",
    )


def triage_queue(user: User) -> QuerySet[Notice]:
    """The user's notices, unhandled first, with `travel_minutes` from the centre to the
    commune (None when not recorded); newsroom.filters.TriageFilter narrows them."""
    travel = TravelTime.objects.filter(
        centre_id=OuterRef("centre_id"), origin__isnull=True, destination_id=OuterRef("locality_id")
    ).values("minutes")[:1]
    unhandled = Case(
        When(status=NoticeStatus.RECEIVED, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        notices_for(user)
        .select_related("agency", "locality")
        .prefetch_related(_busy_assignments())
        .annotate(unhandled=unhandled, travel_minutes=Subquery(travel))
        .order_by("unhandled", "starts_at", "pk")
    )


def still_to_handle(notices: QuerySet[Notice], now=None) -> QuerySet[Notice]:
    """The queue a director opens: what still waits for a decision, whenever it starts,
    and every event from today on. Past events already handled are history (a date or
    status filter shows them), so the queue does not grow with the centre's years."""
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return notices.filter(Q(status=NoticeStatus.RECEIVED) | Q(starts_at__gte=today))


def unassigned_soon(user: User, start, end) -> QuerySet[Notice]:
    """Notices starting in [start, end) that still have no reporter."""
    return (
        notices_for(user)
        .filter(
            starts_at__gte=start,
            starts_at__lt=end,
            status=NoticeStatus.RECEIVED,
        )
        .exclude(assignments__status__in=BUSY_STATUSES)
        .select_related("agency")
        .order_by("starts_at")
    )
