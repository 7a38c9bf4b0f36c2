"""Every change to a notice happens here, in one transaction with its notifications.

This module is the only code that sets `Notice.status` (an architecture test checks it):
a status moves only along NOTICE_TRANSITIONS, through `transition()`. After each change
the writer sends a domain signal (events/signals.py); newsroom listens to keep its
assignments, reminders and reporters in step. Nothing happens on a bare `save()`.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from events.enums import (
    AttachmentKind,
    NoticeAction,
    NoticeChangeKind,
    NoticeKind,
    NoticeStatus,
    ReceivedVia,
)
from events.leadtime import judge
from events.models import Notice, NoticeAttachment, NoticeChange
from events.services import compliance_months
from events.signals import CHANGE_SIGNALS, notice_status_changed
from portal.files import sniff
from portal.models import User
from portal.outbox import notify
from portal.selectors import agency_staff, centre_editors

# Fields an agency fills in; the rest is the centre's or the system's.
NOTICE_FIELDS = (
    "title",
    "description",
    "kind",
    "emergency_cause",
    "starts_at",
    "ends_at",
    "locality",
    "address",
    "contact_name",
    "contact_phone",
    "leaders_attending",
    "needs_reporter",
    "needs_camera",
    "needs_livestream",
    "needs_press_area",
    "public",
)


# action → (statuses it may start from, status it leads to)
NOTICE_TRANSITIONS = {
    NoticeAction.ACCEPT: ((NoticeStatus.RECEIVED,), NoticeStatus.ASSIGNED),
    NoticeAction.REOPEN: ((NoticeStatus.ASSIGNED,), NoticeStatus.RECEIVED),
    NoticeAction.DECLINE: ((NoticeStatus.RECEIVED,), NoticeStatus.DECLINED),
    NoticeAction.COVER: ((NoticeStatus.RECEIVED, NoticeStatus.ASSIGNED), NoticeStatus.COVERED),
    NoticeAction.PUBLISH: ((NoticeStatus.COVERED, NoticeStatus.PUBLISHED), NoticeStatus.PUBLISHED),
    NoticeAction.CANCEL: (
        (NoticeStatus.RECEIVED, NoticeStatus.ASSIGNED, NoticeStatus.DECLINED),
        NoticeStatus.CANCELLED,
    ),
}
# Fields whose change moves the event in time or space: people assigned must hear of it.
TIME_FIELDS = ("starts_at", "ends_at")
PLACE_FIELDS = ("address", "locality")


class NoticeTransitionError(ValidationError):
    pass


@dataclass(frozen=True)
class Upload:
    kind: AttachmentKind
    file: object  # an already verified UploadedFile


def _apply_judgement(notice: Notice) -> None:
    judgement = judge(notice.kind, notice.starts_at, notice.judged_at)
    notice.verdict = judgement.verdict
    notice.lead_minutes = judgement.lead_minutes
    notice.late_by_minutes = judgement.late_by_minutes


def check_attachment_count(notice: Notice, adding: int) -> None:
    """A notice holds at most NOTICE_ATTACHMENT_MAX_COUNT files, old and new together."""
    if not adding:
        return
    limit = settings.NOTICE_ATTACHMENT_MAX_COUNT
    have = notice.attachments.count() if notice.pk else 0
    if have + adding > limit:
        raise ValidationError(
            _(
                "A notice can have at most %(limit)s attachments; it has %(have)s and you "
                "added %(adding)s."
            )
            % {"limit": limit, "have": have, "adding": adding}
        )


def _store_uploads(notice: Notice, uploads) -> None:
    uploads = list(uploads)
    check_attachment_count(notice, len(uploads))
    for upload in uploads:
        file_type = sniff(upload.file)
        NoticeAttachment.objects.create(
            notice=notice,
            kind=upload.kind,
            file=upload.file,
            original_name=upload.file.name[:255],
            content_type=file_type.mimetype if file_type else "application/octet-stream",
            size=upload.file.size,
        )


def agency_staff_of(notice: Notice):
    return agency_staff(notice.agency_id)


def centre_editors_of(notice: Notice):
    return centre_editors(notice.centre_id)


def notice_url(notice: Notice) -> str:
    return reverse("events:detail", args=[notice.pk])


@transaction.atomic
def submit_notice(
    *,
    agency,
    by: User | None,
    data: dict,
    uploads=(),
    received_at=None,
    via: ReceivedVia = ReceivedVia.WEB,
    late_confirmed: bool = False,
    receipt: bool = True,
) -> Notice:
    """Record a notice (from the form, a phone call logged by centre staff, or an e-mail
    read by intake, which answers the sender itself: `receipt=False`).

    A late notice is always accepted; the agency gets a receipt with the verdict.
    """
    if agency.centre_id is None:
        raise ValidationError(_("This agency is not attached to a media centre."))
    received_at = received_at or timezone.now()
    notice = Notice(
        agency=agency,
        centre_id=agency.centre_id,
        created_by=by,
        received_at=received_at,
        judged_at=received_at,
        received_via=via,
        late_confirmed=late_confirmed,
        **{field: data[field] for field in NOTICE_FIELDS if field in data},
    )
    if notice.kind != NoticeKind.EMERGENCY:
        notice.emergency_cause = ""
    _apply_judgement(notice)
    notice._history_user = by
    notice._change_reason = {
        ReceivedVia.PHONE: _("Logged from a phone call"),
        ReceivedVia.EMAIL: _("Read from an e-mail"),
    }.get(via, _("Submitted"))
    notice.save()
    compliance_months.refresh_notice(notice)
    _store_uploads(notice, uploads)
    context = {"notice": notice}
    for member in agency_staff_of(notice) if receipt else ():
        notify(member, "notice_receipt", context, url=notice_url(notice))
    for editor in centre_editors_of(notice):
        notify(editor, "notice_new", context, url=notice_url(notice), email=False)
    return notice


def history_line(label: str, reason: str = "") -> str:
    """ "Label: reason" as a history row holds it (simple_history keeps 100 characters)."""
    return f"{label}: {reason}"[:100] if reason else str(label)[:100]


def lock(notice: Notice) -> Notice:
    return Notice.objects.select_for_update().get(pk=notice.pk)


def can_transition(notice: Notice, action: NoticeAction) -> bool:
    return notice.status in NOTICE_TRANSITIONS[action][0]


def transition(notice: Notice, action: NoticeAction, *, by: User | None, note: str = "") -> bool:
    """Move a (locked) notice along NOTICE_TRANSITIONS and say so. Returns False when it
    is already where the action leads (idempotent); refuses an illegal move."""
    sources, target = NOTICE_TRANSITIONS[action]
    if notice.status == target:
        return False
    if notice.status not in sources:
        raise NoticeTransitionError(
            _("A notice that is “%(status)s” cannot be changed that way.")
            % {"status": notice.get_status_display()}
        )
    old_status = notice.status
    notice.status = target
    notice._history_user = by
    label = str(NoticeAction(action).label)
    notice._change_reason = history_line(label, note)
    notice.save()
    if NoticeStatus.CANCELLED in (old_status, target):  # cancelled notices are not counted
        compliance_months.refresh_notice(notice)
    notice_status_changed.send(
        sender=Notice, notice=notice, action=action, old_status=old_status, by=by
    )
    return True


def _announce(notice: Notice, change: NoticeChange, by: User | None) -> None:
    """Tell the centre's editors (but not the one who made the change) and send the
    change's signal, on which newsroom tells the reporters assigned."""
    kind = "notice_cancelled" if change.kind == NoticeChangeKind.CANCELLED else "notice_changed"
    for editor in centre_editors_of(notice).exclude(pk=getattr(by, "pk", None)):
        notify(editor, kind, {"notice": notice, "change": change}, url=notice_url(notice))
    CHANGE_SIGNALS[change.kind].send(sender=Notice, notice=notice, change=change, by=by)


