"""The centre's week (Lịch tuần): the grid on screen and its printable page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from newsroom.forms.week import WeekForm
from newsroom.selectors.week import current_monday, week_grid_for


def _week_context(request) -> dict:
    if not request.user.has_perm("newsroom.view_week"):
        raise PermissionDenied
    form = WeekForm(request.GET)
    monday = None
    if form.is_valid():
        monday = form.cleaned_data["week"]
    else:
        messages.warning(request, " ".join(form.errors["week"]))
    grid = week_grid_for(request.user, monday or current_monday())
    return {"grid": grid, "can_triage": request.user.has_perm("newsroom.triage")}


def week(request):
    return render(request, "newsroom/week/week.html", _week_context(request))


def week_print(request):
    return render(request, "newsroom/week/print.html", _week_context(request))
