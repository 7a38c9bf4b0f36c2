"""The centre's week (Lịch tuần): days × reporters, read through the user's Scope.

One grid for everyone who may open it: an editor sees every reporter of the centre and
the notices nobody covers yet; a reporter sees their own lane; agency staff see only
their agency's notices and the reporters sent to them. An editor also sees a resources
lane: the cars and cameras booked on their own (with a purpose) or blocked for
maintenance (bookings made with an assignment show on its card). A fixed number of queries
whatever the number of reporters or assignments.

Other features add rows to the week (the leaders' calendar items, say) by registering a
provider with `register_week_items`; the grid shows them in a lane of their own.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from events.enums import NoticeStatus
from events.models import Notice
from events.selectors.leaders import calendar_items_between
from events.selectors.notices import notices_for
from newsroom.enums import BUSY_STATUSES, OverrideKind
from newsroom.models import Absence, Assignment, ResourceBooking
from newsroom.selectors.assignments import active_bookings_prefetch
from newsroom.selectors.availability import blocking_absences
from newsroom.selectors.resources import standalone_bookings_between
from portal.models import User
from portal.scoping import scope_for
from portal.selectors import centre_reporters


@dataclass(frozen=True)
class WeekItem:
    """A row another feature puts in the week (e.g. an item of the leaders' calendar)."""

    day: date
    title: str
    starts_at: datetime | None = None
    detail: str = ""
    url: str = ""


# provider(user, start, end) -> iterable of WeekItem; each provider costs its own queries.
WeekItemProvider = Callable[[User, datetime, datetime], list[WeekItem]]
_ITEM_PROVIDERS: list[WeekItemProvider] = []


def register_week_items(provider: WeekItemProvider) -> WeekItemProvider:
    """Hook for features that add rows to the week; usable as a decorator."""
    if provider not in _ITEM_PROVIDERS:
        _ITEM_PROVIDERS.append(provider)
    return provider


@dataclass
class Lane:
    reporter: User
    days: list[list[Assignment]]
    away: list[list[Absence]] = field(default_factory=list)

    @property
    def cells(self) -> list[tuple[list[Assignment], list[Absence]]]:
        """Per day: the reporter's assignments and the absences that touch the day."""
        return list(zip(self.days, self.away or [[] for _ in self.days], strict=True))


@dataclass
class Day:
    date: date
    unassigned: list[Notice] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    items: list[WeekItem] = field(default_factory=list)
    bookings: list[ResourceBooking] = field(default_factory=list)
    is_today: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.unassigned or self.assignments or self.items or self.bookings)


@dataclass
class WeekGrid:
    monday: date
    start: datetime
    end: datetime
    days: list[Day]
    lanes: list[Lane]
    shows_unassigned: bool
    clashes: int = 0
    flagged: int = 0

    @property
    def iso(self) -> str:
        return iso_week(self.monday)

    @property
    def previous_iso(self) -> str:
        return iso_week(self.monday - timedelta(days=7))

    @property
    def next_iso(self) -> str:
        return iso_week(self.monday + timedelta(days=7))

    @property
    def week_number(self) -> int:
        return self.monday.isocalendar().week

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def unassigned_by_day(self) -> list[list[Notice]]:
        return [day.unassigned for day in self.days]

    @property
    def items_by_day(self) -> list[list[WeekItem]]:
        return [day.items for day in self.days]

    @property
    def has_items(self) -> bool:
        return any(day.items for day in self.days)

    @property
    def bookings_by_day(self) -> list[list[ResourceBooking]]:
        return [day.bookings for day in self.days]

    @property
    def has_bookings(self) -> bool:
        return any(day.bookings for day in self.days)


