"""The page a person reaches from the notice they were sent: no account, a signed link
that works for their entry only and expires."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from contacts.enums import LegalBasis
from contacts.forms.consent import ConsentForm
from contacts.models.press import CONSENT_FIELDS
from contacts.selectors.directory import live_contacts
from contacts.services import consent


@require_http_methods(["GET", "HEAD", "POST"])
@login_not_required
def consent_page(request, pk, token):
    try:
        consent.check_token(pk, token)
    except consent.InvalidConsentLink as exc:
        return render(request, "contacts/consent_invalid.html", {"reason": str(exc)}, status=400)
    contact = live_contacts().filter(pk=pk).first()
    if contact is None:
        return render(
            request,
            "contacts/consent_invalid.html",
            {"reason": _("This entry is no longer in the directory; nothing of it is published.")},
            status=404,
        )
    form = ConsentForm(request.POST or None, contact=contact)
    if request.method == "POST" and form.is_valid():
        consent.answer(contact, form.choices())
        messages.success(request, _("Your choice is recorded and applies now."))
        return redirect(request.path)
    duty = [
        contact._meta.get_field(field).verbose_name
        for field in CONSENT_FIELDS
        if getattr(contact, field) and contact.basis_of(field) == LegalBasis.OFFICIAL_DUTY
    ]
    return render(
        request, "contacts/consent.html", {"contact": contact, "form": form, "duty_fields": duty}
    )
