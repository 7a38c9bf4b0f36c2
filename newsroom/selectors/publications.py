from django.db.models import Count, Q, QuerySet, Sum

from newsroom.models import Channel, Publication
from portal.models import User


def active_channels() -> QuerySet[Channel]:
    return Channel.objects.filter(is_active=True).order_by("position", "name")


def publications_for(user: User) -> QuerySet[Publication]:
    """Publications of the centre's notices and stories (centre staff); reviewers see all."""
    publications = Publication.objects.select_related(
        "channel", "notice__agency", "story__agency", "recorded_by"
    )
    if user.is_centre_staff and user.organisation_id:
        centre = user.organisation_id
        return publications.filter(Q(notice__centre_id=centre) | Q(story__centre_id=centre))
    if user.is_reviewer:
        return publications
    return publications.none()


def publication_totals(publications: QuerySet[Publication]) -> dict:
    """How many, and how many minutes on air, in one query."""
    return publications.aggregate(count=Count("pk"), minutes=Sum("duration_minutes"))


def notice_publications(notice) -> QuerySet[Publication]:
    return notice.publications.select_related("channel").order_by("-published_at")
