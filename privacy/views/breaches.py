"""The breach register and its 72-hour clock."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from portal.idempotency import submit_once
from privacy.forms.breaches import BreachForm, NewBreachForm
from privacy.selectors.breaches import breaches_for, get_breach_for
from privacy.services import breaches as services


def _check(request):
    if not request.user.has_perm("privacy.view_breaches"):
        raise PermissionDenied


@require_safe
def breach_list(request):
    _check(request)
    page = Paginator(breaches_for(request.user), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "privacy/breach_list.html", {"page": page})


@require_http_methods(["GET", "HEAD", "POST"])
@submit_once
def breach_create(request):
    _check(request)
    form = NewBreachForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        breach = services.record_breach(form, by=request.user)
        messages.success(request, _("Breach recorded. The 72-hour clock runs from its discovery."))
        return redirect("privacy:breach", pk=breach.pk)
    return render(request, "privacy/breach_form.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
def breach_detail(request, pk):
    breach = get_breach_for(request.user, pk)
    form = BreachForm(request.POST or None, instance=breach)
    if request.method == "POST" and form.is_valid():
        services.update_breach(form, by=request.user)
        messages.success(request, _("Saved."))
        return redirect("privacy:breach", pk=breach.pk)
    return render(
        request,
        "privacy/breach_form.html",
        {"form": form, "breach": breach, "affected": breach.affected_contacts.all()},
    )