def iso_week(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def current_monday(now=None) -> date:
    today = timezone.localdate(now or timezone.now())
    return today - timedelta(days=today.weekday())


def week_range(monday: date) -> tuple[datetime, datetime]:
    """Monday 00:00 to the next Monday 00:00, local time."""
    start = timezone.make_aware(datetime.combine(monday, datetime.min.time()))
    end = timezone.make_aware(datetime.combine(monday + timedelta(days=7), datetime.min.time()))
    return start, end


def week_assignments_for(user: User, start: datetime, end: datetime) -> QuerySet[Assignment]:
    """Busy assignments of notices starting in [start, end) the user may see: an editor
    their centre's, a reporter their own, agency staff those of their agency's notices."""
    assignments = scope_for(user).filter(
        Assignment.objects.all(),
        agency="notice__agency_id",
        editor="notice__centre_id",
        reporter="reporter_id",
    )
    return (
        assignments.filter(
            status__in=BUSY_STATUSES, notice__starts_at__gte=start, notice__starts_at__lt=end
        )
        .select_related("notice", "notice__agency", "notice__locality", "reporter")
        .prefetch_related(active_bookings_prefetch())
        .order_by("notice__starts_at", "reporter_id", "pk")
    )


def week_unassigned_for(user: User, start: datetime, end: datetime) -> QuerySet[Notice]:
    """Received notices starting in [start, end) with no reporter on them yet."""
    return (
        notices_for(user)
        .filter(starts_at__gte=start, starts_at__lt=end, status=NoticeStatus.RECEIVED)
        .exclude(assignments__status__in=BUSY_STATUSES)
        .select_related("agency", "locality")
        .order_by("starts_at", "pk")
    )


def _mark_clashes(assignments: list[Assignment]) -> int:
    """Set `clashes_with` on each assignment (others of its reporter whose windows
    overlap) and return how many assignments clash."""
    by_reporter: dict[int, list[Assignment]] = {}
    for assignment in assignments:
        assignment.clashes_with = []
        by_reporter.setdefault(assignment.reporter_id, []).append(assignment)
    for own in by_reporter.values():
        own.sort(key=lambda a: a.window_start)
        for i, first in enumerate(own):
            for second in own[i + 1 :]:
                if second.window_start >= first.window_end:
                    break
                first.clashes_with.append(second)
                second.clashes_with.append(first)
    return sum(1 for a in assignments if a.clashes_with)


def week_grid_for(user: User, monday: date) -> WeekGrid:
    """The week starting on `monday` as the user may see it."""
    scope = scope_for(user)
    start, end = week_range(monday)
    today = timezone.localdate()
    days = [Day(monday + timedelta(days=i)) for i in range(7)]
    for day in days:
        day.is_today = day.date == today
    index = {day.date: day for day in days}

    assignments = list(week_assignments_for(user, start, end))
    clashes = _mark_clashes(assignments)
    if scope.is_editor:
        reporters = list(centre_reporters(scope.centre_id))
    elif scope.is_reporter:
        reporters = [user]
    else:
        reporters = []
    known = {reporter.pk for reporter in reporters}
    for assignment in assignments:  # e.g. agency staff: the reporters sent to them
        if assignment.reporter_id not in known:
            known.add(assignment.reporter_id)
            reporters.append(assignment.reporter)
    lanes = {r.pk: Lane(r, [[] for _ in days], [[] for _ in days]) for r in reporters}
    for assignment in assignments:
        day = timezone.localdate(assignment.notice.starts_at)
        lanes[assignment.reporter_id].days[(day - monday).days].append(assignment)
        index[day].assignments.append(assignment)
    if scope.is_editor or scope.is_reporter:  # agency staff never see absences
        _place_absences(
            lanes, [r.pk for r in reporters if scope.is_editor or r.pk == user.pk], start, end, days
        )

    if scope.is_editor:  # the centre's cars and cameras booked on their own or blocked
        _place_bookings(standalone_bookings_between(scope.centre_id, start, end), days)

    shows_unassigned = not scope.is_reporter
    if shows_unassigned:
        for notice in week_unassigned_for(user, start, end):
            index[timezone.localdate(notice.starts_at)].unassigned.append(notice)

    for provider in _ITEM_PROVIDERS:
        for item in provider(user, start, end):
            if item.day in index:
                index[item.day].items.append(item)

    return WeekGrid(
        monday=monday,
        start=start,
        end=end,
        days=days,
        lanes=list(lanes.values()),
        shows_unassigned=shows_unassigned,
        clashes=clashes,
        flagged=sum(1 for a in assignments if a.override_kind != OverrideKind.NONE),
    )


def _place_absences(lanes: dict, reporter_ids: list[int], start, end, days: list) -> None:
    """Put each blocking absence in every day of its reporter's lane it touches (one query)."""
    for absence in blocking_absences(reporter_ids, start, end):
        first = timezone.localtime(absence.starts_at)
        last = timezone.localtime(absence.ends_at - timedelta(microseconds=1))
        for i, day in enumerate(days):
            if first.date() <= day.date <= last.date():
                lanes[absence.reporter_id].away[i].append(absence)


def _place_bookings(bookings, days: list) -> None:
    """Put each standalone booking or maintenance block in every day it touches."""
    for booking in bookings:
        first = timezone.localtime(booking.window_start)
        last = timezone.localtime(booking.window_end - timedelta(microseconds=1))
        for day in days:
            if first.date() <= day.date <= last.date():
                day.bookings.append(booking)


@register_week_items
def leaders_calendar_items(user: User, start: datetime, end: datetime) -> list[WeekItem]:
    """The leaders' weekly calendar (events) in the week's own lane, one query."""
    return [
        WeekItem(
            day=timezone.localdate(item.starts_at),
            title=item.content,
            starts_at=item.starts_at if item.time_given else None,
            detail=" · ".join(part for part in (item.leaders, item.place) if part),
            url=reverse("events:leaders_week", args=[item.version_id]),
        )
        for item in calendar_items_between(user, start, end)
    ]
