from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from newsroom.enums import ResponseStatus
from newsroom.filters import MonitoringFilter
from newsroom.forms.monitoring import MonitoringItemForm, ResponseForm
from newsroom.selectors.monitoring import get_item_for, monitoring_items_for
from newsroom.services import monitoring as services
from portal.idempotency import Done, submit_once
from portal.scoping import organisation_required


@require_safe
def item_list(request):
    user = request.user
    if not user.has_perm("newsroom.view_monitoring"):
        raise PermissionDenied
    filterset = MonitoringFilter(request.GET or None, queryset=monitoring_items_for(user))
    page = Paginator(filterset.qs, 20).get_page(request.GET.get("page"))
    cleaned = filterset.form.cleaned_data if filterset.is_bound else {}
    overdue_only = bool(cleaned.get("overdue"))
    context = {
        "page": page,
        "overdue_only": overdue_only,
        "filtered": any(
            cleaned.get(k)
            for k in ("date_from", "date_to", "assessment", "response_status", "response_needed")
        ),
        "filters": filterset.form,
        "query": filterset.form.data.urlencode() if filterset.is_bound else "",
    }
    return render(request, "newsroom/monitoring/list.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@organisation_required
@permission_required("newsroom.add_monitoringitem", raise_exception=True)
@submit_once
def item_create(request):
    centre = request.user.organisation
    form = MonitoringItemForm(request.POST or None, centre=centre)
    if request.method == "POST" and form.is_valid():
        item = services.log_item(centre=centre, by=request.user, data=form.cleaned_data)
        messages.success(request, _("The press item was logged."))
        return redirect("newsroom:monitoring_detail", pk=item.pk)
    return render(request, "newsroom/monitoring/form.html", {"form": form, "item": None})


@require_http_methods(["GET", "HEAD", "POST"])
def item_edit(request, pk):
    item = get_item_for(request.user, pk, perm="newsroom.change_monitoringitem")
    form = MonitoringItemForm(request.POST or None, instance=item, centre=item.centre)
    if request.method == "POST" and form.is_valid():
        services.update_item(item, by=request.user, data=form.cleaned_data)
        messages.success(request, _("The press item was updated."))
        return redirect("newsroom:monitoring_detail", pk=item.pk)
    return render(request, "newsroom/monitoring/form.html", {"form": form, "item": item})


@require_safe
def item_detail(request, pk):
    item = get_item_for(request.user, pk)
    may_respond = request.user.has_perm("newsroom.respond_monitoringitem", item)
    return render(
        request,
        "newsroom/monitoring/detail.html",
        {
            "item": item,
            "may_respond": may_respond,
            "may_edit": request.user.has_perm("newsroom.change_monitoringitem", item),
            "form": ResponseForm() if may_respond else None,
        },
    )


RESPONDED = Done(
    lambda user, item: item.response_status == ResponseStatus.RESPONDED,
    gettext_lazy("The response was already recorded."),
    lambda item: reverse("newsroom:monitoring_detail", args=[item.pk]),
)


@require_POST
def item_respond(request, pk):
    item = get_item_for(request.user, pk, perm="newsroom.respond_monitoringitem", done=RESPONDED)
    form = ResponseForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "newsroom/monitoring/detail.html",
            {"item": item, "may_respond": True, "may_edit": False, "form": form},
            status=400,
        )
    services.record_response(item, by=request.user, text=form.cleaned_data["text"])
    messages.success(request, _("The response was recorded."))
    return redirect("newsroom:monitoring_detail", pk=item.pk)
