"""The director's decisions on incoming notices (accepting is assigning: see assignments)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from events.enums import NoticeAction, NoticeStatus
from events.models import Notice
from events.services.notices import agency_staff_of, can_transition, lock, transition
from newsroom.models import NoticeDecision
from portal.models import User
from portal.outbox import notify


@transaction.atomic
def decline_notice(notice: Notice, *, by: User, reason: str, note: str = "") -> NoticeDecision:
    """Refuse to cover a notice; the agency is told why. Declining twice is a no-op."""
    notice = lock(notice)
    if notice.status == NoticeStatus.DECLINED:
        return notice.decision
    if not can_transition(notice, NoticeAction.DECLINE):
        raise ValidationError(
            _("Only a notice nobody is assigned to yet can be declined. Unassign first.")
        )
    decision = NoticeDecision(notice=notice, reason=reason, note=note.strip(), decided_by=by)
    decision._history_user = by
    decision.save()
    transition(notice, NoticeAction.DECLINE, by=by, note=decision.get_reason_display())
    for member in agency_staff_of(notice):
        notify(
            member,
            "notice_declined",
            {"notice": notice, "decision": decision},
            url=reverse("events:detail", args=[notice.pk]),
        )
    return decision
