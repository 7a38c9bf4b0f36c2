from django.db.models import Count, QuerySet, Sum

from newsroom.models import Publication
from portal.models import User
from portal.scoping import scope_for


def publications_for(user: User) -> QuerySet[Publication]:
    """Publications of the centre's notices and stories (centre staff); reviewers see
    their province's."""
    publications = Publication.objects.select_related(
        "channel", "notice__agency", "story__agency", "recorded_by"
    )
    return scope_for(user).filter(publications, centre="centre_id", across="centre")


def publication_totals(publications: QuerySet[Publication]) -> dict:
    """How many, and how many minutes on air, in one query."""
    return publications.aggregate(count=Count("pk"), minutes=Sum("duration_minutes"))


def notice_publications(notice) -> QuerySet[Publication]:
    return notice.publications.select_related("channel").order_by("-published_at")
