"""Every change to an assignment: one transaction, its notifications and its signal.

Double booking is refused twice over: a check here (the whole rule on SQLite, whose
writers are serialised by BEGIN IMMEDIATE) and, on PostgreSQL, an exclusion constraint
that settles two directors clicking at the same moment (migration 0010). An assignment
may overlap only when `override_kind` says why: the director decided so, with a reason,
or the agency moved the event onto another one and the director must resolve it.

The notice's status is never set here: `events.services.notices.transition` does it. What the
agency changes on a notice reaches this module through the signals of events/signals.py
(see newsroom/receivers.py).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from events.enums import NoticeAction, NoticeChangeKind, NoticeStatus
from events.models import Notice, NoticeChange
from events.services.notices import (
    agency_staff_of,
    can_transition,
    centre_editors_of,
    history_line,
    lock,
    transition,
)
from newsroom.enums import (
    BUSY_STATUSES,
    AssignmentRole,
    AssignmentStatus,
    HandoverBookings,
    OverrideKind,
)
from newsroom.models import Assignment
from newsroom.selectors.assignments import (
    free_reporters,
    neighbouring_jobs,
    open_assignments_of,
    overlapping,
    window_for,
)
from newsroom.selectors.travel import minutes_between
from newsroom.services.answers import answer_url
from newsroom.services.availability import absence_message, first_absence, lock_reporter
from newsroom.services.resources import carry_bookings
from newsroom.signals import assignment_changed
from portal.models import User
from portal.outbox import notify
from portal.predicates import is_centre_staff_of

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


def _check_reporter(notice: Notice, reporter: User) -> None:
    if notice.status in CLOSED_NOTICE_STATUSES:
        raise ValidationError(_("This notice is cancelled or declined; nobody can be assigned."))
    if not is_centre_staff_of(reporter, notice.centre_id):
        raise ValidationError(_("Only staff of the notice's centre can be assigned."))
    if not reporter.is_active:
        raise ValidationError(_("This account is disabled."))


def _refusal(reporter: User, start, end, notice=None) -> str | None:
    """Why the reporter cannot take [start, end): another assignment, an absence, or a
    job before or after in another commune too far to reach in the time between."""
    clash = overlapping(reporter.pk, start, end).first()
    if clash:
        return conflict_message(reporter, clash)
    absence = first_absence(reporter.pk, start, end)
    if absence:
        return absence_message(reporter, absence)
    if notice is not None:
        return _leg_refusal(reporter, notice)
    return None


def _leg_refusal(reporter: User, notice: Notice) -> str | None:
    for job in neighbouring_jobs(reporter.pk, notice):
        other = job.notice
        minutes = minutes_between(notice.centre_id, notice.locality_id, other.locality_id)
        if minutes is None:
            continue
        first, second = (other, notice) if other.ends_at <= notice.starts_at else (notice, other)
        gap = (second.starts_at - first.ends_at).total_seconds() / 60
        if gap < minutes:
            return _(
                "%(reporter)s cannot get from “%(first)s” to “%(second)s” in time: the "
                "communes are %(minutes)s minutes apart and there are only %(gap)s minutes "
                "between them. Choose another reporter or give a reason to override."
            ) % {
                "reporter": reporter.display_name,
                "first": first.title,
                "second": second.title,
                "minutes": minutes,
                "gap": int(gap),
            }
    return None


def _insert(assignment: Assignment) -> Assignment:
    """Save a new busy assignment or refuse it with the conflicting assignment or absence
    named. A director's override (with a reason) lets it overlap both."""
    reporter = assignment.reporter
    start, end = assignment.window_start, assignment.window_end
    if assignment.override_kind == OverrideKind.NONE:
        lock_reporter(reporter)
        refusal = _refusal(reporter, start, end, assignment.notice)
        if refusal:
            raise ValidationError(refusal)
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError:
        # PostgreSQL's exclusion constraints: another transaction got there first.
        refusal = _refusal(reporter, start, end)
        if refusal is None:
            raise
        raise ValidationError(refusal) from None
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
    notice = lock(notice)
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
            window_start=start,
            window_end=end,
            assigned_by=by,
            **_override(override_reason, by),
        )
    )
    if can_transition(notice, NoticeAction.ACCEPT):
        transition(notice, NoticeAction.ACCEPT, by=by)
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
        {"assignment": assignment, "notice": notice, "answer_url": answer_url(assignment)},
        url=my_assignments_url(),
    )
    _emit(assignment, "assigned")
    return assignment


