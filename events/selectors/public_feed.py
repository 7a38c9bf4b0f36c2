"""The public events feed: accepted notices their agency marked public. Public on
purpose (no user, no scope): only the fields listed in PUBLIC_FIELDS are read.

An event the feed showed and that was then cancelled stays in it, marked cancelled
(STATUS:CANCELLED in the ICS), for CANCELLED_DAYS after the cancellation, so calendar
apps that subscribed remove it instead of keeping a stale copy; one the centre never
accepted was never shown and is not shown cancelled either."""

from datetime import timedelta

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from events.enums import NoticeStatus
from events.models import Notice

ACCEPTED = (NoticeStatus.ASSIGNED, NoticeStatus.COVERED, NoticeStatus.PUBLISHED)
# What the public may read; contact person and phone, notes and needs never leave.
PUBLIC_FIELDS = (
    "id",
    "title",
    "starts_at",
    "ends_at",
    "address",
    "created_at",
    "updated_at",
    "status",
    "agency__name",
    "agency__short_name",
    "locality__name",
    "locality__short_name",
)
PAST_DAYS = 30
CANCELLED_DAYS = 30  # how long a cancelled event stays in the feed, marked cancelled
MAX_EVENTS = 200


def public_notices() -> QuerySet[Notice]:
    """Every notice marked public, whatever its state (the feed's stamp needs them all)."""
    since = timezone.now() - timedelta(days=PAST_DAYS)
    return Notice.objects.filter(public=True, ends_at__gte=since)


def _was_accepted():
    """The notice was in the feed once: one of its history rows has an accepted state."""
    return Exists(Notice.history.model.objects.filter(id=OuterRef("pk"), status__in=ACCEPTED))


def public_events(notices: QuerySet[Notice]) -> QuerySet[Notice]:
    """The accepted ones and, for CANCELLED_DAYS, those cancelled after the centre had
    accepted them; soonest first, with only the public fields (one query)."""
    since = timezone.now() - timedelta(days=CANCELLED_DAYS)
    cancelled = Q(status=NoticeStatus.CANCELLED, updated_at__gte=since) & _was_accepted()
    shown = notices.filter(Q(status__in=ACCEPTED) | cancelled).select_related("agency", "locality")
    return shown.only(*PUBLIC_FIELDS).order_by("starts_at", "pk")[:MAX_EVENTS]


def feed_stamp(notices: QuerySet[Notice]) -> tuple[str, object]:
    """(ETag, Last-Modified) of the feed in one query. A cancellation or a move touches
    the notice's updated_at, so pollers see it even when the event leaves the feed."""
    stamp = notices.aggregate(
        last=Max("updated_at"),
        count=Count("pk", filter=Q(status__in=ACCEPTED)),
        total=Count("pk"),
    )
    last = stamp["last"]
    etag = f"{stamp['count']}-{stamp['total']}-{last.timestamp() if last else 0}"
    return etag, last
