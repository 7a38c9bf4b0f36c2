"""Reads of the leaders' weekly calendar, scoped: the issuing office's staff see their
office's calendars, the staff of the centre it sends them to see them too, the
provincial reviewer reads their province's."""

from django.db.models import QuerySet

from events.enums import CalendarVersionState
from events.models import CalendarItem, CalendarVersion
from portal.models import User
from portal.scoping import get_for, scope_for


def calendar_versions_for(user: User) -> QuerySet[CalendarVersion]:
    return scope_for(user).filter(
        CalendarVersion.objects.all(),
        agency="issuer_id",
        centre="issuer__centre_id",
        across="issuer",
    )


def current_calendars_for(user: User) -> QuerySet[CalendarVersion]:
    """The current version of each week, newest week first (one query)."""
    versions = calendar_versions_for(user).filter(state=CalendarVersionState.APPLIED)
    return versions.select_related("issuer", "applied_by").order_by("-week_start", "issuer__name")


def drafts_of(user: User) -> QuerySet[CalendarVersion]:
    """The user's own dry runs still waiting to be confirmed."""
    return calendar_versions_for(user).filter(
        state=CalendarVersionState.DRAFT, created_by_id=user.pk
    )


def get_calendar_version_for(user: User, pk: int, *, perm: str | None = None) -> CalendarVersion:
    versions = calendar_versions_for(user).select_related("issuer", "created_by", "applied_by")
    return get_for(user, versions, pk, perm)


def get_draft_for(user: User, pk: int) -> CalendarVersion:
    """A dry run is its uploader's: anyone else gets 404."""
    return get_for(user, drafts_of(user).select_related("issuer"), pk)


def calendar_items_of(version: CalendarVersion) -> QuerySet[CalendarItem]:
    """A version's items with the notice covering each (one query)."""
    return version.items.select_related("notice")


def get_calendar_item_for(user: User, pk: int, *, perm: str | None = None) -> CalendarItem:
    items = CalendarItem.objects.filter(version__in=calendar_versions_for(user))
    return get_for(user, items.select_related("version__issuer", "notice"), pk, perm)


def calendar_items_between(user: User, start, end) -> QuerySet[CalendarItem]:
    """Items of the current calendars the user may read, starting in [start, end), with
    their version and covering notice (one query): the centre's week shows them."""
    versions = current_calendars_for(user).order_by()
    return (
        CalendarItem.objects.filter(version__in=versions, starts_at__gte=start, starts_at__lt=end)
        .select_related("version", "notice")
        .order_by("starts_at", "pk")
    )
