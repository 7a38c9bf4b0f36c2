"""Who is away: reporters record absences, the director approves or rejects them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from newsroom.enums import AbsenceStatus
from newsroom.forms.availability import AbsenceForm, RejectAbsenceForm
from newsroom.selectors.availability import get_absence_for, upcoming_absences_for
from newsroom.services import availability as services
from portal.idempotency import Done, submit_once
from portal.scoping import scope_for


def _page(absence) -> str:
    return reverse("newsroom:availability")


APPROVED = Done(
    lambda user, a: a.status == AbsenceStatus.APPROVED,
    gettext_lazy("This absence is already approved."),
    _page,
)
REJECTED = Done(
    lambda user, a: a.status == AbsenceStatus.REJECTED,
    gettext_lazy("This absence is already rejected."),
    _page,
)
CANCELLED = Done(
    lambda user, a: a.status == AbsenceStatus.CANCELLED,
    gettext_lazy("This absence is already cancelled."),
    _page,
)


@require_http_methods(["GET", "HEAD", "POST"])
@submit_once
def availability(request):
    user = request.user
    if not user.has_perm("newsroom.view_availability"):
        raise PermissionDenied
    scope = scope_for(user)
    form = AbsenceForm(request.POST or None, centre_id=scope.centre_id, for_editor=scope.is_editor)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        reporter = data.pop("reporter", user)
        try:
            absence = services.record_absence(reporter, by=user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if absence.status == AbsenceStatus.PENDING:
                messages.success(request, _("Absence recorded; the director was asked to approve."))
            else:
                messages.success(request, _("Absence recorded."))
            return redirect("newsroom:availability")
    page = Paginator(upcoming_absences_for(user), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "newsroom/availability.html",
        {
            "form": form,
            "page": page,
            "is_editor": scope.is_editor,
            "reject_form": RejectAbsenceForm(),
        },
        status=400 if form.is_bound else 200,
    )


@require_POST
def absence_approve(request, pk):
    absence = get_absence_for(request.user, pk, perm="newsroom.decide_absence", done=APPROVED)
    _run(request, services.approve_absence, absence, _("Absence approved; the reporter was told."))
    return redirect("newsroom:availability")


@require_POST
def absence_reject(request, pk):
    absence = get_absence_for(request.user, pk, perm="newsroom.decide_absence", done=REJECTED)
    form = RejectAbsenceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason to reject the absence."))
    else:
        _run(
            request,
            services.reject_absence,
            absence,
            _("Absence rejected; the reporter was told."),
            reason=form.cleaned_data["reason"],
        )
    return redirect("newsroom:availability")


@require_POST
def absence_cancel(request, pk):
    absence = get_absence_for(request.user, pk, perm="newsroom.cancel_absence", done=CANCELLED)
    _run(request, services.cancel_absence, absence, _("Absence cancelled."))
    return redirect("newsroom:availability")


def _run(request, service, absence, success: str, **kwargs) -> None:
    try:
        service(absence, by=request.user, **kwargs)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
