"""The notices panel of the home page."""

from django.db.models import Count, Q
from django.utils import timezone

from events.enums import NoticeStatus, Verdict
from events.selectors.notices import notices_for
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
    year_start = timezone.localtime().replace(month=1, day=1, hour=0, minute=0, second=0)
    totals = notices.filter(received_at__gte=year_start).aggregate(
        total=Count("pk"),
        on_time=Count("pk", filter=Q(verdict=Verdict.ON_TIME)),
        late=Count("pk", filter=Q(verdict__in=[Verdict.LATE, Verdict.AFTER_THE_FACT])),
        waiting=Count("pk", filter=Q(status=NoticeStatus.RECEIVED)),
    )
    return {"upcoming": upcoming, "totals": totals}
