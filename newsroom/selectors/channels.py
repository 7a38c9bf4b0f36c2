"""Reads of a centre's channels: the director's list, and the choices offered when a
publication or a plan item is recorded (the centre's active channels only)."""

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from newsroom.models import Channel, PlanItem, Publication
from portal.models import User
from portal.scoping import get_for, scope_for


def channels_of_centre(centre_id: int | None) -> QuerySet[Channel]:
    """What can be chosen for a new publication or plan item of the centre."""
    return Channel.objects.filter(centre_id=centre_id, is_active=True).order_by(
        "position", "name", "pk"
    )


def _count(model, **filters):
    rows = (
        model.objects.filter(channel=OuterRef("pk"), **filters)
        .order_by()
        .values("channel")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def channels_for(user: User) -> QuerySet[Channel]:
    """The director's centre's channels, active first, each with how often it is used
    (one query whatever the number of channels)."""
    return (
        scope_for(user)
        .filter(Channel.objects.all(), editor="centre_id")
        .annotate(publication_count=_count(Publication), plan_count=_count(PlanItem))
        .order_by("-is_active", "position", "name", "pk")
    )


def get_channel_for(user: User, pk: int, *, perm: str | None = None) -> Channel:
    return get_for(user, channels_for(user), pk, perm)


def filter_channels_for(user: User) -> QuerySet[Channel]:
    """Channels to filter publications by: the centre's own, retired ones included (old
    publications keep them); the reviewer's across the centres of their province."""
    return (
        scope_for(user)
        .filter(Channel.objects.all(), centre="centre_id", across="centre")
        .select_related("centre")
        .order_by("centre__name", "position", "name", "pk")
    )
