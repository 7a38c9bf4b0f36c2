"""Travel times of the centre's area (the director's page)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from newsroom.forms.travel import TravelTimeForm
from newsroom.selectors.travel import (
    default_buffer_minutes,
    get_travel_time_for,
    travel_times_for,
)
from newsroom.services import travel as services
from portal.scoping import scope_for


@require_http_methods(["GET", "HEAD", "POST"])
def travel_times(request):
    if not request.user.has_perm("newsroom.edit_travel_times"):
        raise PermissionDenied
    centre = request.user.organisation
    form = TravelTimeForm(request.POST or None, centre_id=scope_for(request.user).centre_id)
    if request.method == "POST" and form.is_valid():
        services.set_travel_time(centre, **form.cleaned_data)
        messages.success(request, _("Travel time saved."))
        return redirect("newsroom:travel_times")
    return render(
        request,
        "newsroom/travel_times.html",
        {
            "form": form,
            "rows": travel_times_for(request.user),
            "default_minutes": default_buffer_minutes(),
        },
        status=400 if form.is_bound else 200,
    )


@require_POST
def travel_time_remove(request, pk):
    if not request.user.has_perm("newsroom.edit_travel_times"):
        raise PermissionDenied
    services.remove_travel_time(get_travel_time_for(request.user, pk))
    messages.success(request, _("Travel time removed; the default applies again."))
    return redirect("newsroom:travel_times")
