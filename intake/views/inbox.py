from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from intake.forms.inbox import AttachSenderForm, ConfirmMailForm
from intake.selectors.inbox import (
    attachments_of,
    get_attachment_of,
    get_mail_for,
    inbox_for,
    recent_for,
)
from intake.services import inbox as services
from intake.services.intake import notice_data
from portal.files import serve_protected
from portal.idempotency import submit_once


@require_safe
@permission_required("intake.view_inbox", raise_exception=True)
def inbox(request):
    page = Paginator(inbox_for(request.user), 25).get_page(request.GET.get("page"))
    return render(
        request, "intake/inbox.html", {"page": page, "recent": list(recent_for(request.user))}
    )


def _confirm_form(request, mail):
    initial = {**notice_data(mail), "agency": mail.agency}
    return ConfirmMailForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        centre_id=mail.centre_id,
        received_at=mail.received_at,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@submit_once
def mail_detail(request, pk):
    """The original mail beside one prefilled form: confirm or correct, then save."""
    deciding = request.method == "POST"
    mail = get_mail_for(request.user, pk, perm="intake.decide" if deciding else None)
    form = _confirm_form(request, mail)
    if deciding:
        if form.is_valid():
            data = form.cleaned_data
            try:
                notice = services.confirm(
                    mail,
                    by=request.user,
                    agency=data["agency"],
                    data=data,
                    remember=data["remember_sender"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The notice was created; the sender was told."))
                return redirect("events:detail", pk=notice.pk)
    status = 400 if form.is_bound else 200
    context = {
        "mail": mail,
        "form": form,
        "attachments": attachments_of(mail),
        "attach_form": AttachSenderForm(centre_id=mail.centre_id),
    }
    return render(request, "intake/mail_detail.html", context, status=status)


@require_POST
def mail_discard(request, pk):
    mail = get_mail_for(request.user, pk, perm="intake.decide")
    try:
        services.discard(mail, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("intake:detail", pk=mail.pk)
    messages.success(request, _("The e-mail was discarded."))
    return redirect("intake:inbox")


@require_POST
def mail_attach_sender(request, pk):
    mail = get_mail_for(request.user, pk, perm="intake.decide")
    form = AttachSenderForm(request.POST, centre_id=mail.centre_id)
    if not form.is_valid():
        messages.error(request, _("Choose an agency of the centre."))
        return redirect("intake:detail", pk=mail.pk)
    try:
        services.attach_sender(mail, by=request.user, agency=form.cleaned_data["agency"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Mail from %(address)s is now read as %(agency)s's.")
            % {"address": mail.from_address, "agency": form.cleaned_data["agency"]},
        )
    return redirect("intake:detail", pk=mail.pk)


@require_safe
def mail_raw(request, pk):
    mail = get_mail_for(request.user, pk)
    return serve_protected(mail.raw, f"email-{mail.pk}.eml", "message/rfc822")


@require_safe
def mail_attachment(request, pk, attachment_pk):
    mail = get_mail_for(request.user, pk)
    attachment = get_attachment_of(mail, attachment_pk)
    return serve_protected(attachment.file, attachment.original_name, attachment.content_type)
