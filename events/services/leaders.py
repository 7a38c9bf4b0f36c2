"""The leaders' weekly calendar: import as a dry run, compare with the week's current
version, apply, and cover items.

Every notice made from the calendar goes through `events.services.notices.submit_notice`;
a change of a covered item goes through `update_notice` / `cancel_notice`, so the
lifecycle tells the reporters assigned.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from events.enums import (
    CalendarVersionState,
    NoticeAction,
    NoticeKind,
    NoticeStatus,
    ReceivedVia,
)
from events.leaders_import import CalendarFileError, fold, parse_calendar
from events.models import CalendarItem, CalendarVersion, Notice
from events.services.notices import can_transition, cancel_notice, submit_notice, update_notice
from portal.models import User

DRAFT_LIFETIME = timedelta(hours=24)
DEFAULT_DURATION = timedelta(hours=2)
# The reason a covered notice moves or is cancelled when a new version is applied.
CHANGE_REASON = "Lịch công tác của lãnh đạo thay đổi"
COMPARED_FIELDS = ("starts_at", "ends_at", "content", "place", "leaders", "preparing_unit")


def purge_expired_drafts(now: datetime | None = None) -> int:
    """Dry runs nobody confirmed are deleted once they expire."""
    drafts = CalendarVersion.objects.filter(
        state=CalendarVersionState.DRAFT, expires_at__lt=now or timezone.now()
    )
    return drafts.delete()[0]


def _aware(day: date, clock) -> datetime:
    return timezone.make_aware(datetime.combine(day, clock))


@transaction.atomic
def prepare_import(
    *, issuer, by: User, week_start: date, data: bytes, file_name: str
) -> CalendarVersion:
    """Parse the file into a dry run owned by `by`: nothing reaches the week's calendar
    until it is confirmed. A file that cannot be used raises ValidationError and leaves
    nothing behind."""
    if not issuer.issues_leaders_calendar:
        raise ValidationError(_("This organisation does not issue a leaders' calendar."))
    if week_start.weekday() != 0:
        raise ValidationError(_("A week starts on a Monday."))
    try:
        parsed = parse_calendar(data, week_start)
    except CalendarFileError as error:
        raise ValidationError(str(error)) from error
    purge_expired_drafts()
    now = timezone.now()
    version = CalendarVersion.objects.create(
        issuer=issuer,
        week_start=week_start,
        received_at=now,
        file_name=file_name[:255],
        problems=[{"row": p.row, "reason": p.reason, "text": p.text} for p in parsed.problems],
        created_by=by,
        expires_at=now + DRAFT_LIFETIME,
    )
    CalendarItem.objects.bulk_create(
        CalendarItem(
            version=version,
            starts_at=_aware(item.date, item.start),
            ends_at=_aware(item.date, item.end) if item.end and item.end > item.start else None,
            time_given=item.time_given,
            content=item.content,
            leaders=item.leaders,
            place=item.place,
            preparing_unit=item.preparing_unit,
            row=item.row,
        )
        for item in parsed.items
    )
    return version


@dataclass
class Comparison:
    added: list = field(default_factory=list)
    changed: list = field(default_factory=list)  # (old item, new item, [field names])
    removed: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)  # (old item, new item)

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def current_version(issuer_id: int, week_start: date) -> CalendarVersion | None:
    return CalendarVersion.objects.filter(
        issuer_id=issuer_id, week_start=week_start, state=CalendarVersionState.APPLIED
    ).first()


def _key(item: CalendarItem) -> str:
    return " ".join(fold(item.content).split())


def compare(old_items, new_items) -> Comparison:
    """Match the items of two versions of a week: first by content (so a meeting moved
    to another hour or day is a change), then what is left by start time (so a meeting
    whose wording changed is a change too); the rest is added or removed."""
    result = Comparison()
    old_left, new_left = list(old_items), list(new_items)
    pairs = []
    old_by_key: dict[str, list] = {}
    for item in old_left:
        old_by_key.setdefault(_key(item), []).append(item)
    for item in list(new_left):
        candidates = old_by_key.get(_key(item))
        if candidates:
            old = candidates.pop(0)
            pairs.append((old, item))
            old_left.remove(old)
            new_left.remove(item)
    for item in list(new_left):
        old = next((o for o in old_left if o.starts_at == item.starts_at), None)
        if old is not None:
            pairs.append((old, item))
            old_left.remove(old)
            new_left.remove(item)
    for old, new in pairs:
        fields = [name for name in COMPARED_FIELDS if getattr(old, name) != getattr(new, name)]
        (result.changed if fields else result.unchanged).append(
            (old, new, fields) if fields else (old, new)
        )
    result.added = new_left
    result.removed = old_left
    result.changed.sort(key=lambda change: change[1].starts_at)
    return result


def compare_with_current(draft: CalendarVersion) -> Comparison:
    current = current_version(draft.issuer_id, draft.week_start)
    old_items = list(current.items.select_related("notice")) if current else []
    return compare(old_items, list(draft.items.all()))


def _notice_data(item: CalendarItem) -> dict:
    return {
        "starts_at": item.starts_at,
        "ends_at": item.ends_at or item.starts_at + DEFAULT_DURATION,
        "address": item.place or "",
        "leaders_attending": item.leaders,
    }


def _follows(notice: Notice | None) -> bool:
    """A covered item's notice still to be kept in step (not cancelled, not started)."""
    return notice is not None and notice.status != NoticeStatus.CANCELLED and notice.is_open


