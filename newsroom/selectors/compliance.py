"""Lead-time compliance, as pure reads: the dashboard, the Excel export and the weekly
report all use these functions. Cancelled notices are left out; a notice belongs to
the period its event starts in.

A merger (`contacts.services.merges`) moves an agency's notices to its successor but
keeps the agency they had (`Notice.original_agency`): a notice whose event starts before
the decision's date is still counted under the old agency, named as it was then (its
`FormerName`), so a report of a period before the merger shows the old units."""

from array import array
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone

from contacts.models import FormerName, Organisation
from contacts.selectors import centres
from events.enums import NoticeKind, NoticeStatus, Verdict
from events.models import ComplianceMonth, Notice
from events.services.compliance_months import unpack
from portal.aggregates import Median
from portal.models import User
from portal.scoping import scope_for

COUNTS = {
    "total": Count("pk"),
    "on_time": Count("pk", filter=Q(verdict=Verdict.ON_TIME)),
    "late": Count("pk", filter=Q(verdict=Verdict.LATE)),
    "after_fact": Count("pk", filter=Q(verdict=Verdict.AFTER_THE_FACT)),
    "exempt": Count("pk", filter=Q(verdict=Verdict.EXEMPT)),
    "urgent": Count("pk", filter=Q(kind=NoticeKind.URGENT)),
}


@dataclass
class ComplianceRow:
    key: int
    name: str
    centre_name: str = ""
    total: int = 0
    on_time: int = 0
    late: int = 0
    after_fact: int = 0
    exempt: int = 0
    urgent: int = 0
    median_lead_minutes: int | None = None
    rank: int = 0
    stories_sent: int = 0  # contributor stories, shown for a silent agency (see with_stories)

    @property
    def silent(self) -> bool:
        """An agency that sent no notice in the period: seed 000's real problem."""
        return self.total == 0

    @property
    def judged(self) -> int:
        """Notices the rule applies to (emergencies are exempt)."""
        return self.on_time + self.late + self.after_fact

    @property
    def on_time_rate(self) -> float | None:
        return round(100 * self.on_time / self.judged, 1) if self.judged else None

    @property
    def urgent_share(self) -> float | None:
        return round(100 * self.urgent / self.total, 1) if self.total else None


def period_bounds(period: str, year: int, number: int = 1) -> tuple[datetime, datetime]:
    """[start, end) in local time of a month (number 1–12), quarter (1–4) or year."""
    if period == "month":
        first, months = date(year, number, 1), 1
    elif period == "quarter":
        first, months = date(year, 3 * (number - 1) + 1, 1), 3
    else:
        first, months = date(year, 1, 1), 12
    month_index = first.month - 1 + months
    after = date(first.year + month_index // 12, month_index % 12 + 1, 1)
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(first, datetime.min.time(), zone),
        datetime.combine(after, datetime.min.time(), zone),
    )


def _notices(centre_ids, start, end, agency_ids=None) -> QuerySet[Notice]:
    notices = Notice.objects.filter(
        centre_id__in=centre_ids, starts_at__gte=start, starts_at__lt=end
    ).exclude(status=NoticeStatus.CANCELLED)
    if agency_ids is not None:
        notices = notices.filter(agency_id__in=agency_ids)
    return notices


@dataclass(frozen=True)
class Predecessor:
    """An agency merged away by a decision dated after the period's start."""

    pk: int
    name: str  # its name before the merger
    until: datetime  # the decision's date, local midnight


def _predecessors(start) -> dict[int, Predecessor]:
    """Agencies whose merger takes effect after `start`. One query."""
    zone = timezone.get_current_timezone()
    found = {}
    for pk, name, decided_on in (
        FormerName.objects.filter(merge__decided_on__gt=timezone.localtime(start).date())
        .order_by("merge__decided_on", "pk")
        .values_list("predecessor_id", "name", "merge__decided_on")
    ):
        until = datetime.combine(decided_on, datetime.min.time(), zone)
        found.setdefault(pk, Predecessor(pk, name, until))
    return found


def _agency_unit(predecessors: dict[int, Predecessor]):
    """The agency a notice is counted under: its agency before the merger while the event
    starts before the decision's date, else its agency."""
    if not predecessors:
        return F("agency_id")
    return Case(
        *[
            When(original_agency_id=p.pk, starts_at__lt=p.until, then=Value(p.pk))
            for p in predecessors.values()
        ],
        default=F("agency_id"),
        output_field=IntegerField(),
    )


