"""Working days: Monday to Friday, less the public holidays recorded as data."""

from datetime import date, timedelta

from privacy.models import PublicHoliday


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (a request verified on Friday with two
    working days is due on Tuesday; a public holiday in between pushes it one day)."""
    horizon = start + timedelta(days=days * 3 + 31)
    holidays = set(
        PublicHoliday.objects.filter(date__gt=start, date__lte=horizon).values_list(
            "date", flat=True
        )
    )
    current, left = start, days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in holidays:
            left -= 1
    return current
