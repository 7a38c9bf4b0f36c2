from datetime import date, datetime, time

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from newsroom.models import Channel, Publication
from portal.models import User
from portal.scoping import scope_for


def active_channels() -> QuerySet[Channel]:
    return Channel.objects.filter(is_active=True).order_by("position", "name")


def publications_for(user: User) -> QuerySet[Publication]:
    """Publications of the centre's notices and stories (centre staff); reviewers see all."""
    publications = Publication.objects.select_related(
        "channel", "notice__agency", "story__agency", "recorded_by"
    )
    return scope_for(user).filter(
        publications, centre=("notice__centre_id", "story__centre_id"), across=True
    )


def filter_publications(
    publications: QuerySet[Publication],
    *,
    channel: Channel | None = None,
    month: date | None = None,
    source: str = "",
) -> QuerySet[Publication]:
    """Narrow by channel, calendar month (local time) and source ("notice" or "story")."""
    if channel is not None:
        publications = publications.filter(channel=channel)
    if month is not None:
        tz = timezone.get_current_timezone()
        start = datetime.combine(month.replace(day=1), time.min, tzinfo=tz)
        following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        end = datetime.combine(following, time.min, tzinfo=tz)
        publications = publications.filter(published_at__gte=start, published_at__lt=end)
    if source == "notice":
        publications = publications.filter(notice__isnull=False)
    elif source == "story":
        publications = publications.filter(story__isnull=False)
    return publications


def publication_totals(publications: QuerySet[Publication]) -> dict:
    """How many, and how many minutes on air, in one query."""
    return publications.aggregate(count=Count("pk"), minutes=Sum("duration_minutes"))


def notice_publications(notice) -> QuerySet[Publication]:
    return notice.publications.select_related("channel").order_by("-published_at")
