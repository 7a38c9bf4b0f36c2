from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from campaigns.enums import CampaignStatus
from campaigns.filters import TrackingFilter
from campaigns.forms.campaigns import (
    CampaignForm,
    DocumentFormSet,
    MaterialForm,
    SendForm,
    TaskFormSet,
    filled,
)
from campaigns.selectors.campaigns import (
    audience_preview,
    campaign_list_for,
    get_campaign_for,
    get_material_for,
    pool,
)
from campaigns.selectors.tracking import (
    due_for,
    own_row,
    relays_of,
    reports_by_task,
    status_counts,
    task_completion,
    tasks_of,
    tracking_rows,
)
from campaigns.services import campaigns as services
from campaigns.services.tracking import mark_opened
from portal.files import serve_protected
from portal.idempotency import Done, submit_once
from portal.scoping import organisation_required


@require_safe
@permission_required("campaigns.view_campaigns", raise_exception=True)
def campaign_list(request):
    user = request.user
    page = Paginator(campaign_list_for(user), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "campaigns/list.html",
        {
            "page": page,
            "due": due_for(user),
            "may_create": user.has_perm("campaigns.add_campaign"),
        },
    )


def _forms(request, campaign, *, issuer_id, relay):
    data = request.POST if request.method == "POST" else None
    docs, tasks = [], []
    if campaign is not None:
        docs = list(campaign.documents.values("number", "issued_on", "issuer", "summary"))
        tasks = list(campaign.tasks.values("audience", "description", "times"))
    form = CampaignForm(data, instance=campaign, pool=pool(issuer_id, relay=relay), relay=relay)
    documents = DocumentFormSet(data, prefix="doc", initial=docs or None)
    task_forms = TaskFormSet(
        data, prefix="task", initial=tasks or None, form_kwargs={"relay": relay}
    )
    return form, documents, task_forms


def _valid(*forms) -> bool:
    return all([f.is_valid() for f in forms])  # every form validated, so all show errors


