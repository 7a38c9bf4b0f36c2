"""The triage queue: the centre's notices, unhandled first."""

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When

from events.enums import NoticeStatus
from events.models import Notice
from events.selectors import notices_for
from newsroom.enums import BUSY_STATUSES
from newsroom.models import Assignment
from portal.models import User


def _busy_assignments():
    return Prefetch(
        "assignments",
        queryset=Assignment.objects.filter(status__in=BUSY_STATUSES)
        .select_related("reporter")
        .order_by("pk"),
        to_attr="busy_assignments",
    )


def triage_queue(
    user: User,
    *,
    status: str = "",
    agency=None,
    kind: str = "",
    date_from=None,
    date_to=None,
    search: str = "",
) -> QuerySet[Notice]:
    notices = notices_for(user)
    if status:
        notices = notices.filter(status=status)
    if agency:
        notices = notices.filter(agency=agency)
    if kind:
        notices = notices.filter(kind=kind)
    if date_from:
        notices = notices.filter(starts_at__date__gte=date_from)
    if date_to:
        notices = notices.filter(starts_at__date__lte=date_to)
    if search:
        notices = notices.filter(
            Q(title__icontains=search)
            | Q(address__icontains=search)
            | Q(agency__name__icontains=search)
            | Q(contact_name__icontains=search)
        )
    unhandled = Case(
        When(status=NoticeStatus.RECEIVED, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        notices.select_related("agency", "locality")
        .prefetch_related(_busy_assignments())
        .annotate(unhandled=unhandled)
        .order_by("unhandled", "starts_at", "pk")
    )


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
