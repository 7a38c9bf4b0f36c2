"""The centre's week (Lịch tuần): the grid on screen, its printable page and its Word
file in the official layout (centre staff: the file carries the centre's letterhead)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_safe

from newsroom.forms.week import WeekForm
from newsroom.reports.word import week_word
from newsroom.selectors.week import current_monday, week_grid_for
from newsroom.services.reports import DOCX
from portal.files import private_download
from portal.scoping import scope_for


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
    return {
        "grid": grid,
        "can_triage": request.user.has_perm("newsroom.triage"),
        "can_download": scope_for(request.user).is_centre_staff,
    }


def week(request):
    return render(request, "newsroom/week/week.html", _week_context(request))


def week_print(request):
    return render(request, "newsroom/week/print.html", _week_context(request))


@require_safe
def week_docx(request):
    """ "LỊCH CÔNG TÁC TUẦN" as a Word file: the director's whole week, a reporter's own."""
    context = _week_context(request)
    if not context["can_download"]:
        raise PermissionDenied
    grid = context["grid"]
    content = week_word(grid, request.user.organisation)
    return private_download(content, f"lich-cong-tac-tuan-{grid.iso}.docx", DOCX)
