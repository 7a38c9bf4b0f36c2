"""Keeping `ComplianceMonth`, the per-agency, per-month rollup of lead-time figures.

A change recomputes the (centre, month) pairs it touches from the notices themselves
rather than adding or subtracting: a recomputation cannot drift, and running it twice
changes nothing. The writer's transaction first locks the centre's row, so two writers
of one centre recompute one after the other, and the later one (reading after the
earlier one committed) counts both notices.

A notice is counted under its agency, or, when its event starts before the date of the
merger that moved it, under the agency it had then (`Notice.original_agency`), as
`newsroom.selectors.compliance` counts it from the notices.
"""

import sys
from array import array
from collections import defaultdict
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from contacts.models import FormerName, Organisation
from events.enums import NoticeKind, NoticeStatus, Verdict
from events.models import ComplianceMonth, Notice

VERDICT_FIELDS = {
    Verdict.ON_TIME: "on_time",
    Verdict.LATE: "late",
    Verdict.AFTER_THE_FACT: "after_fact",
    Verdict.EXEMPT: "exempt",
}
BATCH = 1000


def month_of(moment: datetime) -> date:
    """The first day of the (local) month a moment falls in."""
    return timezone.localtime(moment).date().replace(day=1)


def month_bounds(first: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return (
        datetime.combine(first, datetime.min.time(), zone),
        datetime.combine(after, datetime.min.time(), zone),
    )


def pack(leads: list[int]) -> bytes:
    values = array("i", sorted(leads))
    if sys.byteorder == "big":
        values.byteswap()
    return values.tobytes()


def unpack(stored) -> array:
    values = array("i")
    values.frombytes(bytes(stored))
    if sys.byteorder == "big":
        values.byteswap()
    return values


def _merger_dates(original_ids) -> dict[int, datetime]:
    """For each agency merged away: local midnight of the merger's date (the earliest,
    as the compliance selector takes it)."""
    zone = timezone.get_current_timezone()
    found = {}
    for pk, decided_on in (
        FormerName.objects.filter(predecessor_id__in=original_ids)
        .order_by("merge__decided_on", "pk")
        .values_list("predecessor_id", "merge__decided_on")
    ):
        found.setdefault(pk, datetime.combine(decided_on, datetime.min.time(), zone))
    return found


def _rows(notices) -> list[ComplianceMonth]:
    """The rollup rows of `notices` (a queryset), grouped in Python: two queries."""
    columns = ("centre_id", "agency_id", "original_agency_id", "starts_at", "verdict", "kind")
    values = list(
        notices.exclude(status=NoticeStatus.CANCELLED)
        .order_by()
        .values_list(*columns, "lead_minutes")
    )
    merged = _merger_dates({row[2] for row in values if row[2] is not None})
    groups: dict[tuple, dict] = defaultdict(lambda: defaultdict(int))
    leads: dict[tuple, list[int]] = defaultdict(list)
    for centre, agency, original, starts, verdict, kind, lead in values:
        until = merged.get(original)
        unit = original if until is not None and starts < until else agency
        key = (centre, agency, unit, month_of(starts))
        figures = groups[key]
        figures["total"] += 1
        if verdict in VERDICT_FIELDS:
            figures[VERDICT_FIELDS[verdict]] += 1
        if kind == NoticeKind.URGENT:
            figures["urgent"] += 1
        leads[key].append(lead)
    return [
        ComplianceMonth(
            centre_id=centre,
            agency_id=agency,
            unit_id=unit,
            month=month,
            leads=pack(leads[key]),
            **figures,
        )
        for key, figures in groups.items()
        for centre, agency, unit, month in [key]
    ]


def _lock_centres(centre_ids) -> None:
    list(
        Organisation.objects.select_for_update()
        .filter(pk__in=sorted(centre_ids))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def refresh_months(pairs) -> None:
    """Recompute the rollup of each (centre id, first day of month) in `pairs`."""
    by_centre: dict[int, set[date]] = defaultdict(set)
    for centre_id, month in pairs:
        if centre_id is not None:
            by_centre[centre_id].add(month)
    if not by_centre:
        return
    with transaction.atomic():
        _lock_centres(by_centre)
        for centre_id, months in by_centre.items():
            for month in months:
                start, end = month_bounds(month)
                ComplianceMonth.objects.filter(centre_id=centre_id, month=month).delete()
                ComplianceMonth.objects.bulk_create(
                    _rows(
                        Notice.objects.filter(
                            centre_id=centre_id, starts_at__gte=start, starts_at__lt=end
                        )
                    )
                )


def refresh_notice(notice: Notice, *, was_starts_at: datetime | None = None) -> None:
    """After `notice` was received or changed: its month, and the month it started in
    before when it moved."""
    pairs = {(notice.centre_id, month_of(notice.starts_at))}
    if was_starts_at is not None:
        pairs.add((notice.centre_id, month_of(was_starts_at)))
    refresh_months(pairs)


def rebuild(centre_ids=None) -> int:
    """Recompute the rollup of these centres (None: every centre), one centre at a time
    (memory: one centre's notices). Returns the number of rows written."""
    if centre_ids is None:
        centre_ids = set(Notice.objects.values_list("centre_id", flat=True).distinct())
        centre_ids |= set(ComplianceMonth.objects.values_list("centre_id", flat=True).distinct())
    written = 0
    for centre_id in sorted(set(centre_ids) - {None}):
        with transaction.atomic():
            _lock_centres([centre_id])
            ComplianceMonth.objects.filter(centre_id=centre_id).delete()
            rows = _rows(Notice.objects.filter(centre_id=centre_id))
            ComplianceMonth.objects.bulk_create(rows, batch_size=BATCH)
            written += len(rows)
    return written


def after_merger(sender, successor, source_ids, **kwargs) -> None:
    """`contacts.signals.organisations_merged`: the notices moved to the successor, and
    those of the sources, are counted again (their centres' whole rollup)."""
    ids = [successor.pk, *source_ids]
    centres = set(
        Notice.objects.filter(agency_id__in=ids).values_list("centre_id", flat=True).distinct()
    )
    centres |= set(
        Organisation.objects.filter(pk__in=ids, is_newsroom=True).values_list("pk", flat=True)
    )
    centres |= set(
        ComplianceMonth.objects.filter(centre_id__in=ids).values_list("centre_id", flat=True)
    )
    rebuild(centres)
