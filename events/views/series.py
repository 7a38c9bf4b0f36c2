"""Recurring notices: create a series (agency staff, or the centre's editors for one of
their agencies), see its occurrences, change its days or time or stop it from an
occurrence on, edit one occurrence or the following."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from events.enums import ReceivedVia
from events.forms.series import (
    CentreSeriesForm,
    OccurrenceEditForm,
    SeriesChangeForm,
    SeriesForm,
    SeriesStopForm,
)
from events.selectors.notices import get_notice_for
from events.selectors.series import (
    get_series_for,
    occurrence_of,
    series_occurrences,
    upcoming_occurrences,
)
from events.services import series as services
from portal.idempotency import submit_once
from portal.predicates import is_agency_staff_of
from portal.scoping import organisation_required, scope_for


@require_http_methods(["GET", "HEAD", "POST"])
@organisation_required
@submit_once
def series_create(request):
    if not request.user.has_perm("events.add_series"):
        raise PermissionDenied
    scope = scope_for(request.user)
    for_agency = scope.is_centre_staff  # the centre records it for one of its agencies
    form_class = CentreSeriesForm if for_agency else SeriesForm
    form = form_class(request.POST if request.method == "POST" else None, centre_id=scope.centre_id)
    if request.method == "POST" and form.is_valid():
        try:
            series = services.create_series(
                agency=form.cleaned_data["agency"] if for_agency else request.user.organisation,
                by=request.user,
                data=form.cleaned_data,
                rule=form.cleaned_data["rule"],
                exceptions=form.cleaned_data["exception_dates"],
                via=ReceivedVia.PHONE if for_agency else ReceivedVia.WEB,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The recurring notice was sent to the centre."))
            return redirect("events:series_detail", pk=series.pk)
    return render(request, "events/series_form.html", {"form": form, "for_agency": for_agency})


def _detail(request, series, *, change_form=None, stop_form=None, status=200):
    can_edit = request.user.has_perm("events.change_series", series)
    upcoming = upcoming_occurrences(series) if can_edit else []
    return render(
        request,
        "events/series_detail.html",
        {
            "series": series,
            "occurrences": list(series_occurrences(series)),
            "next": services.next_occurrence(series),
            "can_edit": can_edit,
            # one occurrence is edited like any notice: by its agency (events.change_notice)
            "can_edit_occurrences": is_agency_staff_of(request.user, series.agency_id),
            "change_form": change_form or SeriesChangeForm(series=series, upcoming=upcoming),
            "stop_form": stop_form or SeriesStopForm(),
            "upcoming": upcoming,
        },
        status=status,
    )


def series_detail(request, pk):
    return _detail(request, get_series_for(request.user, pk))


def _editable_series(request, pk):
    series = get_series_for(request.user, pk)
    if not request.user.has_perm("events.change_series", series):
        raise PermissionDenied
    return series


@require_POST
def series_change(request, pk):
    """From one occurrence on: other weekdays and/or another time."""
    series = _editable_series(request, pk)
    form = SeriesChangeForm(request.POST, series=series, upcoming=upcoming_occurrences(series))
    if form.is_valid():
        data = form.cleaned_data
        try:
            done = services.change_following(
                series,
                by=request.user,
                from_date=data["from_date"],
                weekdays=data.get("weekdays") if form.weekly else None,
                start_time=data["start_time"],
                end_time=data["end_time"],
                reason=data["reason"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _(
                    "The series changes from %(date)s: %(moved)s occurrences moved, "
                    "%(cancelled)s cancelled; everyone working on them was told."
                )
                % {
                    "date": data["from_date"].strftime("%d/%m/%Y"),
                    "moved": len(done["moved"]),
                    "cancelled": len(done["cancelled"]),
                },
            )
            return redirect("events:series_detail", pk=series.pk)
    return _detail(request, series, change_form=form, status=400)


@require_POST
def series_stop(request, pk):
    """No more occurrences from a date: those still to come are cancelled."""
    series = _editable_series(request, pk)
    form = SeriesStopForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            cancelled = services.stop_following(
                series, by=request.user, from_date=data["from_date"], reason=data["reason"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("The series stops from %(date)s: %(n)s occurrences cancelled.")
                % {"date": data["from_date"].strftime("%d/%m/%Y"), "n": len(cancelled)},
            )
            return redirect("events:series_detail", pk=series.pk)
    return _detail(request, series, stop_form=form, status=400)


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