def _override(reason: str, by: User) -> dict:
    """The override fields for a director's reason to double-book (none without one)."""
    reason = reason.strip()
    if not reason:
        return {"override_kind": OverrideKind.NONE, "override_reason": "", "override_by": None}
    return {"override_kind": OverrideKind.DIRECTOR, "override_reason": reason, "override_by": by}


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
        can_transition(notice, NoticeAction.REOPEN)
        and not notice.assignments.filter(status__in=BUSY_STATUSES).exists()
    ):
        transition(notice, NoticeAction.REOPEN, by=by)


@transaction.atomic
def reassign(
    assignment: Assignment,
    reporter: User,
    *,
    by: User,
    override_reason: str = "",
    bookings: str = HandoverBookings.ASK,
    bookings_message: str = "",
) -> Assignment:
    """Hand an open assignment to another reporter (same role and note); both are told,
    with what happened to its cars and cameras: they go along with it (to the new window
    when the resource is free then). A booking that cannot follow refuses the handover
    (nothing changed) until the director keeps it on its earlier times or releases it
    with a message (`bookings`, see `carry_bookings`)."""
    old = _lock(assignment)
    if not old.is_open:
        raise ValidationError(_("Only an assignment not yet covered can be handed over."))
    if old.reporter_id == reporter.pk:
        return old
    notice = lock(old.notice)
    _check_reporter(notice, reporter)
    _close(old, by, _("Handed over to %(name)s") % {"name": reporter.display_name})
    start, end = window_for(notice)
    new = _insert(
        Assignment(
            notice=notice,
            reporter=reporter,
            role=old.role,
            note=old.note,
            window_start=start,
            window_end=end,
            assigned_by=by,
            **_override(override_reason, by),
        )
    )
    carried = carry_bookings(old, new, choice=bookings, message=bookings_message)
    notify(
        old.reporter,
        "assignment_removed",
        {"assignment": old, "notice": notice, "carried": carried, "successor": reporter},
        url=my_assignments_url(),
    )
    notify(
        reporter,
        "assignment_new",
        {
            "assignment": new,
            "notice": notice,
            "answer_url": answer_url(new),
            "carried": carried,
        },
        url=my_assignments_url(),
    )
    _emit(old, "unassigned")
    _emit(new, "reassigned")
    return new


