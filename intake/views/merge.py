from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.selectors.notices import get_notice_for
from events.services.notices import merge_notices
from intake.forms.merge import MergeForm


@require_POST
def notice_merge(request, pk):
    """A duplicate notice merged into the one kept, through the lifecycle (cancelled,
    saying where it went); both are the editor's own centre's, else 404."""
    duplicate = get_notice_for(request.user, pk, perm="intake.merge_notice")
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the number of the notice to keep."))
        return redirect("events:detail", pk=duplicate.pk)
    keep = get_notice_for(request.user, form.cleaned_data["into"], perm="intake.merge_notice")
    try:
        merge_notices(keep, duplicate, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("events:detail", pk=duplicate.pk)
    messages.success(
        request,
        _("Notice #%(old)s was merged into this one.") % {"old": duplicate.pk},
    )
    return redirect("events:detail", pk=keep.pk)
