"""Every change to an assignment: one transaction, its notifications and its signal.

Double booking is refused twice over: a check here (the whole rule on SQLite, whose
writers are serialised by BEGIN IMMEDIATE) and, on PostgreSQL, an exclusion constraint
that settles two directors clicking at the same moment (newsroom/db.py).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from events.enums import NoticeStatus
from events.models import Notice
from events.services import agency_staff_of
from newsroom.enums import BUSY_STATUSES, AssignmentRole, AssignmentStatus
from newsroom.models import Assignment
from newsroom.selectors.assignments import overlapping, window_for
from newsroom.signals import assignment_changed
from portal.models import User
from portal.outbox import notify

CLOSED_NOTICE_STATUSES = (NoticeStatus.CANCELLED, NoticeStatus.DECLINED)


def my_assignments_url() -> str:
    return reverse("newsroom:my_assignments")


def triage_url(notice) -> str:
    return reverse("newsroom:notice", args=[notice.pk])


def _short(moment) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def conflict_message(reporter: User, other: Assignment) -> str:
    return _(
        "%(reporter)s is already assigned to “%(notice)s” (%(start)s – %(end)s, travel time "
        "included) at that time. Choose another reporter or give a reason to override."
    ) % {
        "reporter": reporter.display_name,
        "notice": other.notice.title,
        "start": _short(other.window_start),
        "end": _short(other.window_end),
    }


def _emit(assignment: Assignment, action: str) -> None:
    assignment_changed.send(sender=Assignment, assignment=assignment, action=action)


def _set_notice_status(notice: Notice, status: str, by: User, reason: str) -> None:
    notice.status = status
    notice._history_user = by
    notice._change_reason = reason
    notice.save()


def _check_reporter(notice: Notice, reporter: User) -> None:
    if notice.status in CLOSED_NOTICE_STATUSES:
        raise ValidationError(_("This notice is cancelled or declined; nobody can be assigned."))
    if not (reporter.is_centre_staff and reporter.organisation_id == notice.centre_id):
        raise ValidationError(_("Only staff of the notice's centre can be assigned."))
    if not reporter.is_active:
        raise ValidationError(_("This account is disabled."))


def _insert(assignment: Assignment) -> Assignment:
    """Save a new busy assignment or refuse it with the conflicting one named."""
    reporter = assignment.reporter
    if not assignment.override_reason:
        clash = overlapping(reporter.pk, assignment.window_start, assignment.window_end).first()
        if clash:
            raise ValidationError(conflict_message(reporter, clash))
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError:
        # PostgreSQL's exclusion constraint: another transaction got there first.
        clash = overlapping(reporter.pk, assignment.window_start, assignment.window_end).first()
        if clash is None:
            raise
        raise ValidationError(conflict_message(reporter, clash)) from None
    return assignment


@transaction.atomic
def assign_reporter(
    notice: Notice,
    reporter: User,
    *,
    by: User,
    role: str = AssignmentRole.WRITER,
    note: str = "",
    override_reason: str = "",
) -> Assignment:
    """Send a reporter to a notice. The first assignment accepts the notice (the agency
    is told); the reporter is told every time. Assigning the same reporter twice to the
    same notice returns the existing assignment."""
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    _check_reporter(notice, reporter)
    existing = notice.assignments.filter(reporter=reporter, status__in=BUSY_STATUSES).first()
    if existing:
        return existing
    start, end = window_for(notice)
    assignment = _insert(
        Assignment(
            notice=notice,
            reporter=reporter,
            role=role,
            note=note.strip(),
            override_reason=override_reason.strip(),
            window_start=start,
            window_end=end,
            assigned_by=by,
        )
    )
    if notice.status == NoticeStatus.RECEIVED:
        _set_notice_status(notice, NoticeStatus.ASSIGNED, by, _("Accepted: reporter assigned"))
        for member in agency_staff_of(notice):
            notify(
                member,
                "notice_accepted",
                {"notice": notice},
                url=reverse("events:detail", args=[notice.pk]),
            )
    notify(
        reporter,
        "assignment_new",
        {"assignment": assignment, "notice": notice},
        url=my_assignments_url(),
    )
    _emit(assignment, "assigned")
    return assignment


def _lock(assignment: Assignment) -> Assignment:
    return (
        Assignment.objects.select_for_update()
        .select_related("notice", "reporter")
        .get(pk=assignment.pk)
    )


def _close(assignment: Assignment, by: User | None, reason: str) -> None:
    assignment.status = AssignmentStatus.CANCELLED
    assignment.cancelled_at = timezone.now()
    assignment._history_user = by
    assignment._change_reason = reason
    assignment.save()


def _reopen_notice_if_empty(notice: Notice, by: User) -> None:
    if (
        notice.status == NoticeStatus.ASSIGNED
        and not notice.assignments.filter(status__in=BUSY_STATUSES).exists()
    ):
        _set_notice_status(notice, NoticeStatus.RECEIVED, by, _("No reporter left on it"))


@transaction.atomic
def reassign(
    assignment: Assignment, reporter: User, *, by: User, override_reason: str = ""
) -> Assignment:
    """Hand an open assignment to another reporter (same role and note); both are told."""
    old = _lock(assignment)
    if not old.is_open:
        raise ValidationError(_("Only an assignment not yet covered can be handed over."))
    if old.reporter_id == reporter.pk:
        return old
    notice = Notice.objects.select_for_update().get(pk=old.notice_id)
    _check_reporter(notice, reporter)
    _close(old, by, _("Handed over to %(name)s") % {"name": reporter.display_name})
    start, end = window_for(notice)
    new = _insert(
        Assignment(
            notice=notice,
            reporter=reporter,
            role=old.role,
            note=old.note,
            override_reason=override_reason.strip(),
            window_start=start,
            window_end=end,
            assigned_by=by,
        )
    )
    notify(
        old.reporter,
        "assignment_removed",
        {"assignment": old, "notice": notice},
        url=my_assignments_url(),
    )
    notify(
        reporter, "assignment_new", {"assignment": new, "notice": notice}, url=my_assignments_url()
    )
    _emit(old, "unassigned")
    _emit(new, "reassigned")
    return new


@transaction.atomic
def unassign(assignment: Assignment, *, by: User) -> Assignment:
    """Take a reporter off a notice (idempotent). With nobody left, the notice waits again."""
    assignment = _lock(assignment)
    if assignment.status == AssignmentStatus.CANCELLED:
        return assignment
    if assignment.status == AssignmentStatus.COVERED:
        raise ValidationError(_("This assignment is already covered."))
    _close(assignment, by, _("Unassigned"))
    notice = Notice.objects.select_for_update().get(pk=assignment.notice_id)
    _reopen_notice_if_empty(notice, by)
    notify(
        assignment.reporter,
        "assignment_removed",
        {"assignment": assignment, "notice": notice},
        url=my_assignments_url(),
    )
    _emit(assignment, "unassigned")
    return assignment


@transaction.atomic
def cancel(assignment: Assignment, *, by: User | None = None) -> Assignment:
    """The notice was cancelled by its agency: the reporter is told (idempotent)."""
    assignment = _lock(assignment)
    if not assignment.is_open:
        return assignment
    _close(assignment, by, _("The agency cancelled the event"))
    notify(
        assignment.reporter,
        "assignment_cancelled",
        {"assignment": assignment, "notice": assignment.notice},
        url=my_assignments_url(),
    )
    _emit(assignment, "cancelled")
    return assignment


@transaction.atomic
def confirm(assignment: Assignment, *, by: User) -> Assignment:
    assignment = _lock(assignment)
    if assignment.status != AssignmentStatus.ACTIVE:
        if assignment.status in (AssignmentStatus.CONFIRMED, AssignmentStatus.COVERED):
            return assignment  # idempotent
        raise ValidationError(_("This assignment was cancelled."))
    assignment.status = AssignmentStatus.CONFIRMED
    assignment.confirmed_at = timezone.now()
    assignment._history_user = by
    assignment._change_reason = _("Confirmed by the reporter")
    assignment.save()
    _emit(assignment, "confirmed")
    return assignment


@transaction.atomic
def mark_covered(assignment: Assignment, *, by: User, note: str = "", link: str = "") -> Assignment:
    """The reporter was there. The notice counts as covered."""
    assignment = _lock(assignment)
    if assignment.status == AssignmentStatus.CANCELLED:
        raise ValidationError(_("This assignment was cancelled."))
    if assignment.status == AssignmentStatus.COVERED:
        return assignment
    assignment.status = AssignmentStatus.COVERED
    assignment.covered_at = timezone.now()
    if note.strip():
        assignment.reporter_note = note.strip()
    if link:
        assignment.material_link = link
    assignment._history_user = by
    assignment._change_reason = _("Covered")
    assignment.save()
    notice = Notice.objects.select_for_update().get(pk=assignment.notice_id)
    if notice.status in (NoticeStatus.RECEIVED, NoticeStatus.ASSIGNED):
        _set_notice_status(
            notice, NoticeStatus.COVERED, by, _("Covered by %(name)s") % {"name": by.display_name}
        )
    return assignment


@transaction.atomic
def add_note(assignment: Assignment, *, by: User, note: str, link: str = "") -> Assignment:
    assignment = _lock(assignment)
    if assignment.status == AssignmentStatus.CANCELLED:
        raise ValidationError(_("This assignment was cancelled."))
    assignment.reporter_note = note.strip()
    if link:
        assignment.material_link = link
    assignment._history_user = by
    assignment._change_reason = _("Note added")
    assignment.save()
    return assignment


def follow_notice(notice: Notice) -> None:
    """Keep open assignments in step with their notice (hooked to the notice's save).

    Cancelled by the agency: each assignment is cancelled and its reporter told.
    Moved: windows follow; a move that creates a double booking is kept but marked with an
    automatic override reason, so it shows among the director's conflicts instead of
    failing the agency's edit.
    """
    open_ones = list(
        Assignment.objects.filter(
            notice_id=notice.pk,
            status__in=(AssignmentStatus.ACTIVE, AssignmentStatus.CONFIRMED),
        )
    )
    if not open_ones:
        return
    if notice.status == NoticeStatus.CANCELLED:
        for assignment in open_ones:
            cancel(assignment)
        return
    start, end = window_for(notice)
    for assignment in open_ones:
        if (assignment.window_start, assignment.window_end) == (start, end):
            continue
        _move(assignment, start, end)


@transaction.atomic
def _move(assignment: Assignment, start, end) -> None:
    assignment.window_start, assignment.window_end = start, end
    assignment._change_reason = _("The agency moved the event")
    if not assignment.override_reason:
        clash = overlapping(assignment.reporter_id, start, end, exclude_pk=assignment.pk).first()
        if clash:
            assignment.override_reason = _(
                "Moved by the agency; overlaps “%(notice)s”. Please check."
            ) % {"notice": clash.notice.title}
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError:
        assignment.override_reason = _("Moved by the agency; overlaps another assignment.")
        assignment.save()
    _emit(assignment, "rescheduled")
