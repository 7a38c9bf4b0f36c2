from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from events.selectors.notices import get_notice_for
from newsroom.filters import PublicationFilter
from newsroom.forms.publications import PublicationForm
from newsroom.selectors.publications import publication_totals, publications_for
from newsroom.services.publications import record_publication
from newsroom.views.triage import render_triage
from portal.idempotency import submit_once
from portal.pagination import keyed_page


@require_POST
@submit_once
def publication_create(request, pk):
    notice = get_notice_for(request.user, pk, perm="newsroom.publish")
    form = PublicationForm(request.POST, centre_id=notice.centre_id)
    if form.is_valid():
        try:
            record_publication(notice, by=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Publication recorded; the notice counts as published."))
            return redirect("newsroom:notice", pk=notice.pk)
    return render_triage(request, notice.pk, publication_form=form, status=400)


@require_safe
def publication_list(request):
    """Everything the centre published, newest first, to answer "what did we air?"."""
    user = request.user
    if not user.has_perm("newsroom.view_publications"):
        raise PermissionDenied
    filterset = PublicationFilter(request.GET or None, queryset=publications_for(user), user=user)
    publications = filterset.qs
    page = keyed_page(publications, settings.PAGE_SIZE, request.GET.get("page"))
    return render(
        request,
        "newsroom/publication_list.html",
        {"form": filterset.form, "page": page, "totals": publication_totals(publications)},
    )
