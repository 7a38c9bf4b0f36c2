"""Press agencies: the provincial reviewers keep the list entries are attached to."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from contacts.filters import PressAgencyFilter
from contacts.forms.agencies import PressAgencyForm
from contacts.models import PressAgency
from contacts.selectors.directory import press_agencies_with_counts
from contacts.services.agencies import save_press_agency
from portal.idempotency import submit_once
from portal.scoping import get_for

REVIEWERS_ONLY = permission_required("contacts.review_contacts", raise_exception=True)


@require_safe
@REVIEWERS_ONLY
def agency_list(request):
    filterset = PressAgencyFilter(request.GET or None, queryset=press_agencies_with_counts())
    page = Paginator(filterset.qs, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "contacts/press_agency_list.html",
        {"page": page, "filters": filterset.form, "q": filterset.data.get("q", "").strip()},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@REVIEWERS_ONLY
@submit_once
def agency_create(request):
    return _agency_form(request, None)


@require_http_methods(["GET", "HEAD", "POST"])
@REVIEWERS_ONLY
def agency_edit(request, pk):
    return _agency_form(request, get_for(request.user, press_agencies_with_counts(), pk))


def _agency_form(request, agency: PressAgency | None):
    form = PressAgencyForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        saved = save_press_agency(by=request.user, data=form.cleaned_data, agency=agency)
        messages.success(
            request,
            (_("%(name)s was added.") if agency is None else _("%(name)s was saved."))
            % {"name": saved.name},
        )
        return redirect("contacts:agencies")
    return render(request, "contacts/press_agency_form.html", {"form": form, "agency": agency})
