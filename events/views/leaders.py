"""The leaders' weekly calendar: the issuing office imports it (dry run, compare,
confirm); the centre's director picks the items to cover."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.forms.leaders import CalendarUploadForm
from events.selectors.leaders import (
    calendar_items_of,
    current_calendars_for,
    drafts_of,
    get_calendar_item_for,
    get_calendar_version_for,
    get_draft_for,
)
from events.services import leaders as services
from portal.scoping import organisation_required


def _require(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _list_page(request, form, status=200):
    page = Paginator(current_calendars_for(request.user), 20).get_page(request.GET.get("page"))
    context = {"page": page, "form": form, "drafts": drafts_of(request.user)}
    return render(request, "events/leaders_list.html", context, status=status)


def leaders_list(request):
    _require(request, "events.view_leaders_calendar")
    can_import = request.user.has_perm("events.import_leaders_calendar")
    return _list_page(request, CalendarUploadForm() if can_import else None)


@require_POST
@organisation_required
def leaders_import(request):
    _require(request, "events.import_leaders_calendar")
    form = CalendarUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            draft = services.prepare_import(
                issuer=request.user.organisation,
                by=request.user,
                week_start=form.cleaned_data["week_start"],
                data=form.file_bytes(),
                file_name=form.cleaned_data["file"].name,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect("events:leaders_draft", pk=draft.pk)
    return _list_page(request, form, status=400)


def leaders_draft(request, pk):
    draft = get_draft_for(request.user, pk)
    context = {
        "draft": draft,
        "items": calendar_items_of(draft),
        "comparison": services.compare_with_current(draft),
        "current": services.current_version(draft.issuer_id, draft.week_start),
    }
    return render(request, "events/leaders_draft.html", context)


@require_POST
def leaders_apply(request, pk):
    draft = get_draft_for(request.user, pk)
    try:
        result = services.apply_version(draft, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("events:leaders_list")
    messages.success(
        request,
        _(
            "Calendar applied: %(moved)d covered events moved, %(cancelled)d cancelled; "
            "the reporters on them have been told."
        )
        % {"moved": len(result.moved), "cancelled": len(result.cancelled)},
    )
    return redirect("events:leaders_week", pk=result.version.pk)


@require_POST
def leaders_discard(request, pk):
    services.discard_draft(get_draft_for(request.user, pk), by=request.user)
    messages.success(request, _("The dry run was discarded; nothing was saved."))
    return redirect("events:leaders_list")


def leaders_week(request, pk):
    version = get_calendar_version_for(request.user, pk)
    context = {
        "version": version,
        "items": calendar_items_of(version),
        "can_cover": request.user.has_perm("events.cover_calendar", version),
    }
    return render(request, "events/leaders_week.html", context)


@require_POST
def leaders_cover(request, pk):
    item = get_calendar_item_for(request.user, pk)
    if not request.user.has_perm("events.cover_calendar", item.version):
        raise PermissionDenied
    try:
        notice = services.cover_item(item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Notice created: “%(title)s” is in the triage queue.") % {"title": notice}
        )
    return redirect("events:leaders_week", pk=item.version_id)
