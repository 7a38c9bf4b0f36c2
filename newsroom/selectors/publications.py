from django.db.models import QuerySet

from newsroom.models import Channel, Publication
from portal.models import User


def active_channels() -> QuerySet[Channel]:
    return Channel.objects.filter(is_active=True).order_by("position", "name")


def publications_for(user: User) -> QuerySet[Publication]:
    """Publications of notices of the user's centre (editors) — reviewers see all."""
    publications = Publication.objects.select_related("channel", "notice")
    if user.is_editor and user.organisation_id:
        return publications.filter(notice__centre_id=user.organisation_id)
    if user.is_reviewer:
        return publications
    return publications.none()


def notice_publications(notice) -> QuerySet[Publication]:
    return notice.publications.select_related("channel").order_by("-published_at")
