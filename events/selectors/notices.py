"""Every read of a notice goes through here, scoped to what the user may see."""

from django.db.models import F, QuerySet, Sum
from django.db.models.functions import Coalesce

from events.enums import NoticeStatus
from events.models import ComplianceMonth, Notice, NoticeAttachment, PressInvitation
from portal.history import readable_history
from portal.models import User
from portal.scoping import get_for, scope_for


def notices_for(user: User) -> QuerySet[Notice]:
    """Agency staff: their agency's notices. Centre staff: their centre's. Reviewer:
    their province's."""
    return scope_for(user).filter(
        Notice.objects.all(), agency="agency_id", centre="centre_id", across="centre"
    )


def year_figures_for(user: User, year: int) -> dict:
    """The home page's figures: the notices of the events of `year` the user may see,
    on time and late, counted as the compliance page counts them (by the event's start,
    cancelled ones left out) from its monthly rollup; and how many wait for the centre now.
    Two queries, whatever the size of the province."""
    months = scope_for(user).filter(
        ComplianceMonth.objects.filter(month__year=year),
        agency="agency_id",
        centre="centre_id",
        across="centre",
    )
    figures = months.aggregate(
        total=Coalesce(Sum("total"), 0),
        on_time=Coalesce(Sum("on_time"), 0),
        late=Coalesce(Sum(F("late") + F("after_fact")), 0),
    )
    figures["waiting"] = notices_for(user).filter(status=NoticeStatus.RECEIVED).count()
    return figures


def get_notice_for(user: User, pk: int, *, perm: str | None = None, done=None) -> Notice:
    """404 for anyone who may not see the notice; 403 when they may see but not do `perm`."""
    notices = notices_for(user).select_related(
        "agency", "centre", "locality", "created_by", "occurrence"
    )
    return get_for(user, notices, pk, perm, done=done)


def get_attachment_for(user: User, notice_pk: int, pk: int) -> NoticeAttachment:
    attachments = NoticeAttachment.objects.filter(notice__in=notices_for(user))
    return get_for(user, attachments, pk, notice_id=notice_pk)


def notice_list_for(user: User) -> QuerySet[Notice]:
    """The notice list, newest first; events.filters.NoticeFilter narrows it."""
    notices = notices_for(user).select_related("agency", "locality")
    return notices.order_by("-starts_at")


# Fields worth showing in a notice's history; bookkeeping columns are left out.
HISTORY_HIDDEN_FIELDS = {"judged_at", "lead_minutes", "late_by_minutes", "late_confirmed"}


def notice_history(notice: Notice, limit: int = 50) -> list[dict]:
    """Who changed what and when, newest first, with old → new values."""
    records = notice.history.select_related("history_user").order_by("-history_date", "-history_id")
    return readable_history(records[: limit + 1], Notice, hidden=HISTORY_HIDDEN_FIELDS, limit=limit)


def notice_changes(notice: Notice):
    """Moves, changes of place or kind and the cancellation, newest first (one query)."""
    return notice.changes.select_related("by")


def press_invitations_of(notice: Notice) -> QuerySet[PressInvitation]:
    """Who was invited to cover the event, when and by whom (one query)."""
    return notice.press_invitations.select_related("contact", "contact__press_agency", "invited_by")
