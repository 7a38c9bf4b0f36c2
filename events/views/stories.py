from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from events.enums import StoryStatus
from events.filters import StoryFilter
from events.forms.stories import (
    EditedCopyForm,
    RejectForm,
    ReturnForm,
    StoryForm,
)
from events.selectors.stories import (
    get_photo_for,
    get_story_attachment_for,
    get_story_for,
    status_counts_for,
    story_decisions,
    story_diff,
    story_list_for,
    story_publications,
    with_photo_counts,
)
from events.services import stories as services
from portal.files import serve_protected
from portal.idempotency import Done, submit_once
from portal.pagination import keyed_page
from portal.scoping import organisation_required, scope_for


def _error(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


@require_safe
def story_list(request):
    filterset = StoryFilter(request.GET or None, queryset=story_list_for(request.user))
    page = keyed_page(filterset.qs, 20, request.GET.get("page"))
    page.object_list = with_photo_counts(page.object_list)
    status = filterset.form.cleaned_data.get("status", "") if filterset.is_bound else ""
    counts = status_counts_for(request.user)
    tabs = [(value, label, counts.get(value, 0)) for value, label in StoryStatus.choices]
    if not scope_for(request.user).is_agency_staff:
        tabs = [tab for tab in tabs if tab[0] != StoryStatus.DRAFT]
    return render(
        request,
        "stories/story_list.html",
        {"page": page, "status": status, "tabs": tabs, "filters": filterset.form},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@organisation_required
@submit_once
def story_create(request):
    user = request.user
    if not user.has_perm("events.add_story"):
        raise PermissionDenied
    form = StoryForm(
        request.POST if request.method == "POST" else None,
        request.FILES or None,
        user=request.user,
        agency_id=user.organisation_id,
    )
    if request.method == "POST" and form.is_valid():
        try:
            story = services.create_story(
                agency=user.organisation,
                by=user,
                data=form.cleaned_data,
                photos=form.photo_uploads(),
                attachments=form.cleaned_data["attachments"],
                submit=form.submit,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Story sent to the centre.") if form.submit else _("Draft saved.")
            )
            return redirect("stories:detail", pk=story.pk)
    return render(request, "stories/story_form.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
def story_edit(request, pk):
    story = get_story_for(request.user, pk, perm="events.change_story")
    form = StoryForm(
        request.POST if request.method == "POST" else None,
        request.FILES or None,
        user=request.user,
        instance=story,
        agency_id=story.agency_id,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_story(
                story,
                by=request.user,
                data=form.cleaned_data,
                photos=form.photo_uploads(),
                attachments=form.cleaned_data["attachments"],
                captions=form.caption_changes(),
                submit=form.submit,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Story sent to the centre.") if form.submit else _("Changes saved.")
            )
            return redirect("stories:detail", pk=story.pk)
    return render(request, "stories/story_form.html", {"form": form, "story": story})


@require_safe
def story_detail(request, pk):
    story = get_story_for(request.user, pk)
    user = request.user
    return render(
        request,
        "stories/story_detail.html",
        {
            "story": story,
            "photos": story.photos.all(),
            "attachments": story.attachments.all(),
            "decisions": story_decisions(story),
            "publications": story_publications(story),
            "diff": story_diff(story),
            "can_edit": user.has_perm("events.change_story", story),
            "can_review": user.has_perm("events.review_story", story),
            "can_publish": user.has_perm("events.publish_story", story),
            "copy_form": EditedCopyForm(instance=story),
            "return_form": ReturnForm(),
            "reject_form": RejectForm(),
        },
    )


def _detail_url(story) -> str:
    return reverse("stories:detail", args=[story.pk])


def _already(statuses, message) -> Done:
    return Done(lambda user, story: story.status in statuses, message, _detail_url)


SENT = _already(
    (StoryStatus.SUBMITTED, StoryStatus.IN_REVIEW), gettext_lazy("This story was already sent.")
)
CLAIMED = Done(
    lambda user, story: story.status == StoryStatus.IN_REVIEW and story.claimed_by_id == user.pk,
    gettext_lazy("You are already reviewing this story."),
    _detail_url,
)
RETURNED = _already((StoryStatus.RETURNED,), gettext_lazy("This story was already returned."))
APPROVED = _already((StoryStatus.APPROVED,), gettext_lazy("This story was already approved."))
REJECTED = _already((StoryStatus.REJECTED,), gettext_lazy("This story was already rejected."))


def _decide(request, pk, perm, form_class, action, done=None):
    """Load with `perm` (or answer that the decision is `done` already), validate the
    small form, call the service, report, redirect."""
    story = get_story_for(request.user, pk, perm=perm, done=done)
    if form_class is None:
        form = None
    elif form_class is EditedCopyForm:
        form = EditedCopyForm(request.POST, instance=story)
    else:
        form = form_class(request.POST)
    if form is not None and not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("stories:detail", pk=story.pk)
    try:
        message = action(story, form.cleaned_data if form else {})
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, message)
    return redirect("stories:detail", pk=story.pk)


@require_POST
def story_submit(request, pk):
    def act(story, data):
        services.submit_story(story, by=request.user)
        return _("Story sent to the centre.")

    return _decide(request, pk, "events.change_story", None, act, SENT)


@require_POST
def story_claim(request, pk):
    def act(story, data):
        services.claim_story(story, by=request.user)
        return _("You are reviewing this story.")

    return _decide(request, pk, "events.review_story", None, act, CLAIMED)


@require_POST
def story_save_copy(request, pk):
    def act(story, data):
        services.save_edited_copy(story, by=request.user, data=data)
        return _("Edited copy saved. The submitted text is unchanged.")

    return _decide(request, pk, "events.review_story", EditedCopyForm, act)


@require_POST
def story_return(request, pk):
    def act(story, data):
        services.return_story(story, by=request.user, comment=data["comment"])
        return _("Story returned to the agency with your comment.")

    return _decide(request, pk, "events.review_story", ReturnForm, act, RETURNED)


@require_POST
def story_approve(request, pk):
    def act(story, data):
        services.approve_story(story, by=request.user)
        return _("Story approved. Record its publications when it goes out.")

    return _decide(request, pk, "events.review_story", None, act, APPROVED)


@require_POST
def story_reject(request, pk):
    def act(story, data):
        services.reject_story(story, by=request.user, reason=data["reason"])
        return _("Story rejected; the agency was told why.")

    return _decide(request, pk, "events.review_story", RejectForm, act, REJECTED)


@require_POST
def photo_remove(request, pk, photo_pk):
    story = get_story_for(request.user, pk, perm="events.change_story")
    try:
        services.remove_photo(story, photo_pk, by=request.user)
    except ValidationError as exc:
        _error(request, exc)
    return redirect("stories:edit", pk=story.pk)


@require_safe
def photo_file(request, pk, photo_pk, size="full"):
    photo = get_photo_for(request.user, pk, photo_pk)
    if size == "full":
        return serve_protected(
            photo.image,
            f"photo-{photo.pk}{_suffix(photo.image.name)}",
            photo.content_type,
            inline=True,
        )
    field = {"small": photo.thumb_small, "medium": photo.thumb_medium}.get(size)
    if not field:
        raise Http404(_("The thumbnail is not ready yet."))
    return serve_protected(field, f"photo-{photo.pk}-{size}.jpg", "image/jpeg", inline=True)


@require_safe
def attachment_file(request, pk, attachment_pk):
    attachment = get_story_attachment_for(request.user, pk, attachment_pk)
    return serve_protected(attachment.file, attachment.original_name, attachment.content_type)


def _suffix(name: str) -> str:
    return name[name.rfind(".") :] if "." in name else ""
