"""Assigning reporters (director) and the reporter's own phone page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from events.selectors.notices import get_notice_for
from newsroom.enums import AssignmentStatus, OverrideKind
from newsroom.forms.assignments import (
    AssignForm,
    DeclineAssignmentForm,
    KeepDoubleBookingForm,
    ReassignForm,
    ReporterNoteForm,
)
from newsroom.selectors.assignments import get_assignment_for, my_assignments
from newsroom.services import assignments as services
from newsroom.views.triage import render_triage
from portal.idempotency import Done, submit_once


def _errors(form) -> str:
    return " ".join(e for errs in form.errors.values() for e in errs)


def _notice_page(assignment) -> str:
    return reverse("newsroom:notice", args=[assignment.notice_id])


def _my_assignments(assignment) -> str:
    return reverse("newsroom:my_assignments")


UNASSIGNED = Done(
    lambda user, a: a.status == AssignmentStatus.CANCELLED,
    gettext_lazy("This reporter was already taken off the notice."),
    _notice_page,
)
# What the reporter's buttons lead to, and how to tell it is done already.
REPORTER_DONE = {
    "confirm": Done(
        lambda user, a: a.status in (AssignmentStatus.CONFIRMED, AssignmentStatus.COVERED),
        gettext_lazy("You already confirmed this assignment."),
        _my_assignments,
    ),
    "covered": Done(
        lambda user, a: a.status == AssignmentStatus.COVERED,
        gettext_lazy("This assignment was already marked as covered."),
        _my_assignments,
    ),
    "decline": Done(
        lambda user, a: a.status == AssignmentStatus.DECLINED,
        gettext_lazy("You already declined this assignment."),
        _my_assignments,
    ),
}


def _kept(back: str) -> Done:
    return Done(
        lambda user, a: a.override_kind == OverrideKind.DIRECTOR,
        gettext_lazy("Both assignments are already kept."),
        (lambda a: reverse("home")) if back == "home" else _notice_page,
    )


@require_POST
@submit_once
def assign(request, pk):
    notice = get_notice_for(request.user, pk, perm="newsroom.assign")
    form = AssignForm(request.POST, centre_id=notice.centre_id)
    if form.is_valid():
        data = form.cleaned_data
        try:
            assignment = services.assign_reporter(
                notice, data.pop("reporter"), by=request.user, **data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(name)s is assigned; they were told.")
                % {"name": assignment.reporter.display_name},
            )
            return redirect("newsroom:notice", pk=notice.pk)
    return render_triage(request, notice.pk, assign_form=form, status=400)


@require_POST
def reassign(request, pk):
    """Hand over; a refusal (busy reporter, a car taken at the new times) comes back on the
    triage page in this assignment's form, with the choice and reason typed kept."""
    assignment = get_assignment_for(request.user, pk, perm="newsroom.manage_assignment")
    form = ReassignForm(request.POST, centre_id=assignment.notice.centre_id)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.reassign(assignment, data.pop("reporter"), by=request.user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Assignment handed over; both reporters were told."))
            return redirect("newsroom:notice", pk=assignment.notice_id)
    return render_triage(
        request, assignment.notice_id, reassign_form=form, refused_pk=assignment.pk, status=400
    )


@require_POST
def unassign(request, pk):
    assignment = get_assignment_for(
        request.user, pk, perm="newsroom.manage_assignment", done=UNASSIGNED
    )
    try:
        services.unassign(assignment, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Reporter taken off the notice; they were told."))
    return redirect("newsroom:notice", pk=assignment.notice_id)


@require_POST
def keep_double_booking(request, pk):
    done = _kept(request.POST.get("back", ""))
    assignment = get_assignment_for(request.user, pk, perm="newsroom.manage_assignment", done=done)
    form = KeepDoubleBookingForm(request.POST)
    if not form.is_valid():
        if request.POST.get("back") != "home":
            return render_triage(
                request, assignment.notice_id, keep_form=form, refused_pk=assignment.pk, status=400
            )
        messages.error(request, _errors(form))  # the home page's panel: nothing was typed
        return redirect("home")
    services.keep_double_booking(assignment, by=request.user, **form.cleaned_data)
    messages.success(
        request,
        _("Both assignments of %(name)s are kept.") % {"name": assignment.reporter.display_name},
    )
    if request.POST.get("back") == "home":
        return redirect("home")
    return redirect("newsroom:notice", pk=assignment.notice_id)


@require_safe
def assignment_list(request):
    return _my_page(request)


def _my_page(request, *, decline_form=None, refused_pk=None, status=200):
    """The reporter's assignments; a refused decline comes back open under its own
    assignment with the reason typed and the error next to it."""
    if not request.user.has_perm("newsroom.view_my_assignments"):
        raise PermissionDenied
    return render(
        request,
        "newsroom/my_assignments.html",
        {
            "assignments": my_assignments(request.user),
            "note_form": ReporterNoteForm(),
            "decline_form": decline_form,
            "refused_pk": refused_pk,
            "feed_url": request.build_absolute_uri(
                reverse("newsroom:calendar_feed", args=[request.user.calendar_token])
            ),
        },
        status=status,
    )


@require_POST
def assignment_action(request, pk, action):
    assignment = get_assignment_for(
        request.user, pk, perm="newsroom.act_on_assignment", done=REPORTER_DONE.get(action)
    )
    if action == "decline":
        return _decline(request, assignment)
    form = ReporterNoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect("newsroom:my_assignments")
    note, link = form.cleaned_data["note"], form.cleaned_data["link"]
    try:
        if action == "confirm":
            services.confirm(assignment, by=request.user)
            messages.success(request, _("Confirmed. Thank you."))
        elif action == "covered":
            services.mark_covered(assignment, by=request.user, note=note, link=link)
            messages.success(request, _("Marked as covered."))
        else:
            services.add_note(assignment, by=request.user, note=note, link=link)
            messages.success(request, _("Note saved."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("newsroom:my_assignments")


def _decline(request, assignment):
    form = DeclineAssignmentForm(request.POST)
    if form.is_valid():
        try:
            services.decline(assignment, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Declined; the director was told."))
            return redirect("newsroom:my_assignments")
    return _my_page(request, decline_form=form, refused_pk=assignment.pk, status=400)
