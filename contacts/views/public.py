from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from contacts.filters import PublicContactFilter
from contacts.selectors.directory import can_see_internal, public_areas, public_contacts
from portal.pagination import keyed_page


@require_safe
@login_not_required
def public_list(request):
    """The published list: approved, active entries, public fields only. No login."""
    filterset = PublicContactFilter(request.GET or None, queryset=public_contacts())
    page = keyed_page(filterset.qs, settings.PAGE_SIZE, request.GET.get("page"))
    return render(
        request,
        "contacts/public_list.html",
        {
            "page": page,
            "filters": filterset.form,
            "areas": public_areas(),
            "stale_after_days": settings.CONTACT_STALE_AFTER_DAYS,
            "staff": can_see_internal(request.user),
        },
    )
