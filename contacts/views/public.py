from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import render

from contacts.forms.entries import PublicFilterForm
from contacts.selectors.directory import can_see_internal, public_areas, public_contacts

FILTERS = ("q", "level", "kind", "area")


def cleaned_filters(form) -> dict:
    if not form.is_valid():
        return {}
    return {name: form.cleaned_data.get(name) or "" for name in FILTERS}


@login_not_required
def public_list(request):
    """The published list: approved, active entries, public fields only. No login."""
    filters = PublicFilterForm(request.GET or None)
    contacts = public_contacts(**cleaned_filters(filters))
    page = Paginator(contacts, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "contacts/public_list.html",
        {
            "page": page,
            "filters": filters,
            "areas": public_areas(),
            "stale_after_days": settings.CONTACT_STALE_AFTER_DAYS,
            "staff": can_see_internal(request.user),
        },
    )
