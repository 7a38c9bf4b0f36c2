"""The quarterly reportage plan (seed 002) and its progress from publications."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from newsroom.forms.plan import LinkPublicationForm, PlanItemForm
from newsroom.selectors.plan import (
    get_plan_item_for,
    linkable_publications,
    linked_publication,
    plan_of_year,
    quarter_progress,
)
from newsroom.services import plan as services
from portal.idempotency import submit_once
from portal.scoping import organisation_required, scope_for


def _year(request) -> int:
    try:
        return max(2000, min(2100, int(request.GET.get("year", ""))))
    except ValueError:
        return timezone.localdate().year


@require_http_methods(["GET", "HEAD", "POST"])
@organisation_required
@submit_once
def plan(request):
    user = request.user
    if not user.has_perm("newsroom.plan"):
        raise PermissionDenied
    year = _year(request)
    form = PlanItemForm(
        request.POST or None,
        centre_id=scope_for(user).centre_id,
        initial={"year": year, "quarter": 1, "duration_minutes": 5},
    )
    if request.method == "POST" and form.is_valid():
        try:
            item = services.add_plan_item(centre=user.organisation, by=user, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Added to the plan."))
            return redirect(f"{reverse('newsroom:plan')}?year={item.year}")
    items = plan_of_year(user, year)
    return render(
        request,
        "newsroom/plan.html",
        {
            "year": year,
            "quarters": quarter_progress(items),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def plan_item(request, pk):
    item = get_plan_item_for(request.user, pk)
    choices = linkable_publications(request.user, item)
    form = LinkPublicationForm(request.POST or None, publications=choices)
    if request.method == "POST" and form.is_valid():
        try:
            services.link_publication(item, form.cleaned_data["publication"], by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Publication counted towards the plan."))
        return redirect("newsroom:plan_item", pk=item.pk)
    return render(
        request,
        "newsroom/plan_item.html",
        {
            "item": item,
            "form": form,
            "linked": item.publications.select_related("channel", "notice", "story"),
        },
    )


@require_POST
def plan_item_unlink(request, pk, publication_pk):
    item = get_plan_item_for(request.user, pk)
    publication = linked_publication(item, publication_pk)
    if publication:
        services.unlink_publication(item, publication, by=request.user)
    return redirect("newsroom:plan_item", pk=item.pk)