def _rank(rows: list[ComplianceRow]) -> list[ComplianceRow]:
    """Best first: highest on-time rate, then fewest late, then name; no judged notices last."""
    rows.sort(
        key=lambda r: (
            r.on_time_rate is None,
            -(r.on_time_rate or 0),
            r.late + r.after_fact,
            r.name,
        )
    )
    for position, row in enumerate(rows, 1):
        row.rank = position
    return rows


def _median(value: float | None) -> int | None:
    return int(value) if value is not None else None


def _counted(notices, key) -> dict[int, dict]:
    """Counts and median lead time per `key` (a column, or an expression of columns),
    grouped by the bare column (no joined names in the GROUP BY, so the database groups
    on an index, not on sorted text). One query."""
    return {
        values["unit"]: values
        for values in notices.annotate(unit=F(key) if isinstance(key, str) else key)
        .values("unit")
        .annotate(**COUNTS, median=Median("lead_minutes"))
        .order_by()
    }


# --- Whole months, from the rollup -----------------------------------------------------
# A period of whole months (every period of the compliance page, the letters and the
# reminders) is read from `ComplianceMonth`: a province's year is ~5,000 rows instead of
# ~60,000 notices. Any other window (the weekly report's week) is counted from the notices.
# Both give the same figures; tests/newsroom/test_compliance_rollup.py holds them equal.

MonthRows = list[tuple]  # (centre_id, unit_id, month, *COUNTS, leads)
_FIELDS = ("centre_id", "unit_id", "month", *COUNTS, "leads")


def _whole_months(start: datetime, end: datetime) -> bool:
    return all(
        (local := timezone.localtime(moment)).day == 1 and local.time() == time.min
        for moment in (start, end)
    )


def month_rows(centre_ids, start, end, agency_ids=None) -> MonthRows | None:
    """The rollup rows of [start, end) (one query), or None when the window is not made
    of whole months."""
    if not _whole_months(start, end):
        return None
    rows = ComplianceMonth.objects.filter(
        centre_id__in=centre_ids,
        month__gte=timezone.localtime(start).date(),
        month__lt=timezone.localtime(end).date(),
    )
    if agency_ids is not None:
        rows = rows.filter(agency_id__in=agency_ids)
    return list(rows.order_by().values_list(*_FIELDS))


def _median_of(leads: array) -> float | None:
    """As percentile_cont(0.5): the middle value, or the mean of the two middle ones."""
    if not leads:
        return None
    ordered = sorted(leads)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def _counted_months(months: MonthRows, key: str | None, median=True) -> dict:
    """`_counted`'s figures from rollup rows, grouped by `key` (a field of _FIELDS, or
    None for one total under 0)."""
    position = _FIELDS.index(key) if key else None
    names = list(COUNTS)
    found: dict = {}
    leads: dict = defaultdict(lambda: array("i"))
    for row in months:
        unit = row[position] if position is not None else 0
        values = found.get(unit)
        if values is None:
            values = found[unit] = dict.fromkeys(names, 0)
        for offset, name in enumerate(names, 3):
            values[name] += row[offset]
        if median:
            leads[unit].extend(unpack(row[-1]))
    for unit, values in found.items():
        values["median"] = _median_of(leads[unit]) if median else None
    return found


def _row(key: int, name: str, centre_name: str, values: dict | None) -> ComplianceRow:
    values = values or {}
    return ComplianceRow(
        key=key,
        name=name,
        centre_name=centre_name,
        median_lead_minutes=_median(values.get("median")),
        **{k: values.get(k, 0) for k in COUNTS},
    )


def compliance_rows(
    centre_ids, start, end, agency_ids=None, *, with_silent=True, months: MonthRows | None = None
) -> list[ComplianceRow]:
    """One row per agency of the centres, ranked best to worst; an agency that sent no
    notice in [start, end) is there too ("silent"), ranked last; so is an agency merged
    away after `start` (under its old name). Three queries: the mergers after `start`,
    the counts per agency (from `months`, the rollup rows of the period, when given or
    when the period is whole months), then the names of those agencies and of the silent
    ones."""
    predecessors = _predecessors(start)
    months = months if months is not None else month_rows(centre_ids, start, end, agency_ids)
    if months is not None:
        counted = _counted_months(months, "unit_id")
    else:
        notices = _notices(centre_ids, start, end, agency_ids)
        counted = _counted(notices, _agency_unit(predecessors))
    agencies = Q(pk__in=list(counted))
    if with_silent:
        silent = Q(centre_id__in=centre_ids, is_active=True, is_newsroom=False)
        if agency_ids is not None:
            silent &= Q(pk__in=agency_ids)
        else:
            silent |= Q(centre_id__in=centre_ids, pk__in=list(predecessors))
        agencies |= silent
    rows = [
        _row(
            pk,
            predecessors[pk].name if pk in predecessors else name,
            centre_name or "",
            counted.get(pk),
        )
        for pk, name, centre_name in Organisation.objects.filter(agencies)
        .order_by("name")
        .values_list("pk", "name", "centre__name")
    ]
    return _rank(rows)


