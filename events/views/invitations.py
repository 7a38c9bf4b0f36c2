"""The invite-the-press page of a notice (seed 001)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from contacts.filters import PressSearchFilter
from contacts.selectors.directory import invitable_contacts
from events.forms.invitations import InviteForm
from events.selectors.notices import get_notice_for, press_invitations_of
from events.services.invitations import invite_press
from portal.idempotency import submit_once

CANDIDATES_SHOWN = 200


@require_http_methods(["GET", "HEAD", "POST"])
@submit_once
def invite_view(request, pk):
    notice = get_notice_for(request.user, pk, perm="events.invite_press")
    form = InviteForm(request.POST if request.method == "POST" else None, notice=notice)
    if request.method == "POST" and form.is_valid():
        try:
            created = invite_press(
                notice,
                form.chosen(),
                by=request.user,
                message=form.cleaned_data["message"],
                documents=form.cleaned_data["documents"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("%(count)s invitations sent.") % {"count": len(created)})
        return redirect("events:invite", pk=notice.pk)
    filterset = PressSearchFilter(request.GET or None, queryset=invitable_contacts())
    invited = press_invitations_of(notice)
    candidates = list(filterset.qs[: CANDIDATES_SHOWN + 1])
    return render(
        request,
        "events/press_invite.html",
        {
            "notice": notice,
            "form": form,
            "filters": filterset.form,
            "invited": invited,
            "invited_ids": {i.contact_id for i in invited},
            # One more than shown tells whether the list was cut, without a COUNT query.
            "candidates": candidates[:CANDIDATES_SHOWN],
            "more_candidates": len(candidates) > CANDIDATES_SHOWN,
            "candidates_shown": CANDIDATES_SHOWN,
        },
    )
