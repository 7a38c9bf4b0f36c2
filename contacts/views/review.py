"""Proposals and the provincial reviewer's dashboard."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from contacts.enums import ProposalStatus
from contacts.forms.entries import DecisionForm
from contacts.selectors.review import (
    counts_by_level,
    dashboard_counts,
    get_proposal_for,
    pending_proposals,
    proposal_diff,
    proposals_for,
    stale_contacts,
)
from contacts.services import review as services
from portal.idempotency import Done


@require_safe
def review_dashboard(request):
    if not request.user.has_perm("contacts.review_contacts"):
        raise PermissionDenied
    page = Paginator(pending_proposals(request.user), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "contacts/review_dashboard.html",
        {
            "page": page,
            "stale": stale_contacts()[:20],
            "counts": dashboard_counts(),
            "by_level": counts_by_level(),
            "stale_after_days": settings.CONTACT_STALE_AFTER_DAYS,
        },
    )


@require_safe
def proposal_list(request):
    if not request.user.has_perm("contacts.propose_change"):
        raise PermissionDenied
    proposals = proposals_for(request.user).select_related("contact", "proposed_by")
    page = Paginator(proposals.order_by("-proposed_at"), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "contacts/proposal_list.html", {"page": page})


@require_safe
def proposal_detail(request, pk):
    proposal = get_proposal_for(request.user, pk)
    return render(
        request,
        "contacts/proposal_detail.html",
        {
            "proposal": proposal,
            "diff": proposal_diff(proposal),
            "decision_form": DecisionForm(),
            "can_review": request.user.has_perm("contacts.review_contacts"),
        },
    )


def _proposal_page(proposal) -> str:
    return reverse("contacts:proposal", args=[proposal.pk])


APPROVED = Done(
    lambda user, p: p.status == ProposalStatus.APPROVED,
    gettext_lazy("This proposal was already approved."),
    _proposal_page,
)
REJECTED = Done(
    lambda user, p: p.status == ProposalStatus.REJECTED,
    gettext_lazy("This proposal was already rejected."),
    _proposal_page,
)


@require_POST
def proposal_approve(request, pk):
    proposal = get_proposal_for(request.user, pk, perm="contacts.review_contacts", done=APPROVED)
    form = DecisionForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        services.approve(proposal, by=request.user, comment=comment)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Approved: the change is live."))
    return redirect("contacts:review")


@require_POST
def proposal_reject(request, pk):
    proposal = get_proposal_for(request.user, pk, perm="contacts.review_contacts", done=REJECTED)
    form = DecisionForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        services.reject(proposal, by=request.user, comment=comment)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("contacts:proposal", pk=proposal.pk)
    messages.success(request, _("Rejected; the proposer was told."))
    return redirect("contacts:review")
