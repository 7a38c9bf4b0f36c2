"""The director's home panel: what needs a decision now."""

from datetime import timedelta

from django.utils import timezone

from newsroom.selectors.assignments import (
    centre_conflicts,
    next_jobs,
    reporter_loads,
    week_bounds,
)
from newsroom.selectors.triage import unassigned_soon
from portal.dashboard import register
from portal.scoping import scope_for


@register("newsroom/_reporter_home.html", order=1)
def reporter_panel(request):
    """A reporter lands on their next jobs (today and tomorrow), not on statistics."""
    if not scope_for(request.user).is_reporter:
        return None
    return {"jobs": next_jobs(request.user)}


@register("newsroom/_home_panel.html", order=5)
def director_panel(request):
    user = request.user
    scope = scope_for(user)
    if not scope.is_editor:
        return None
    now = timezone.now()
    week_start, week_end = week_bounds(now)
    return {
        "unassigned": unassigned_soon(user, now, now + timedelta(hours=48)),
        "conflicts": centre_conflicts(scope.centre_id, since=now),
        "loads": reporter_loads(scope.centre_id, week_start, week_end),
        "week_start": week_start,
        "week_end": week_end - timedelta(days=1),
    }
