"""The notices panel of the home page."""

from django.utils import timezone

from events.enums import NoticeStatus
from events.selectors.notices import notices_for, year_figures_for
from portal.dashboard import register
from portal.scoping import scope_for


@register("events/_home_panel.html", order=10)
def notices_panel(request):
    user = request.user
    scope = scope_for(user)
    if not (scope.is_agency_staff or scope.is_centre_staff or scope.is_reviewer):
        return None
    notices = notices_for(user)
    upcoming = (
        notices.filter(starts_at__gte=timezone.now())
        .exclude(status=NoticeStatus.CANCELLED)
        .select_related("agency")
        .order_by("starts_at")[:5]
    )
    totals = year_figures_for(user, timezone.localdate().year)
    return {"upcoming": upcoming, "totals": totals}
