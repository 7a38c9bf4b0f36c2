"""Every change to a notice happens here, in one transaction with its notifications."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from events.enums import AttachmentKind, NoticeKind, NoticeStatus, ReceivedVia
from events.leadtime import judge
from events.models import Notice, NoticeAttachment
from portal.enums import Role
from portal.files import sniff
from portal.models import User
from portal.outbox import notify

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
)


@dataclass(frozen=True)
class Upload:
    kind: AttachmentKind
    file: object  # an already verified UploadedFile


def _apply_judgement(notice: Notice) -> None:
    judgement = judge(notice.kind, notice.starts_at, notice.judged_at)
    notice.verdict = judgement.verdict
    notice.lead_minutes = judgement.lead_minutes
    notice.late_by_minutes = judgement.late_by_minutes


def _store_uploads(notice: Notice, uploads) -> None:
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
    return User.objects.filter(
        organisation_id=notice.agency_id, role=Role.AGENCY_STAFF, is_active=True
    )


def centre_editors_of(notice: Notice):
    return User.objects.filter(organisation_id=notice.centre_id, role=Role.EDITOR, is_active=True)


def notice_url(notice: Notice) -> str:
    return reverse("events:detail", args=[notice.pk])


@transaction.atomic
def submit_notice(
    *,
    agency,
    by: User,
    data: dict,
    uploads=(),
    received_at=None,
    via: ReceivedVia = ReceivedVia.WEB,
    late_confirmed: bool = False,
) -> Notice:
    """Record a notice (from the form, or a phone call logged by centre staff).

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
    notice._change_reason = (
        _("Logged from a phone call") if via == ReceivedVia.PHONE else _("Submitted")
    )
    notice.save()
    _store_uploads(notice, uploads)
    context = {"notice": notice}
    for member in agency_staff_of(notice):
        notify(member, "notice_receipt", context, url=notice_url(notice))
    for editor in centre_editors_of(notice):
        notify(editor, "notice_new", context, url=notice_url(notice), email=False)
    return notice


@transaction.atomic
def update_notice(notice: Notice, *, by: User, data: dict, uploads=()) -> Notice:
    """The agency edits its notice before it starts. A new start time is judged again,
    measured from the moment of the change."""
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if not notice.is_open:
        raise ValidationError(_("This notice can no longer be changed."))
    old_start = notice.starts_at
    for field in NOTICE_FIELDS:
        if field in data:
            setattr(notice, field, data[field])
    if notice.kind != NoticeKind.EMERGENCY:
        notice.emergency_cause = ""
    rescheduled = notice.starts_at != old_start
    if rescheduled:
        notice.judged_at = timezone.now()
    _apply_judgement(notice)
    notice._history_user = by
    notice._change_reason = _("Rescheduled") if rescheduled else _("Edited")
    notice.save()
    _store_uploads(notice, uploads)
    if rescheduled:
        for editor in centre_editors_of(notice):
            notify(
                editor,
                "notice_changed",
                {"notice": notice, "old_start": old_start},
                url=notice_url(notice),
                email=False,
            )
    return notice


@transaction.atomic
def cancel_notice(notice: Notice, *, by: User, reason: str) -> Notice:
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if notice.status == NoticeStatus.CANCELLED:
        return notice  # idempotent
    if not notice.is_open:
        raise ValidationError(_("This notice has already started and cannot be cancelled."))
    notice.status = NoticeStatus.CANCELLED
    notice.cancel_reason = reason
    notice._history_user = by
    notice._change_reason = _("Cancelled: %(reason)s") % {"reason": reason}
    notice.save()
    for editor in centre_editors_of(notice):
        notify(editor, "notice_cancelled", {"notice": notice}, url=notice_url(notice))
    return notice


@transaction.atomic
def reclassify_notice(
    notice: Notice, *, by: User, kind: str, emergency_cause: str, reason: str
) -> Notice:
    """The director changes the kind; compliance is judged again from the same moment."""
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    old_kind = notice.get_kind_display()
    notice.kind = kind
    notice.emergency_cause = emergency_cause if kind == NoticeKind.EMERGENCY else ""
    _apply_judgement(notice)
    notice._history_user = by
    notice._change_reason = _("Reclassified from %(old)s: %(reason)s") % {
        "old": old_kind,
        "reason": reason,
    }
    notice.save()
    for member in agency_staff_of(notice):
        notify(
            member,
            "notice_reclassified",
            {"notice": notice, "reason": reason},
            url=notice_url(notice),
        )
    return notice