@dataclass
class ApplyResult:
    version: CalendarVersion
    moved: list = field(default_factory=list)  # notices moved or re-placed
    cancelled: list = field(default_factory=list)
    left_alone: list = field(default_factory=list)  # covered but already started or closed


@transaction.atomic
def apply_version(draft: CalendarVersion, *, by: User) -> ApplyResult:
    """Confirm a dry run: it becomes the week's current version. Coverage follows the
    matching items; covered items that changed or disappeared move or cancel their
    notices through the lifecycle, with the reason, so assigned reporters are told."""
    draft = CalendarVersion.objects.select_for_update().get(pk=draft.pk)
    if draft.state != CalendarVersionState.DRAFT:
        raise ValidationError(_("This dry run has already been applied."))
    if draft.created_by_id != by.pk:
        raise ValidationError(_("Only the person who uploaded this dry run can apply it."))
    if draft.expires_at and draft.expires_at < timezone.now():
        raise ValidationError(_("This dry run has expired: upload the file again."))
    comparison = compare_with_current(draft)
    current = current_version(draft.issuer_id, draft.week_start)
    result = ApplyResult(version=draft)
    if current is not None:
        current.state = CalendarVersionState.SUPERSEDED
        current.save(update_fields=["state"])
    for old, new, *_fields in [*comparison.changed, *comparison.unchanged]:
        if old.notice_id is None:
            continue
        new.notice = old.notice
        new.save(update_fields=["notice"])
        if _fields and _follows(old.notice):
            update_notice(old.notice, by=by, data=_notice_data(new), reason=CHANGE_REASON)
            result.moved.append(old.notice)
        elif _fields:
            result.left_alone.append(old.notice)
    for old in comparison.removed:
        if _follows(old.notice) and can_transition(old.notice, NoticeAction.CANCEL):
            cancel_notice(old.notice, by=by, reason=CHANGE_REASON)
            result.cancelled.append(old.notice)
        elif old.notice_id:
            result.left_alone.append(old.notice)
    last = CalendarVersion.objects.filter(
        issuer_id=draft.issuer_id, week_start=draft.week_start
    ).aggregate(last=Max("number"))["last"]
    draft.number = (last or 0) + 1
    draft.state = CalendarVersionState.APPLIED
    draft.applied_at = timezone.now()
    draft.applied_by = by
    draft.expires_at = None
    draft.save()
    return result


@transaction.atomic
def discard_draft(draft: CalendarVersion, *, by: User) -> None:
    if draft.state == CalendarVersionState.DRAFT and draft.created_by_id == by.pk:
        draft.delete()


@transaction.atomic
def cover_item(item: CalendarItem, *, by: User) -> Notice:
    """The centre covers an item: a notice from the issuing office, received when this
    version of the calendar was received and judged by the same lead-time rule.
    Covering an item already covered returns its notice (idempotent)."""
    item = (
        CalendarItem.objects.select_for_update().select_related("version__issuer").get(pk=item.pk)
    )
    if item.notice_id is not None:
        return item.notice
    if item.version.state != CalendarVersionState.APPLIED:
        raise ValidationError(_("Only items of the week's current calendar can be covered."))
    issuer = item.version.issuer
    notice = submit_notice(
        agency=issuer,
        by=by,
        data={
            "title": item.content[:255],
            "description": item.content,
            "kind": NoticeKind.PLANNED,
            "contact_name": item.preparing_unit or str(issuer),
            "contact_phone": issuer.phone,
            **_notice_data(item),
        },
        received_at=item.version.received_at,
        via=ReceivedVia.LEADERS_CALENDAR,
    )
    item.notice = notice
    item.save(update_fields=["notice"])
    return notice
