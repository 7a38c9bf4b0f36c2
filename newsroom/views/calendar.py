"""The reporter's personal calendar feed (no login: the secret token is the key)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from newsroom.calendar import assignments_calendar
from newsroom.selectors.assignments import calendar_assignments, calendar_owner
from newsroom.services.calendar import regenerate_calendar_token


@require_safe
@login_not_required
def calendar_feed(request, token):
    owner = calendar_owner(token)
    body = assignments_calendar(owner, calendar_assignments(owner), request.get_host())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="duatin.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_POST
def calendar_regenerate(request):
    if not request.user.has_perm("newsroom.view_my_assignments"):
        raise PermissionDenied
    regenerate_calendar_token(request.user)
    messages.success(request, _("New calendar address made; the old one no longer works."))
    return redirect("newsroom:my_assignments")
