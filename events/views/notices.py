from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from events.enums import NoticeStatus, ReceivedVia
from events.filters import NoticeFilter
from events.forms.notices import (
    CancelNoticeForm,
    NoticeForm,
    PhoneNoticeForm,
    ReclassifyForm,
)
from events.selectors.notices import (
    get_attachment_for,
    get_notice_for,
    notice_changes,
    notice_history,
    notice_list_for,
    press_invitations_of,
)
from events.selectors.series import attach_following, with_series
from events.services import notices as services
from portal.files import serve_protected
from portal.idempotency import Done, submit_once
from portal.pagination import keyed_page
from portal.scoping import organisation_required, scope_for


@require_safe
def notice_list(request):
    filterset = NoticeFilter(request.GET or None, queryset=notice_list_for(request.user))
    notices = filterset.qs  # validates the form first
    # Unfiltered, a recurring notice is one row (its next occurrence); a filter shows all.
    filtered = any(getattr(filterset.form, "cleaned_data", {}).values())
    notices = with_series(notices, once=not filtered)
    page = keyed_page(notices, 20, request.GET.get("page"))
    if not filtered:
        page.object_list = attach_following(page.object_list)
    return render(request, "events/notice_list.html", {"page": page, "filters": filterset.form})


@require_http_methods(["GET", "HEAD", "POST"])
@organisation_required
@submit_once
def notice_create(request):
    user = request.user
    if not user.has_perm("events.add_notice"):
        raise PermissionDenied
    phone = user.has_perm("events.log_phone_notice")
    form_class = PhoneNoticeForm if phone else NoticeForm
    centre_id = scope_for(user).centre_id  # a centre's own, or the agency's centre
    form = form_class(
        request.POST if request.method == "POST" else None,
        request.FILES or None,
        user=request.user,
        centre_id=centre_id,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        notice = services.submit_notice(
            agency=data["agency"] if phone else user.organisation,
            by=user,
            data=data,
            uploads=form.uploads(),
            received_at=data.get("called_at"),
            via=ReceivedVia.PHONE if phone else ReceivedVia.WEB,
            late_confirmed=data.get("confirm_late", False),
        )
        messages.success(request, _("Notice sent. The centre has received it."))
        return redirect("events:detail", pk=notice.pk)
    return render(request, "events/notice_form.html", {"form": form, "phone": phone})


@require_safe
def notice_detail(request, pk):
    return _detail(request, get_notice_for(request.user, pk))


def _detail(request, notice, *, reclassify_form=None, status=200):
    """The notice's page; a refused reclassification comes back on it, open, with the
    reason typed and the error next to the field."""
    user = request.user
    return render(
        request,
        "events/notice_detail.html",
        {
            "notice": notice,
            "attachments": notice.attachments.all(),
            "invited": press_invitations_of(notice),
            "history": notice_history(notice),
            "changes": notice_changes(notice),
            "can_edit": user.has_perm("events.change_notice", notice),
            "can_cancel": user.has_perm("events.cancel_notice", notice),
            "can_invite": user.has_perm("events.invite_press", notice),
            "can_reclassify": user.has_perm("events.reclassify_notice", notice),
            "cancel_form": CancelNoticeForm(),
            "reclassify_form": reclassify_form or ReclassifyForm(initial={"kind": notice.kind}),
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def notice_edit(request, pk):
    notice = get_notice_for(request.user, pk, perm="events.change_notice")
    form = NoticeForm(
        request.POST if request.method == "POST" else None,
        request.FILES or None,
        user=request.user,
        instance=notice,
        centre_id=notice.centre_id,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_notice(
                notice,
                by=request.user,
                data=form.cleaned_data,
                uploads=form.uploads(),
                reason=form.cleaned_data["change_reason"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)  # shown above the form, with everything typed kept
        else:
            messages.success(request, _("Changes saved; everyone working on it was told."))
            return redirect("events:detail", pk=notice.pk)
    return render(request, "events/notice_form.html", {"form": form, "notice": notice})


CANCELLED = Done(
    lambda user, notice: notice.status == NoticeStatus.CANCELLED,
    gettext_lazy("This notice was already cancelled."),
    lambda notice: reverse("events:detail", args=[notice.pk]),
)


@require_POST
def notice_cancel(request, pk):
    notice = get_notice_for(request.user, pk, perm="events.cancel_notice", done=CANCELLED)
    form = CancelNoticeForm(request.POST)
    if form.is_valid():
        services.cancel_notice(notice, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The notice was cancelled and the centre was told."))
    else:
        messages.error(request, _("Give a reason for cancelling."))
    return redirect("events:detail", pk=notice.pk)


def reclassify_from(request, notice, form: ReclassifyForm) -> bool:
    """Apply a bound reclassify form: True when done (the message says what changed),
    False with the refusal on the form, for the page to show again with what was typed.
    The notice page and the triage page both reclassify through it."""
    if not form.is_valid():
        return False
    before = (notice.kind, notice.emergency_cause)
    try:
        after = services.reclassify_notice(notice, by=request.user, **form.cleaned_data)
    except ValidationError as exc:  # e.g. the agency cancelled it meanwhile
        form.add_error(None, exc)
        return False
    if (after.kind, after.emergency_cause) == before:
        messages.info(request, _("The notice already has this kind; nothing changed."))
    else:
        messages.success(request, _("Kind changed; the lead time was judged again."))
    return True


@require_POST
def notice_reclassify(request, pk):
    notice = get_notice_for(request.user, pk, perm="events.reclassify_notice")
    form = ReclassifyForm(request.POST)
    if reclassify_from(request, notice, form):
        return redirect("events:detail", pk=notice.pk)
    return _detail(request, notice, reclassify_form=form, status=400)


@require_safe
def attachment_download(request, pk, attachment_pk):
    attachment = get_attachment_for(request.user, pk, attachment_pk)
    return serve_protected(attachment.file, attachment.original_name, attachment.content_type)
