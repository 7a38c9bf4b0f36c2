"""Reads of recurring notices, scoped like the notices themselves."""

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from events.enums import NoticeStatus
from events.models import Notice, NoticeSeries, SeriesOccurrence
from portal.models import User
from portal.scoping import get_for, scope_for


def series_for(user: User) -> QuerySet[NoticeSeries]:
    """Agency staff: their agency's series. Centre staff: their centre's. Reviewer:
    their province's."""
    return scope_for(user).filter(
        NoticeSeries.objects.all(), agency="agency_id", centre="centre_id", across="centre"
    )


def get_series_for(user: User, pk: int) -> NoticeSeries:
    return get_for(user, series_for(user).select_related("agency", "created_by"), pk)


def series_occurrences(series: NoticeSeries) -> QuerySet[SeriesOccurrence]:
    """Every occurrence made so far, with its notice (one query)."""
    return series.occurrences.select_related("notice").order_by("date")


def upcoming_occurrences(series: NoticeSeries, *, now=None) -> list[SeriesOccurrence]:
    """The occurrences still to come and not cancelled: where a change may start."""
    now = now or timezone.now()
    return list(
        series.occurrences.filter(notice__starts_at__gt=now)
        .exclude(notice__status=NoticeStatus.CANCELLED)
        .select_related("notice")
        .order_by("date")
    )


def with_series(notices: QuerySet[Notice], *, once: bool, now=None) -> QuerySet[Notice]:
    """Notices with their occurrence (if any) loaded; with `once`, each series is shown
    once: its next occurrence still on (or, once all are past or cancelled, its last
    one). Notices outside a series stay as they are. Each row has `series_of` (its
    series' id, or None), which a template reads without the exception (and its cost)
    of a missing `notice.occurrence`."""
    notices = notices.annotate(series_of=F("occurrence__series_id"))
    if not once:
        return notices.select_related("occurrence")
    now = now or timezone.now()
    same_series = SeriesOccurrence.objects.filter(series_id=OuterRef("occurrence__series_id"))
    upcoming = (
        same_series.filter(notice__starts_at__gte=now)
        .exclude(notice__status=NoticeStatus.CANCELLED)
        .order_by("date")
        .values("notice_id")[:1]
    )
    last = same_series.order_by("-date").values("notice_id")[:1]
    shown = Coalesce(Subquery(upcoming), Subquery(last))
    return (
        notices.annotate(series_row=shown)
        .filter(Q(occurrence__isnull=True) | Q(pk=F("series_row")))
        .select_related("occurrence")
    )


def attach_following(rows, *, now=None) -> list:
    """On each row of a page that stands for its series (see `with_series`), set
    `series_following`: the series' other occurrences still to come and not cancelled,
    soonest first, for the row to expand. One query for the whole page."""
    rows = list(rows)
    series_ids = {row.occurrence.series_id for row in rows if _occurrence(row)}
    by_series: dict[int, list[SeriesOccurrence]] = {}
    if series_ids:
        now = now or timezone.now()
        found = (
            SeriesOccurrence.objects.filter(series_id__in=series_ids, notice__starts_at__gte=now)
            .exclude(notice__status=NoticeStatus.CANCELLED)
            .select_related("notice")
            .order_by("series_id", "date")
        )
        for occurrence in found:
            by_series.setdefault(occurrence.series_id, []).append(occurrence)
    for row in rows:
        occurrence = _occurrence(row)
        row.series_following = (
            [o for o in by_series.get(occurrence.series_id, []) if o.notice_id != row.pk]
            if occurrence
            else []
        )
    return rows


def _occurrence(notice: Notice):
    try:
        return notice.occurrence
    except SeriesOccurrence.DoesNotExist:
        return None


def occurrence_of(notice: Notice) -> SeriesOccurrence:
    """The occurrence a notice is; 404 for a notice outside any series."""
    occurrence = SeriesOccurrence.objects.filter(notice=notice).select_related("series").first()
    if occurrence is None:
        raise Http404("This notice does not repeat.")
    return occurrence