def _place(notice: Notice) -> str:
    return notice.address + (f", {notice.locality}" if notice.locality_id else "")


def needs_reason_to_change(notice: Notice) -> bool:
    """Reporters are already on it: moving or cancelling must say why."""
    return notice.status == NoticeStatus.ASSIGNED


@transaction.atomic
def update_notice(notice: Notice, *, by: User, data: dict, uploads=(), reason: str = "") -> Notice:
    """The agency edits its notice before it starts. A new start time is judged again,
    measured from the moment of the change. Moving it in time or space records the
    change (with the reason, required once reporters are assigned) and tells everyone
    working on it."""
    notice = lock(notice)
    if not notice.is_open:
        raise ValidationError(_("This notice can no longer be changed."))
    before = {field: getattr(notice, field) for field in (*TIME_FIELDS, *PLACE_FIELDS)}
    old_place = _place(notice)
    for field in NOTICE_FIELDS:
        if field in data:
            setattr(notice, field, data[field])
    if notice.kind != NoticeKind.EMERGENCY:
        notice.emergency_cause = ""
    moved = any(getattr(notice, f) != before[f] for f in TIME_FIELDS)
    relocated = any(getattr(notice, f) != before[f] for f in PLACE_FIELDS)
    reason = reason.strip()
    if (moved or relocated) and needs_reason_to_change(notice) and not reason:
        raise ValidationError(
            _("Reporters are already assigned to this event: say why it changes.")
        )
    if notice.starts_at != before["starts_at"]:
        notice.judged_at = timezone.now()
    _apply_judgement(notice)
    notice._history_user = by
    notice._change_reason = history_line(_("Rescheduled") if moved else _("Edited"), reason)
    notice.save()
    compliance_months.refresh_notice(notice, was_starts_at=before["starts_at"])
    _store_uploads(notice, uploads)
    changes = []
    if moved:
        changes.append(
            NoticeChange(
                kind=NoticeChangeKind.RESCHEDULED,
                old_starts_at=before["starts_at"],
                old_ends_at=before["ends_at"],
                new_starts_at=notice.starts_at,
                new_ends_at=notice.ends_at,
            )
        )
    if relocated:
        changes.append(
            NoticeChange(
                kind=NoticeChangeKind.RELOCATED, old_value=old_place, new_value=_place(notice)
            )
        )
    for change in changes:
        change.notice, change.reason, change.by = notice, reason, by
        change.save()
        _announce(notice, change, by)
    return notice


