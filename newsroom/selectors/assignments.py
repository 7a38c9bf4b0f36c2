"""Reads of assignments, scoped to what the user may see, and the overlap rule."""

from datetime import datetime, timedelta

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from events.models import NoticeAttachment, NoticeChange
from newsroom.enums import BUSY_STATUSES, AssignmentStatus, BookingStatus, OverrideKind
from newsroom.models import Assignment, ResourceBooking, TravelTime
from newsroom.selectors.availability import absences_by_reporter
from newsroom.selectors.travel import buffer_for
from portal.models import User
from portal.scoping import get_for, scope_for
from portal.selectors import centre_reporters


def window_for(notice) -> tuple[datetime, datetime]:
    """[start − buffer, end + buffer): the time a reporter is away for a notice. The buffer
    is the travel time from the centre to the notice's commune (the global default when
    none is recorded)."""
    buffer = buffer_for(notice)
    return notice.starts_at - buffer, notice.ends_at + buffer


def neighbouring_jobs(reporter_id: int, notice, *, exclude_pk=None) -> list[Assignment]:
    """The reporter's busy job that ends last before this notice starts and the one that
    starts first after it ends (within a day each side): where they come from and go to."""
    busy = Assignment.objects.filter(reporter_id=reporter_id, status__in=BUSY_STATUSES).exclude(
        notice_id=notice.pk
    )
    if exclude_pk:
        busy = busy.exclude(pk=exclude_pk)
    busy = busy.select_related("notice")
    day = timedelta(days=1)
    before = (
        busy.filter(
            notice__ends_at__lte=notice.starts_at, notice__ends_at__gt=notice.starts_at - day
        )
        .order_by("-notice__ends_at")
        .first()
    )
    after = (
        busy.filter(
            notice__starts_at__gte=notice.ends_at, notice__starts_at__lt=notice.ends_at + day
        )
        .order_by("notice__starts_at")
        .first()
    )
    return [job for job in (before, after) if job is not None]


def overlapping(
    reporter_id: int, start: datetime, end: datetime, *, exclude_pk=None, with_overrides=False
) -> QuerySet[Assignment]:
    """Busy assignments of a reporter whose window overlaps [start, end). Touching is fine."""
    found = Assignment.objects.filter(
        reporter_id=reporter_id,
        status__in=BUSY_STATUSES,
        window_start__lt=end,
        window_end__gt=start,
    )
    if not with_overrides:
        found = found.filter(override_kind=OverrideKind.NONE)
    if exclude_pk:
        found = found.exclude(pk=exclude_pk)
    return found.select_related("notice").order_by("window_start")


def assignments_for(user: User) -> QuerySet[Assignment]:
    """Reporters: their own. Editors: their centre's. Everyone else: none."""
    return scope_for(user).filter(
        Assignment.objects.all(), editor="notice__centre_id", reporter="reporter_id"
    )


def get_assignment_for(user: User, pk: int, *, perm: str | None = None, done=None) -> Assignment:
    assignments = assignments_for(user).select_related("notice", "notice__agency", "reporter")
    return get_for(user, assignments, pk, perm, done=done)


def my_assignments(user: User, *, days_back: int = 1) -> QuerySet[Assignment]:
    """The reporter's own, from yesterday on, soonest first (the phone page)."""
    since = timezone.now() - timedelta(days=days_back)
    return (
        Assignment.objects.filter(reporter_id=user.pk, window_end__gte=since)
        .select_related("notice", "notice__agency", "notice__locality")
        .prefetch_related(
            Prefetch("notice__changes", queryset=NoticeChange.objects.select_related("by")),
            active_bookings_prefetch(),
        )
        .order_by("notice__starts_at", "pk")
    )


def calendar_owner(token: str) -> User:
    """The user a calendar token belongs to; 404 for an unknown or inactive one."""
    owner = User.objects.filter(calendar_token=token, is_active=True).first()
    if owner is None:
        raise Http404("Unknown calendar.")
    return owner


def calendar_assignments(user: User, *, days_back: int = 90) -> QuerySet[Assignment]:
    since = timezone.now() - timedelta(days=days_back)
    return (
        Assignment.objects.filter(reporter_id=user.pk, window_end__gte=since)
        .select_related("notice", "notice__agency", "notice__locality")
        .prefetch_related(active_bookings_prefetch())
        .order_by("notice__starts_at", "pk")
    )


def week_bounds(now=None) -> tuple[datetime, datetime]:
    """Monday 00:00 to next Monday 00:00, local time."""
    local = timezone.localtime(now or timezone.now())
    monday = local.replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(
        days=local.weekday()
    )
    return monday, monday + timedelta(days=7)