@transaction.atomic
def unassign(assignment: Assignment, *, by: User) -> Assignment:
    """Take a reporter off a notice (idempotent). With nobody left, the notice waits again."""
    assignment = _lock(assignment)
    if assignment.status in (AssignmentStatus.CANCELLED, AssignmentStatus.DECLINED):
        return assignment
    if assignment.status == AssignmentStatus.COVERED:
        raise ValidationError(_("This assignment is already covered."))
    _close(assignment, by, _("Unassigned"))
    notice = lock(assignment.notice)
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
def cancel(
    assignment: Assignment, *, by: User | None = None, change: NoticeChange | None = None
) -> Assignment:
    """The notice was cancelled by its agency: the reporter is told (idempotent)."""
    assignment = _lock(assignment)
    if not assignment.is_open:
        return assignment
    _close(assignment, by, _("The agency cancelled the event"))
    notify(
        assignment.reporter,
        "assignment_cancelled",
        {"assignment": assignment, "notice": assignment.notice, "change": change},
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
    _tell_editors(assignment, "assignment_accepted")
    _emit(assignment, "confirmed")
    return assignment


def _tell_editors(assignment: Assignment, kind: str, **context) -> None:
    for editor in centre_editors_of(assignment.notice):
        notify(
            editor,
            kind,
            {"assignment": assignment, "notice": assignment.notice, **context},
            url=triage_url(assignment.notice),
        )


@transaction.atomic
def decline(assignment: Assignment, *, by: User, reason: str) -> Assignment:
    """The reporter cannot go (a reason is required): their time is free again, the notice
    waits for another reporter when nobody is left, and the director is told at once with
    the next free reporters."""
    assignment = _lock(assignment)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give a reason to decline."))
    if assignment.status == AssignmentStatus.DECLINED:
        return assignment  # idempotent
    if not assignment.is_open:
        raise ValidationError(_("Only an assignment not yet covered can be declined."))
    assignment.status = AssignmentStatus.DECLINED
    assignment.declined_at = timezone.now()
    assignment.decline_reason = reason
    assignment._history_user = by
    assignment._change_reason = history_line(_("Declined by the reporter"), reason)
    assignment.save()
    notice = lock(assignment.notice)
    _reopen_notice_if_empty(notice, by)
    suggestions = free_reporters(notice, exclude_id=assignment.reporter_id)
    _tell_editors(assignment, "assignment_declined", suggestions=suggestions)
    _emit(assignment, "declined")
    return assignment


@transaction.atomic
def mark_covered(assignment: Assignment, *, by: User, note: str = "", link: str = "") -> Assignment:
    """The reporter was there. The notice counts as covered."""
    assignment = _lock(assignment)
    if assignment.status in (AssignmentStatus.CANCELLED, AssignmentStatus.DECLINED):
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
    notice = lock(assignment.notice)
    if can_transition(notice, NoticeAction.COVER):
        transition(notice, NoticeAction.COVER, by=by, note=by.display_name)
    return assignment


@transaction.atomic
def add_note(assignment: Assignment, *, by: User, note: str, link: str = "") -> Assignment:
    assignment = _lock(assignment)
    if assignment.status in (AssignmentStatus.CANCELLED, AssignmentStatus.DECLINED):
        raise ValidationError(_("This assignment was cancelled."))
    assignment.reporter_note = note.strip()
    if link:
        assignment.material_link = link
    assignment._history_user = by
    assignment._change_reason = _("Note added")
    assignment.save()
    return assignment


# --- What the agency changed reaches the reporters (receivers in newsroom/receivers.py) ---


def _tell_reporter(assignment: Assignment, change: NoticeChange, clash=None, away=None) -> None:
    notify(
        assignment.reporter,
        "assignment_changed",
        {
            "assignment": assignment,
            "notice": assignment.notice,
            "change": change,
            "clash": clash,
            "away": away,
        },
        url=my_assignments_url(),
    )


@transaction.atomic
def follow_notice_change(notice: Notice, change: NoticeChange, *, by: User | None) -> None:
    """Keep the notice's open assignments in step with a change and tell each reporter.

    Cancelled: each assignment is cancelled. Moved: windows follow; a move onto another
    assignment of the same reporter keeps the assignment, flagged as "moved by the
    agency" so the director resolves it (they are told). Other changes: the reporters
    are told what changed.
    """
    open_ones = list(open_assignments_of(notice))
    if change.kind == NoticeChangeKind.CANCELLED:
        for assignment in open_ones:
            cancel(assignment, by=by, change=change)
        return
    for assignment in open_ones:
        clash = away = None
        if change.kind == NoticeChangeKind.RESCHEDULED:
            clash, away = _move(assignment, *window_for(notice), by=by)
        _tell_reporter(assignment, change, clash, away)
        if clash is not None or away is not None:
            _tell_director_of_clash(assignment, clash, away)


def _tell_director_of_clash(assignment: Assignment, clash, away=None) -> None:
    for editor in centre_editors_of(assignment.notice):
        notify(
            editor,
            "assignment_clash",
            {
                "assignment": assignment,
                "notice": assignment.notice,
                "clash": clash,
                "away": away,
            },
            url=reverse("home"),
        )


def _move(assignment: Assignment, start, end, *, by: User | None):
    """Move the window; returns (the assignment it now overlaps, the reporter's absence it
    now overlaps), each None when free.

    A director's override stays as it is. Otherwise the row is flagged MOVED_BY_AGENCY
    when it now overlaps an assignment or an absence, and unflagged when a later move
    freed it again.
    """
    assignment = _lock(assignment)
    lock_reporter(assignment.reporter)
    assignment.window_start, assignment.window_end = start, end
    assignment._history_user = by
    assignment._change_reason = _("The agency moved the event")
    clash = overlapping(
        assignment.reporter_id, start, end, exclude_pk=assignment.pk, with_overrides=True
    ).first()
    away = first_absence(assignment.reporter_id, start, end)
    if assignment.override_kind != OverrideKind.DIRECTOR:
        flagged = clash or away
        assignment.override_kind = OverrideKind.MOVED_BY_AGENCY if flagged else OverrideKind.NONE
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError:
        # A concurrent assignment took the time meanwhile: keep ours, flagged.
        assignment.override_kind = OverrideKind.MOVED_BY_AGENCY
        assignment.save()
        clash = overlapping(
            assignment.reporter_id, start, end, exclude_pk=assignment.pk, with_overrides=True
        ).first()
        away = first_absence(assignment.reporter_id, start, end)
    _emit(assignment, "rescheduled")
    if assignment.override_kind != OverrideKind.MOVED_BY_AGENCY:
        return None, None
    return clash, away


@transaction.atomic
def keep_double_booking(assignment: Assignment, *, by: User, reason: str) -> Assignment:
    """The director resolves an overlap caused by an agency's move: both stay, for a reason."""
    assignment = _lock(assignment)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give a reason to keep both assignments."))
    if not assignment.needs_resolution:
        return assignment  # already resolved (idempotent)
    assignment.override_kind = OverrideKind.DIRECTOR
    assignment.override_reason = reason
    assignment.override_by = by
    assignment._history_user = by
    assignment._change_reason = (_("Double booking kept: %(reason)s") % {"reason": reason})[:100]
    assignment.save()
    return assignment
