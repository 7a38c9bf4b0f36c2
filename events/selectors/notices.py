"""Every read of a notice goes through here, scoped to what the user may see."""

from django.db.models import QuerySet

from events.models import Notice, NoticeAttachment, PressInvitation
from portal.history import readable_history
from portal.models import User
from portal.scoping import get_for, scope_for


def notices_for(user: User) -> QuerySet[Notice]:
    """Agency staff: their agency's notices. Centre staff: their centre's. Reviewer:
    their province's."""
    return scope_for(user).filter(
        Notice.objects.all(), agency="agency_id", centre="centre_id", across="centre"
    )


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
