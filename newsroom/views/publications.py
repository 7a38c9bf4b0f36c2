from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.selectors import get_notice_for
from newsroom.forms.publications import PublicationForm
from newsroom.services.publications import record_publication
from newsroom.views.triage import notice_triage


@require_POST
def publication_create(request, pk):
    notice = get_notice_for(request.user, pk, perm="newsroom.publish")
    form = PublicationForm(request.POST)
    if form.is_valid():
        try:
            record_publication(notice, by=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Publication recorded; the notice counts as published."))
            return redirect("newsroom:notice", pk=notice.pk)
    return notice_triage(request, notice.pk, publication_form=form, status=400)
