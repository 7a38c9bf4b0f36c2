"""Reads of reporters' absences, scoped to who may see them."""

from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from newsroom.enums import BLOCKING_ABSENCE_STATUSES
from newsroom.models import Absence
from portal.models import User
from portal.scoping import get_for, scope_for


def blocking_absences(reporter_ids, start: datetime, end: datetime) -> QuerySet[Absence]:
    """Absences (pending or approved) of these reporters overlapping [start, end)."""
    return Absence.objects.filter(
        reporter_id__in=list(reporter_ids),
        status__in=BLOCKING_ABSENCE_STATUSES,
        starts_at__lt=end,
        ends_at__gt=start,
    ).order_by("starts_at", "pk")


def absences_by_reporter(reporter_ids, start: datetime, end: datetime) -> dict[int, list]:
    found: dict[int, list[Absence]] = {}
    for absence in blocking_absences(reporter_ids, start, end):
        found.setdefault(absence.reporter_id, []).append(absence)
    return found


def absences_for(user: User) -> QuerySet[Absence]:
    """Editors: their centre's. Reporters: their own. Everyone else: none."""
    return scope_for(user).filter(Absence.objects.all(), editor="centre_id", reporter="reporter_id")


def get_absence_for(user: User, pk: int, *, perm: str | None = None, done=None) -> Absence:
    return get_for(user, absences_for(user).select_related("reporter"), pk, perm, done=done)


def upcoming_absences_for(user: User, *, days_back: int = 7) -> QuerySet[Absence]:
    """The availability page: from a week ago on, soonest first, one query."""
    since = timezone.now() - timedelta(days=days_back)
    return (
        absences_for(user)
        .filter(ends_at__gte=since)
        .select_related("reporter", "recorded_by", "decided_by")
        .order_by("starts_at", "pk")
    )
