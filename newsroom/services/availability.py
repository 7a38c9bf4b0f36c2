"""Reporters' absences: recorded, approved, rejected or cancelled, one transaction each.

An absence and an assignment of one reporter may not overlap while both block: checked
here (the whole rule on SQLite, whose writers are serialised by BEGIN IMMEDIATE) and, on
PostgreSQL, by the exclusion constraint on the mirror rows (models/availability.py), which
settles an absence and an assignment written at the same moment. Only a director's
override with a reason puts an assignment over an absence (services/assignments.py).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from events.services.notices import history_line
from newsroom.enums import AbsenceStatus
from newsroom.models import Absence, Assignment
from newsroom.selectors.assignments import overlapping
from newsroom.selectors.availability import blocking_absences
from portal.models import User
from portal.outbox import notify
from portal.predicates import is_centre_staff_of, is_editor_of
from portal.scoping import scope_for
from portal.selectors import centre_editors


def _short(moment) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def absence_message(reporter: User, absence: Absence) -> str:
    """Why an assignment over this absence is refused."""
    return _(
        "%(reporter)s is away at that time (%(kind)s, %(start)s – %(end)s). Choose another "
        "reporter or give a reason to override."
    ) % {
        "reporter": reporter.display_name,
        "kind": absence.get_kind_display().lower(),
        "start": _short(absence.starts_at),
        "end": _short(absence.ends_at),
    }


def _busy_message(reporter: User, assignment: Assignment) -> str:
    return _(
        "%(reporter)s is assigned to “%(notice)s” (%(start)s – %(end)s, travel time "
        "included) at that time. Hand the assignment over first."
    ) % {
        "reporter": reporter.display_name,
        "notice": assignment.notice.title,
        "start": _short(assignment.window_start),
        "end": _short(assignment.window_end),
    }


def lock_reporter(reporter: User) -> None:
    """Serialise every write to one reporter's time (assignments and absences) on their
    row: the checks then see each other's work, and the gaps between jobs, which no
    constraint can express, are checked one director at a time. The exclusion constraints
    stay the guarantee for anything written past these services."""
    User.objects.select_for_update().filter(pk=reporter.pk).first()


def first_absence(reporter_id: int, start, end) -> Absence | None:
    return blocking_absences([reporter_id], start, end).first()


def availability_url() -> str:
    return reverse("newsroom:availability")


@transaction.atomic
def record_absence(
    reporter: User, *, by: User, kind: str, starts_at, ends_at, note: str = ""
) -> Absence:
    """Record an absence of a reporter (by themselves or by an editor of their centre).

    An editor's record is approved at once; a reporter's waits for the director when
    ABSENCE_NEEDS_APPROVAL is on (it blocks meanwhile, and the directors are told)."""
    if ends_at <= starts_at:
        raise ValidationError(_("The absence must end after it starts."))
    centre_id = scope_for(reporter).centre_id
    if not is_centre_staff_of(reporter, centre_id) or not reporter.is_active:
        raise ValidationError(_("Only active staff of a centre can be recorded as away."))
    by_editor = is_editor_of(by, centre_id)
    if by.pk != reporter.pk and not by_editor:
        raise ValidationError(_("Only the reporter or an editor of their centre can record this."))
    approved = by_editor or not settings.ABSENCE_NEEDS_APPROVAL
    absence = Absence(
        centre_id=centre_id,
        reporter=reporter,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        note=note.strip(),
        recorded_by=by,
        status=AbsenceStatus.APPROVED if approved else AbsenceStatus.PENDING,
        decided_by=by if approved else None,
        decided_at=timezone.now() if approved else None,
    )
    absence._history_user = by
    absence._change_reason = history_line(_("Recorded"), note.strip())
    _save_blocking(absence)
    if not approved:
        for editor in centre_editors(centre_id):
            notify(editor, "absence_requested", {"absence": absence}, url=availability_url())
    return absence


def _save_blocking(absence: Absence) -> None:
    """Save an absence that blocks, or refuse it with the assignment it would cover."""
    lock_reporter(absence.reporter)
    clash = overlapping(absence.reporter_id, absence.starts_at, absence.ends_at).first()
    if clash:
        raise ValidationError(_busy_message(absence.reporter, clash))
    try:
        with transaction.atomic():
            absence.save()
    except IntegrityError:
        # PostgreSQL: an assignment over this time was written meanwhile.
        clash = overlapping(absence.reporter_id, absence.starts_at, absence.ends_at).first()
        if clash is None:
            raise
        raise ValidationError(_busy_message(absence.reporter, clash)) from None


def _lock(absence: Absence) -> Absence:
    return Absence.objects.select_for_update().select_related("reporter").get(pk=absence.pk)


def _decide(absence: Absence, status: str, *, by: User, reason: str, label: str) -> Absence:
    absence.status = status
    absence.decided_by = by
    absence.decided_at = timezone.now()
    absence.decision_note = reason
    absence._history_user = by
    absence._change_reason = history_line(label, reason)
    absence.save()
    if by.pk != absence.reporter_id:
        notify(absence.reporter, "absence_decided", {"absence": absence}, url=availability_url())
    return absence


@transaction.atomic
def approve_absence(absence: Absence, *, by: User) -> Absence:
    absence = _lock(absence)
    if absence.status == AbsenceStatus.APPROVED:
        return absence
    if absence.status != AbsenceStatus.PENDING:
        raise ValidationError(_("Only an absence waiting for approval can be approved."))
    return _decide(absence, AbsenceStatus.APPROVED, by=by, reason="", label=_("Approved"))


@transaction.atomic
def reject_absence(absence: Absence, *, by: User, reason: str) -> Absence:
    """The director refuses the absence (with a reason): the reporter's time is free again."""
    absence = _lock(absence)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give a reason to reject the absence."))
    if absence.status == AbsenceStatus.REJECTED:
        return absence
    if absence.status != AbsenceStatus.PENDING:
        raise ValidationError(_("Only an absence waiting for approval can be rejected."))
    return _decide(absence, AbsenceStatus.REJECTED, by=by, reason=reason, label=_("Rejected"))


@transaction.atomic
def cancel_absence(absence: Absence, *, by: User) -> Absence:
    """The reporter (or an editor) withdraws the absence: the time is free again."""
    absence = _lock(absence)
    if absence.status == AbsenceStatus.CANCELLED:
        return absence
    if absence.status == AbsenceStatus.REJECTED:
        raise ValidationError(_("This absence was rejected; there is nothing to cancel."))
    return _decide(absence, AbsenceStatus.CANCELLED, by=by, reason="", label=_("Cancelled"))