def with_stories(rows: list[ComplianceRow], activity: list[dict]) -> list[ComplianceRow]:
    """Each row's contributor stories of the period (from `contributor_activity`): the
    only other count of an agency's events the portal has, shown next to a silent one."""
    sent = {a["agency_id"]: a["sent"] for a in activity}
    for row in rows:
        row.stories_sent = sent.get(row.key, 0)
    return rows


def centre_totals(
    centre_ids, start, end, total: ComplianceRow | None = None, months: MonthRows | None = None
) -> list[ComplianceRow]:
    """One row per centre: the provincial reviewer's side-by-side view. Two queries.
    Given `total` (the `totals` of every agency of these centres, same period) for one
    centre, that centre's row is that total: one query for its name, no second pass over
    the period's notices."""
    if total is not None and len(centre_ids) == 1:
        if not total.total:
            return []
        names = Organisation.objects.filter(pk__in=centre_ids).values_list("pk", "name")
        return _rank([replace(total, key=pk, name=name) for pk, name in names])
    months = months if months is not None else month_rows(centre_ids, start, end)
    if months is not None:
        counted = _counted_months(months, "centre_id")
    else:
        counted = _counted(_notices(centre_ids, start, end), "centre_id")
    names = Organisation.objects.filter(pk__in=list(counted)).values_list("pk", "name")
    return _rank([_row(pk, name, "", counted[pk]) for pk, name in names])


def totals(
    centre_ids, start, end, agency_ids=None, months: MonthRows | None = None
) -> ComplianceRow:
    """The whole period's counts and median lead time (the median of all notices, not a
    median of medians). One query, none given `months`."""
    months = months if months is not None else month_rows(centre_ids, start, end, agency_ids)
    if months is not None:
        return _row(0, "", "", _counted_months(months, None).get(0))
    values = _notices(centre_ids, start, end, agency_ids).aggregate(
        **COUNTS, median=Median("lead_minutes")
    )
    return _row(0, "", "", values)


def monthly_trend(
    centre_ids, start, end, agency_ids=None, months: MonthRows | None = None
) -> list[dict]:
    """Counts per month in [start, end), every month present (zeros included). One query,
    none given `months`."""
    months = months if months is not None else month_rows(centre_ids, start, end, agency_ids)
    if months is not None:
        found = _counted_months(months, "month", median=False)
    else:
        found = {
            timezone.localtime(values["month"]).date().replace(day=1)
            if isinstance(values["month"], datetime)
            else values["month"]: values
            for values in _notices(centre_ids, start, end, agency_ids)
            .annotate(month=TruncMonth("starts_at"))
            .values("month")
            .annotate(**COUNTS)
            .order_by("month")
        }
    months = []
    cursor = timezone.localtime(start).date().replace(day=1)
    last = timezone.localtime(end).date()
    while cursor < last:
        values = found.get(cursor, {})
        months.append({"month": cursor, **{k: values.get(k, 0) for k in COUNTS}})
        cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    return months


# --- Whose compliance a user may read ---------------------------------------------------


@dataclass(frozen=True)
class ComplianceScope:
    centre_ids: list[int]
    agency_ids: list[int] | None  # None: every agency of those centres
    across_centres: bool  # the provincial reviewer's side-by-side view


def compliance_scope(user: User, centre_id: int | None = None) -> ComplianceScope:
    """Agency staff: their own agency. Director: their centre. Reviewer: every centre of
    their province (or one, when asked); none without a province."""
    scope = scope_for(user)
    if scope.is_agency_staff:
        return ComplianceScope([scope.centre_id], [scope.organisation_id], False)
    if scope.is_editor:
        return ComplianceScope([scope.centre_id], None, False)
    if scope.is_reviewer and scope.province_id is not None:
        ids = list(centres(scope.province_id).values_list("pk", flat=True))
        if centre_id in ids:
            return ComplianceScope([centre_id], None, False)
        return ComplianceScope(ids, None, True)
    return ComplianceScope([], [], False)
