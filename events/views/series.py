"""Recurring notices: create a series, see its occurrences, edit one or the following."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from events.forms.series import OccurrenceEditForm, SeriesForm
from events.selectors.notices import get_notice_for
from events.selectors.series import get_series_for, occurrence_of, series_occurrences
from events.services import series as services
from portal.idempotency import submit_once
from portal.scoping import organisation_required, scope_for


@require_http_methods(["GET", "HEAD", "POST"])
@organisation_required
@submit_once
def series_create(request):
    if not request.user.has_perm("events.add_series"):
        raise PermissionDenied
    agency = request.user.organisation
    form = SeriesForm(
        request.POST if request.method == "POST" else None,
        centre_id=scope_for(request.user).centre_id,
    )
    if request.method == "POST" and form.is_valid():
        try:
            series = services.create_series(
                agency=agency,
                by=request.user,
                data=form.cleaned_data,
                rule=form.cleaned_data["rule"],
                exceptions=form.cleaned_data["exception_dates"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The recurring notice was sent to the centre."))
            return redirect("events:series_detail", pk=series.pk)
    return render(request, "events/series_form.html", {"form": form})


def series_detail(request, pk):
    series = get_series_for(request.user, pk)
    occurrences = list(series_occurrences(series))
    return render(
        request,
        "events/series_detail.html",
        {
            "series": series,
            "occurrences": occurrences,
            "next": services.next_occurrence(series),
            "can_edit": request.user.has_perm("events.change_series", series),
        },
    )


def occurrence_edit(request, pk):
    notice = get_notice_for(request.user, pk, perm="events.change_notice")
    occurrence = occurrence_of(notice)
    form = OccurrenceEditForm(
        request.POST if request.method == "POST" else None,
        notice=notice,
        centre_id=notice.centre_id,
    )
    if request.method == "POST" and form.is_valid():
        edit = (
            services.edit_following
            if form.cleaned_data["which"] == "following"
            else services.edit_occurrence
        )
        try:
            edit(notice, by=request.user, data=form.changes(), reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Changes saved; everyone working on it was told."))
            return redirect("events:series_detail", pk=occurrence.series_id)
    return render(
        request,
        "events/occurrence_form.html",
        {"form": form, "notice": notice, "occurrence": occurrence},
    )
