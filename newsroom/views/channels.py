"""The centre's publication channels (the director's pages): list and add, edit,
retire or reactivate, remove one added by mistake."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from newsroom.forms.channels import ChannelForm
from newsroom.selectors.channels import channels_for, get_channel_for
from newsroom.services import channels as services
from portal.idempotency import submit_once
from portal.scoping import organisation_required, scope_for

PERM = "newsroom.manage_channels"


@require_http_methods(["GET", "HEAD", "POST"])
@organisation_required
@submit_once
def channel_list(request):
    user = request.user
    if not user.has_perm(PERM):
        raise PermissionDenied
    form = ChannelForm(request.POST or None, centre_id=scope_for(user).centre_id)
    if request.method == "POST" and form.is_valid():
        try:
            channel = services.add_channel(user.organisation, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("name", exc)
        else:
            messages.success(request, _("Channel “%(name)s” added.") % {"name": channel.name})
            return redirect("newsroom:channels")
    return render(
        request,
        "newsroom/channels.html",
        {"channels": list(channels_for(user)), "form": form},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def channel_edit(request, pk):
    user = request.user
    channel = get_channel_for(user, pk, perm=PERM)
    form = ChannelForm(request.POST or None, instance=channel, centre_id=channel.centre_id)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_channel(channel, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("name", exc)
        else:
            messages.success(request, _("Channel “%(name)s” saved.") % {"name": channel.name})
            return redirect("newsroom:channels")
    return render(
        request,
        "newsroom/channel_form.html",
        {"channel": channel, "form": form},
        status=400 if form.is_bound else 200,
    )


@require_POST
def channel_retire(request, pk):
    channel = get_channel_for(request.user, pk, perm=PERM)
    if services.set_channel_active(channel, False):
        messages.success(
            request,
            _("“%(name)s” retired: it is no longer offered; past publications keep it.")
            % {"name": channel.name},
        )
    else:
        messages.info(request, _("“%(name)s” was already retired.") % {"name": channel.name})
    return redirect("newsroom:channels")


@require_POST
def channel_reactivate(request, pk):
    channel = get_channel_for(request.user, pk, perm=PERM)
    if services.set_channel_active(channel, True):
        messages.success(request, _("“%(name)s” is offered again.") % {"name": channel.name})
    else:
        messages.info(request, _("“%(name)s” was already active.") % {"name": channel.name})
    return redirect("newsroom:channels")


@require_POST
def channel_remove(request, pk):
    channel = get_channel_for(request.user, pk, perm=PERM)
    try:
        services.remove_channel(channel)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Channel “%(name)s” removed.") % {"name": channel.name})
    return redirect("newsroom:channels")
