from django.db.models import QuerySet

from portal.models import Notification, User
from portal.scoping import scope_for


def notifications_for(user: User) -> QuerySet[Notification]:
    """One's own notifications, whatever one's role."""
    return (
        scope_for(user)
        .filter(Notification.objects.all(), own="recipient_id")
        .order_by("-created_at")
    )