@transaction.atomic
def cancel_notice(notice: Notice, *, by: User, reason: str) -> Notice:
    notice = lock(notice)
    if notice.status == NoticeStatus.CANCELLED:
        return notice  # idempotent
    if not notice.is_open:
        raise ValidationError(_("This notice has already started and cannot be cancelled."))
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give a reason for cancelling."))
    notice.cancel_reason = reason
    transition(notice, NoticeAction.CANCEL, by=by, note=reason)
    change = NoticeChange.objects.create(
        notice=notice, kind=NoticeChangeKind.CANCELLED, reason=reason, by=by
    )
    _announce(notice, change, by)
    return notice


@transaction.atomic
def reclassify_notice(
    notice: Notice, *, by: User, kind: str, emergency_cause: str, reason: str
) -> Notice:
    """The director changes the kind; compliance is judged again from the same moment."""
    notice = lock(notice)
    if notice.status == NoticeStatus.CANCELLED:
        raise ValidationError(_("A cancelled notice cannot be reclassified."))
    old_kind, old_label = notice.kind, notice.get_kind_display()
    emergency_cause = emergency_cause if kind == NoticeKind.EMERGENCY else ""
    if (notice.kind, notice.emergency_cause) == (kind, emergency_cause):
        return notice  # nothing changes: no history, no messages
    notice.kind = kind
    notice.emergency_cause = emergency_cause
    _apply_judgement(notice)
    notice._history_user = by
    notice._change_reason = (
        _("Reclassified from %(old)s: %(reason)s") % {"old": old_label, "reason": reason}
    )[:100]
    notice.save()
    compliance_months.refresh_notice(notice)
    change = NoticeChange.objects.create(
        notice=notice,
        kind=NoticeChangeKind.RECLASSIFIED,
        old_value=old_kind,
        new_value=notice.kind,
        reason=reason,
        by=by,
    )
    for member in agency_staff_of(notice):
        notify(
            member,
            "notice_reclassified",
            {"notice": notice, "reason": reason},
            url=notice_url(notice),
        )
    _announce(notice, change, by)
    return notice


@transaction.atomic
def merge_notices(keep: Notice, duplicate: Notice, *, by: User) -> Notice:
    """Two notices of one event (the form and an e-mail, say): the duplicate's files move
    to the one kept and the duplicate is cancelled through the lifecycle, saying where it
    went. Merging a notice already cancelled into the same one again is a no-op."""
    if keep.pk == duplicate.pk:
        raise ValidationError(_("A notice cannot be merged into itself."))
    if keep.centre_id != duplicate.centre_id:
        raise ValidationError(_("Only notices of the same centre can be merged."))
    keep, duplicate = lock(keep), lock(duplicate)
    if duplicate.status == NoticeStatus.CANCELLED:
        return keep
    if not can_transition(duplicate, NoticeAction.CANCEL):
        raise NoticeTransitionError(
            _("A notice that is “%(status)s” cannot be merged into another.")
            % {"status": duplicate.get_status_display()}
        )
    moving = list(duplicate.attachments.all())
    check_attachment_count(keep, len(moving))
    duplicate.attachments.update(notice=keep)
    reason = _("Merged into notice #%(pk)s") % {"pk": keep.pk}
    duplicate.cancel_reason = reason
    transition(duplicate, NoticeAction.CANCEL, by=by, note=reason)
    change = NoticeChange.objects.create(
        notice=duplicate, kind=NoticeChangeKind.CANCELLED, reason=reason, by=by
    )
    _announce(duplicate, change, by)
    return keep
