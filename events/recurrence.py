"""Repetition rules of recurring notices: RFC 5545 RRULEs, read and written by
python-dateutil (no date arithmetic of our own). Times are local wall-clock times."""

from datetime import date, datetime, time
from itertools import islice

from dateutil.rrule import FR, MO, MONTHLY, SA, SU, TH, TU, WE, WEEKLY, rrule, rrulestr

WEEKDAYS = (MO, TU, WE, TH, FR, SA, SU)  # index 0 = Monday, as date.weekday()


def build_rule(
    *,
    frequency: str,
    weekdays=(),
    month_day: int | None = None,
    nth: int | None = None,
    nth_weekday: int | None = None,
    until: date | None = None,
    count: int | None = None,
) -> str:
    """The RRULE text for: weekly on `weekdays` (0 = Monday); monthly on `month_day`, or
    on the `nth` (1..4, -1 = last) `nth_weekday`; ending on `until` or after `count`."""
    options = {}
    if frequency == "weekly":
        freq = WEEKLY
        options["byweekday"] = [WEEKDAYS[day] for day in sorted(set(weekdays))] or None
    elif nth is not None and nth_weekday is not None:
        freq = MONTHLY
        options["byweekday"] = WEEKDAYS[nth_weekday](nth)
    else:
        freq = MONTHLY
        options["bymonthday"] = month_day
    if until is not None:
        options["until"] = datetime.combine(until, time(23, 59, 59))
    if count is not None:
        options["count"] = count
    # Naive on purpose: rules count in local wall-clock time; only the RRULE line is kept.
    text = str(rrule(freq, dtstart=datetime(2000, 1, 3), **options))  # noqa: DTZ001
    return next(line for line in text.splitlines() if line.startswith("RRULE:"))[6:]


def is_bounded(rule: str) -> bool:
    parts = {part.split("=", 1)[0] for part in rule.upper().split(";")}
    return bool(parts & {"UNTIL", "COUNT"})


def starts(rule: str, first_start: datetime, *, limit: int | None = None) -> list[datetime]:
    """The naive local start times the rule gives from `first_start` (naive, local)."""
    found = rrulestr(rule, dtstart=first_start, forceset=False)
    return list(islice(found, limit) if limit is not None else found)
