"""The director's triage queue and one notice's triage page."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from events.enums import NoticeStatus
from events.forms.notices import ReclassifyForm
from events.selectors.notices import get_notice_for, notice_history
from events.selectors.series import attach_following, with_series
from events.views.notices import reclassify_from
from newsroom.filters import TriageFilter
from newsroom.forms.assignments import AssignForm, ReassignForm
from newsroom.forms.publications import PublicationForm
from newsroom.forms.triage import DeclineForm
from newsroom.selectors.assignments import (
    active_assignments_of_notice,
    reporter_choices,
    window_for,
)
from newsroom.selectors.publications import notice_publications
from newsroom.selectors.resources import free_resources, suggested_resources
from newsroom.selectors.travel import default_buffer_minutes, minutes_from_centre
from newsroom.selectors.triage import still_to_handle, triage_queue
from newsroom.services.triage import decline_notice
from portal.idempotency import Done
from portal.pagination import keyed_page


@require_safe
def triage(request):
    if not request.user.has_perm("newsroom.triage"):
        raise PermissionDenied
    filterset = TriageFilter(
        request.GET or None, queryset=triage_queue(request.user), request=request
    )
    notices = filterset.qs  # validates the form first
    # Unfiltered, a recurring notice is one row (its next occurrence), expandable to the
    # following ones; a filter shows every occurrence on its own row.
    filtered = any(getattr(filterset.form, "cleaned_data", {}).values())
    if not filtered:
        notices = still_to_handle(notices)
    notices = with_series(notices, once=not filtered)
    page = keyed_page(notices, settings.PAGE_SIZE, request.GET.get("page"))
    if not filtered:
        page.object_list = attach_following(page.object_list)
    return render(
        request,
        "newsroom/triage.html",
        {"page": page, "filters": filterset.form, "filtered": filtered},
    )


@require_safe
def notice_triage(request, pk):
    return render_triage(request, pk)


def render_triage(
    request,
    pk,
    *,
    assign_form=None,
    publication_form=None,
    decline_form=None,
    reclassify_form=None,
    reassign_form=None,
    keep_form=None,
    refused_pk=None,
    status=200,
):
    """The triage page; the assign, publish, decline, reclassify, hand-over and keep-both
    views show it again with their form bound: the error next to the field and what was
    typed kept (`refused_pk`: the assignment whose hand-over or keep-both was refused)."""
    notice = get_notice_for(request.user, pk, perm="newsroom.triage")
    user = request.user
    centre_id = notice.centre_id
    can_assign = user.has_perm("newsroom.assign", notice)
    context = {
        "notice": notice,
        "assignments": active_assignments_of_notice(notice),
        "choices": reporter_choices(notice) if can_assign else [],
        "can_assign": can_assign,
        "can_decline": user.has_perm("newsroom.decline", notice),
        "can_publish": user.has_perm("newsroom.publish", notice),
        "can_reclassify": user.has_perm("events.reclassify_notice", notice),
        "assign_form": assign_form or AssignForm(centre_id=centre_id),
        "reassign_form": reassign_form or ReassignForm(centre_id=centre_id),
        "keep_form": keep_form,
        "refused_pk": refused_pk,
        "decline_form": decline_form or DeclineForm(auto_id="decline_%s"),
        "reclassify_form": reclassify_form
        or ReclassifyForm(initial={"kind": notice.kind}, auto_id="reclassify_%s"),
        "publication_form": publication_form or PublicationForm(centre_id=centre_id),
        "publications": notice_publications(notice),
        "history": notice_history(notice),
        "travel_minutes": minutes_from_centre(centre_id, notice.locality_id),
        **_resources(notice, can_assign),
        "default_travel": default_buffer_minutes(),
    }
    return render(request, "newsroom/notice_triage.html", context, status=status)


def _resources(notice, can_assign: bool) -> dict:
    """Free resources for the notice's window, those the agency asked for marked."""
    if not can_assign:
        return {"free_resources": [], "suggested_ids": set()}
    start, end = window_for(notice)
    return {
        "free_resources": list(free_resources(notice.centre_id, start, end)),
        "suggested_ids": {r.pk for r in suggested_resources(notice, start, end)},
    }


DECLINED = Done(
    lambda user, notice: notice.status == NoticeStatus.DECLINED,
    gettext_lazy("This notice was already declined."),
    lambda notice: reverse("newsroom:notice", args=[notice.pk]),
)


@require_POST
def notice_decline(request, pk):
    notice = get_notice_for(request.user, pk, perm="newsroom.decline", done=DECLINED)
    form = DeclineForm(request.POST, auto_id="decline_%s")
    if form.is_valid():
        try:
            decline_notice(notice, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Notice declined; the agency was told why."))
            return redirect("newsroom:notice", pk=notice.pk)
    return render_triage(request, notice.pk, decline_form=form, status=400)


@require_POST
def notice_reclassify(request, pk):
    """Reclassify from the triage page; a refusal comes back on it with the reason typed."""
    notice = get_notice_for(request.user, pk, perm="events.reclassify_notice")
    form = ReclassifyForm(request.POST, auto_id="reclassify_%s")
    if reclassify_from(request, notice, form):
        return redirect("newsroom:notice", pk=notice.pk)
    return render_triage(request, notice.pk, reclassify_form=form, status=400)
