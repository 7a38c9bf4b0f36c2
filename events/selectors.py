"""Every read of a notice goes through here, scoped to what the user may see."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from events.models import Notice, NoticeAttachment, PressInvitation
from portal.models import User


def notices_for(user: User) -> QuerySet[Notice]:
    """Agency staff: their agency's notices. Centre staff: their centre's. Reviewer: all."""
    notices = Notice.objects.all()
    if user.is_agency_staff and user.organisation_id:
        return notices.filter(agency_id=user.organisation_id)
    if user.is_centre_staff and user.organisation_id:
        return notices.filter(centre_id=user.organisation_id)
    if user.is_reviewer:
        return notices
    return notices.none()


def get_notice_for(user: User, pk: int, *, perm: str | None = None) -> Notice:
    """404 for anyone who may not see the notice; 403 when they may see but not do `perm`."""
    notice = get_object_or_404(
        notices_for(user).select_related("agency", "centre", "locality", "created_by"), pk=pk
    )
    if perm and not user.has_perm(perm, notice):
        raise PermissionDenied
    return notice


def get_attachment_for(user: User, notice_pk: int, pk: int) -> NoticeAttachment:
    return get_object_or_404(
        NoticeAttachment.objects.filter(notice__in=notices_for(user)), notice_id=notice_pk, pk=pk
    )


def notice_list_for(user: User, *, status: str = "", month=None) -> QuerySet[Notice]:
    notices = notices_for(user).select_related("agency", "locality")
    if status:
        notices = notices.filter(status=status)
    if month:
        notices = notices.filter(starts_at__year=month.year, starts_at__month=month.month)
    return notices.order_by("-starts_at")


# Fields worth showing in a notice's history; bookkeeping columns are left out.
HISTORY_HIDDEN_FIELDS = {"judged_at", "lead_minutes", "late_by_minutes", "late_confirmed"}


def notice_history(notice: Notice, limit: int = 50) -> list[dict]:
    """Who changed what and when, newest first, with old → new values."""
    records = list(
        notice.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    entries = []
    for newer, older in zip(records, [*records[1:], None], strict=False):
        changes = []
        if older is not None:
            for change in newer.diff_against(older).changes:
                if change.field in HISTORY_HIDDEN_FIELDS:
                    continue
                field = Notice._meta.get_field(change.field)
                changes.append(
                    {
                        "field": field.verbose_name,
                        "old": _display(field, change.old),
                        "new": _display(field, change.new),
                    }
                )
        entries.append(
            {
                "when": newer.history_date,
                "who": newer.history_user.display_name if newer.history_user else "",
                "reason": newer.history_change_reason or newer.get_history_type_display(),
                "changes": changes,
            }
        )
    return entries[:limit]


def _display(field, value):
    if field.choices and value is not None:
        return dict(field.flatchoices).get(value, value)
    return value


def press_invitations_of(notice: Notice) -> QuerySet[PressInvitation]:
    """Who was invited to cover the event, when and by whom (one query)."""
    return notice.press_invitations.select_related("contact", "contact__press_agency", "invited_by")
