"""Staff: the full directory with internal fields, and proposals of changes."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from contacts.enums import AccessKind
from contacts.filters import DirectoryFilter
from contacts.forms.entries import ContactForm, NewContactForm, RetireForm
from contacts.selectors.consent import latest_records
from contacts.selectors.directory import contact_history, directory_for, get_contact_for
from contacts.selectors.review import pending_proposals
from contacts.services import review as services
from contacts.services.access import record_read
from portal.idempotency import submit_once


@require_safe
def directory(request):
    if not request.user.has_perm("contacts.view_internal"):
        raise PermissionDenied
    filterset = DirectoryFilter(request.GET or None, queryset=directory_for(request.user))
    page = Paginator(filterset.qs, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    record_read(request.user, AccessKind.DIRECTORY, detail=request.GET.urlencode())
    return render(request, "contacts/directory.html", {"page": page, "filters": filterset.form})


@require_safe
def contact_detail(request, pk):
    contact = get_contact_for(request.user, pk)
    record_read(request.user, AccessKind.ENTRY, entry_id=contact.pk)
    return render(
        request,
        "contacts/contact_detail.html",
        {
            "contact": contact,
            "history": contact_history(contact),
            "bases": latest_records(contact),
            "pending": pending_proposals(request.user).filter(contact=contact),
            "retire_form": RetireForm(),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@submit_once
def contact_create(request):
    if not request.user.has_perm("contacts.propose_change"):
        raise PermissionDenied
    form = NewContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        proposal = services.propose_new(by=request.user, data=form.cleaned_data)
        _say_proposed(request, proposal)
        return redirect("contacts:proposal", pk=proposal.pk)
    return render(request, "contacts/contact_form.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
def contact_edit(request, pk):
    contact = get_contact_for(request.user, pk)
    if not request.user.has_perm("contacts.propose_change"):
        raise PermissionDenied
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.propose_edit(
                contact, by=request.user, data=form.cleaned_data, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            _say_proposed(request, proposal)
            return redirect("contacts:proposal", pk=proposal.pk)
    return render(request, "contacts/contact_form.html", {"form": form, "contact": contact})


@require_POST
@submit_once
def contact_retire(request, pk):
    contact = get_contact_for(request.user, pk)
    form = RetireForm(request.POST)
    if not form.is_valid():  # an out-of-date form says so; else the reason is missing
        stale = " ".join(form.non_field_errors())
        messages.error(request, stale or _("Say why the entry should be retired."))
        return redirect("contacts:contact", pk=contact.pk)
    try:
        proposal = services.propose_retirement(
            contact, by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("contacts:contact", pk=contact.pk)
    _say_proposed(request, proposal)
    return redirect("contacts:proposal", pk=proposal.pk)


@require_POST
def contact_verify(request, pk):
    contact = get_contact_for(request.user, pk)
    services.reverify(contact, by=request.user)
    messages.success(request, _("Marked as verified today."))
    if request.POST.get("back") == "review":
        return redirect("contacts:review")
    return redirect("contacts:contact", pk=contact.pk)


def _say_proposed(request, proposal):
    if proposal.is_pending:
        messages.success(request, _("Proposal sent to the provincial reviewer."))
    else:
        messages.success(request, _("Change approved and published."))