@require_http_methods(["GET", "HEAD", "POST"])
@organisation_required
@permission_required("campaigns.add_campaign", raise_exception=True)
@submit_once
def campaign_create(request):
    issuer = request.user.organisation
    form, documents, tasks = _forms(request, None, issuer_id=issuer.pk, relay=False)
    if request.method == "POST" and _valid(form, documents, tasks):
        campaign = services.create_campaign(
            issuer=issuer,
            by=request.user,
            data=form.cleaned_data,
            documents=filled(documents),
            tasks=filled(tasks),
        )
        messages.success(request, _("The draft was saved. Add materials, then send it."))
        return redirect("campaigns:detail", pk=campaign.pk)
    context = {"form": form, "documents": documents, "tasks": tasks, "campaign": None}
    return render(request, "campaigns/form.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def campaign_edit(request, pk):
    campaign = get_campaign_for(request.user, pk, perm="campaigns.change_campaign")
    form, documents, tasks = _forms(
        request, campaign, issuer_id=campaign.issuer_id, relay=campaign.is_relay
    )
    if request.method == "POST" and _valid(form, documents, tasks):
        services.update_campaign(
            campaign,
            by=request.user,
            data=form.cleaned_data,
            documents=filled(documents),
            tasks=filled(tasks),
        )
        messages.success(request, _("The draft was saved."))
        return redirect("campaigns:detail", pk=campaign.pk)
    context = {"form": form, "documents": documents, "tasks": tasks, "campaign": campaign}
    return render(request, "campaigns/form.html", context)


@require_safe
def campaign_detail(request, pk):
    user = request.user
    campaign = get_campaign_for(user, pk)
    row = own_row(user, campaign)
    if row is not None and user.has_perm("campaigns.act_on_campaign", row):
        row = mark_opened(row)
    may_track = user.has_perm("campaigns.track_campaign", campaign)
    context = {
        "campaign": campaign,
        "documents": campaign.documents.all(),
        "materials": campaign.materials.all(),
        "tasks": tasks_of(campaign),
        "row": row,
        "may_edit": user.has_perm("campaigns.change_campaign", campaign),
        "may_send": user.has_perm("campaigns.send_campaign", campaign),
        "may_close": user.has_perm("campaigns.close_campaign", campaign),
        "may_track": may_track,
    }
    if row is not None:
        reports = reports_by_task(row)
        context["my_tasks"] = [(t, reports.get(t.pk)) for t in tasks_of(campaign, row.kind)]
        context["may_act"] = user.has_perm("campaigns.act_on_campaign", row)
        context["may_relay"] = user.has_perm("campaigns.relay_campaign", row)
    if may_track:
        filterset = TrackingFilter(request.GET or None, queryset=tracking_rows(campaign))
        context["filter"] = filterset
        context["page"] = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context["query"] = query.urlencode()  # the filters, kept by the page links
        context["completion"] = task_completion(campaign)
        context["counts"] = status_counts(campaign)
        context["relays"] = relays_of(campaign)
    return render(request, "campaigns/detail.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@submit_once
def material_add(request, pk):
    campaign = get_campaign_for(request.user, pk, perm="campaigns.change_campaign")
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.add_material(
            campaign,
            by=request.user,
            kind=data["kind"],
            title=data["title"],
            upload=data.get("file"),
            url=data.get("url"),
            text=data.get("text"),
        )
        messages.success(request, _("The material was added."))
        return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "campaigns/material_form.html", {"form": form, "campaign": campaign})


@require_POST
def material_remove(request, pk, material_pk):
    campaign = get_campaign_for(request.user, pk, perm="campaigns.change_campaign")
    material = get_material_for(request.user, campaign.pk, material_pk)
    services.remove_material(material)
    messages.success(request, _("The material was removed."))
    return redirect("campaigns:detail", pk=campaign.pk)


@require_safe
def material_download(request, pk, material_pk):
    material = get_material_for(request.user, pk, material_pk)
    if not material.file:
        raise PermissionDenied
    return serve_protected(material.file, material.original_name, material.content_type)


SENT = Done(
    lambda user, campaign: campaign.status != CampaignStatus.DRAFT,
    gettext_lazy("The campaign was already sent."),
    lambda campaign: reverse("campaigns:detail", args=[campaign.pk]),
)


@require_http_methods(["GET", "HEAD", "POST"])
@submit_once
def campaign_send(request, pk):
    """The recipients with their count, then the confirmed send."""
    campaign = get_campaign_for(request.user, pk, perm="campaigns.send_campaign", done=SENT)
    form = SendForm(request.POST or None)
    problems = services.readiness(campaign)
    if request.method == "POST" and form.is_valid() and not problems:
        try:
            count = services.send_campaign(campaign, by=request.user)
        except services.NotReady as exc:  # changed since the page was shown
            problems = [str(exc)]
        else:
            messages.success(
                request, _("The campaign was sent to %(n)s organisations.") % {"n": count}
            )
            return redirect("campaigns:detail", pk=campaign.pk)
    audience = list(audience_preview(campaign))
    context = {"campaign": campaign, "form": form, "audience": audience, "problems": problems}
    return render(request, "campaigns/send.html", context, status=400 if form.is_bound else 200)


CLOSED = Done(
    lambda user, campaign: campaign.status == CampaignStatus.CLOSED,
    gettext_lazy("The campaign was already closed."),
    lambda campaign: reverse("campaigns:detail", args=[campaign.pk]),
)


@require_POST
def campaign_close(request, pk):
    campaign = get_campaign_for(request.user, pk, perm="campaigns.close_campaign", done=CLOSED)
    services.close_campaign(campaign, by=request.user)
    messages.success(request, _("The campaign was closed. Its summary is ready to download."))
    return redirect("campaigns:detail", pk=campaign.pk)
