from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from intake.forms.mailboxes import MailboxForm
from intake.services import mailboxes as services
from portal.scoping import organisation_required


@require_http_methods(["GET", "HEAD", "POST"])
@organisation_required
@permission_required("intake.configure_mailbox", raise_exception=True)
def mailbox_settings(request):
    """The director's own centre: the mailbox agencies send their invitations to."""
    mailbox = services.settings_for(request.user.organisation)
    form = MailboxForm(request.POST or None, instance=mailbox)
    if request.method == "POST" and form.is_valid():
        services.save_settings(form)
        messages.success(request, _("The mailbox settings were saved."))
        return redirect("intake:mailbox")
    status = 400 if form.is_bound else 200
    return render(request, "intake/mailbox.html", {"form": form, "mailbox": mailbox}, status=status)