def reporter_loads(centre_id: int, start: datetime, end: datetime) -> QuerySet[User]:
    """Reporters of a centre with `load`: busy assignments starting in [start, end),
    counted by a subquery whose WHERE holds the week (a FILTER on the join read every
    assignment each reporter ever had)."""
    busy = (
        Assignment.objects.filter(
            reporter_id=OuterRef("pk"),
            status__in=BUSY_STATUSES,
            notice__starts_at__gte=start,
            notice__starts_at__lt=end,
        )
        .order_by()
        .values("reporter_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return centre_reporters(centre_id).annotate(load=Coalesce(Subquery(busy), 0))


def reporter_choices(notice) -> list[dict]:
    """Every reporter of the notice's centre with conflicts, absences and this week's
    load; free reporters with the least load first. Three queries whatever the size."""

    start, end = window_for(notice)
    week_start, week_end = week_bounds()
    reporters = list(reporter_loads(notice.centre_id, week_start, week_end))
    clashes: dict[int, list[Assignment]] = {}
    for assignment in (
        Assignment.objects.filter(
            reporter__in=[r.pk for r in reporters],
            status__in=BUSY_STATUSES,
            window_start__lt=end,
            window_end__gt=start,
        )
        .exclude(notice_id=notice.pk)
        .select_related("notice")
        .order_by("window_start")
    ):
        clashes.setdefault(assignment.reporter_id, []).append(assignment)
    away = absences_by_reporter([r.pk for r in reporters], start, end)
    rows = [
        {
            "reporter": r,
            "load": r.load,
            "conflicts": clashes.get(r.pk, []),
            "away": away.get(r.pk, []),
        }
        for r in reporters
    ]
    rows.sort(
        key=lambda row: (
            bool(row["conflicts"] or row["away"]),
            row["load"],
            row["reporter"].display_name,
        )
    )
    return rows


def centre_conflicts(centre_id: int, *, since=None) -> list[tuple[Assignment, Assignment]]:
    """Pairs of busy, overlapping assignments of one reporter (overrides included),
    from now on: what a director should look at."""
    since = since or timezone.now()
    upcoming = list(
        Assignment.objects.filter(
            notice__centre_id=centre_id, status__in=BUSY_STATUSES, window_end__gt=since
        )
        .select_related("notice", "reporter")
        .order_by("reporter_id", "window_start")
    )
    pairs = []
    for i, first in enumerate(upcoming):
        for second in upcoming[i + 1 :]:
            if second.reporter_id != first.reporter_id or second.window_start >= first.window_end:
                break
            pairs.append((first, second))
    return pairs


def open_assignments_of(notice) -> QuerySet[Assignment]:
    """Assignments a reporter can still act on, with what a message about them needs."""
    return (
        Assignment.objects.filter(
            notice_id=notice.pk,
            status__in=(AssignmentStatus.ACTIVE, AssignmentStatus.CONFIRMED),
        )
        .select_related("reporter", "notice", "notice__agency", "notice__locality")
        .order_by("pk")
    )


def active_bookings_prefetch() -> Prefetch:
    """An assignment's active resource bookings as `active_bookings` (one query)."""
    return Prefetch(
        "resource_bookings",
        queryset=ResourceBooking.objects.filter(status=BookingStatus.ACTIVE)
        .select_related("resource")
        .order_by("resource__kind", "resource__name"),
        to_attr="active_bookings",
    )


def active_assignments_of_notice(notice) -> QuerySet[Assignment]:
    return (
        notice.assignments.exclude(status=AssignmentStatus.CANCELLED)
        .select_related("reporter")
        .prefetch_related(active_bookings_prefetch())
        .order_by("pk")
    )


def free_reporters(notice, *, exclude_id=None, limit: int = 3) -> list[User]:
    """The next free reporters for a notice (no clash, not away, least load first)."""
    return [
        row["reporter"]
        for row in reporter_choices(notice)
        if not row["conflicts"] and not row["away"] and row["reporter"].pk != exclude_id
    ][:limit]


def next_jobs(user: User, now=None) -> list[Assignment]:
    """The reporter's open assignments of today and tomorrow (local time) not yet over,
    next one first, with what the reporter needs on the way: the travel time from the
    centre (`travel_minutes`), the resources booked and the agency's attachments. Four
    queries whatever the number."""
    now = now or timezone.now()
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    travel = TravelTime.objects.filter(
        centre_id=OuterRef("notice__centre_id"),
        origin__isnull=True,
        destination_id=OuterRef("notice__locality_id"),
    ).values("minutes")[:1]
    return list(
        Assignment.objects.filter(
            reporter_id=user.pk,
            status__in=(AssignmentStatus.ACTIVE, AssignmentStatus.CONFIRMED),
            notice__ends_at__gt=now,
            notice__starts_at__lt=today + timedelta(days=2),
        )
        .select_related("notice", "notice__agency", "notice__locality")
        .annotate(travel_minutes=Subquery(travel))
        .prefetch_related(
            active_bookings_prefetch(),
            Prefetch(
                "notice__attachments",
                queryset=NoticeAttachment.objects.order_by("uploaded_at", "pk"),
            ),
        )
        .order_by("notice__starts_at", "pk")
    )
