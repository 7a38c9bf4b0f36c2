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


def _rule_line(found) -> str:
    return next(line for line in str(found).splitlines() if line.startswith("RRULE:"))[6:]


def is_weekly(rule: str) -> bool:
    return "FREQ=WEEKLY" in rule.upper().split(";")


def changed(rule: str, first_start: datetime, *, weekdays=None, until: date | None = None) -> str:
    """The rule with other weekdays (weekly rules) and/or ending on `until`. A rule that
    ended after N times is first turned into one ending on its last date, so the dates
    it gives before the change stay the same (dateutil does the rewriting)."""
    found = rrulestr(rule, dtstart=first_start, forceset=False)
    options = {}
    if found._count is not None:  # noqa: SLF001 - dateutil keeps it only there
        last = list(found)[-1]
        options.update(count=None, until=datetime.combine(last.date(), time(23, 59, 59)))
    if until is not None:
        options.update(count=None, until=datetime.combine(until, time(23, 59, 59)))
    if weekdays is not None:
        options["byweekday"] = [WEEKDAYS[day] for day in sorted(set(weekdays))]
    return _rule_line(found.replace(**options)) if options else rule


def weekdays_of(rule: str, first_start: datetime) -> list[int]:
    """The weekdays (0 = Monday) a weekly rule falls on."""
    found = rrulestr(rule, dtstart=first_start, forceset=False)
    return sorted(found._byweekday or [first_start.weekday()])  # noqa: SLF001
