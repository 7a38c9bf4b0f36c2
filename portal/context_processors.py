from django.conf import settings


def portal(request):
    user = getattr(request, "user", None)
    unread = 0
    if user is not None and user.is_authenticated:
        unread = user.notifications.filter(read_at__isnull=True).count()
    return {
        "unread_notifications": unread,
        "lead_time_planned_minutes": settings.LEAD_TIME_PLANNED_MINUTES,
        "lead_time_urgent_minutes": settings.LEAD_TIME_URGENT_MINUTES,
    }
