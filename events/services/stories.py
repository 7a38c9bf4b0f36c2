"""Every change to a contributor story happens here: atomic, with its notifications.

Workflow: draft → submitted → in review (claimed by an editor) → returned (the agency
edits and resubmits) → approved → published (per channel, recorded by the newsroom)
| rejected. Anything else is refused with a message saying why.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.enums import StoryAction, StoryStatus
from events.images import ProcessedPhoto, thumbnail
from events.models import Story, StoryAttachment, StoryDecision, StoryPhoto
from events.services.notices import history_line
from portal.files import sniff
from portal.models import User
from portal.outbox import notify
from portal.selectors import agency_staff, centre_editors

log = logging.getLogger(__name__)

STORY_FIELDS = ("title", "lead", "body", "byline", "notice")
EDIT_FIELDS = ("edited_title", "edited_lead", "edited_body")

# action → (states it may start from, state it leads to)
TRANSITIONS = {
    StoryAction.SUBMITTED: ((StoryStatus.DRAFT, StoryStatus.RETURNED), StoryStatus.SUBMITTED),
    StoryAction.CLAIMED: ((StoryStatus.SUBMITTED, StoryStatus.IN_REVIEW), StoryStatus.IN_REVIEW),
    StoryAction.RETURNED: ((StoryStatus.IN_REVIEW,), StoryStatus.RETURNED),
    StoryAction.APPROVED: ((StoryStatus.IN_REVIEW,), StoryStatus.APPROVED),
    StoryAction.REJECTED: ((StoryStatus.SUBMITTED, StoryStatus.IN_REVIEW), StoryStatus.REJECTED),
    StoryAction.PUBLISHED: ((StoryStatus.APPROVED, StoryStatus.PUBLISHED), StoryStatus.PUBLISHED),
}
# How each action reads in "cannot be …" (a verb, not the status label).
ACTION_VERBS = {
    StoryAction.SUBMITTED: gettext_lazy("sent"),
    StoryAction.CLAIMED: gettext_lazy("taken for review"),
    StoryAction.RETURNED: gettext_lazy("returned"),
    StoryAction.APPROVED: gettext_lazy("approved"),
    StoryAction.REJECTED: gettext_lazy("rejected"),
    StoryAction.PUBLISHED: gettext_lazy("published"),
}
AGENCY_EDITABLE = (StoryStatus.DRAFT, StoryStatus.RETURNED)


class StoryTransitionError(ValidationError):
    pass


@dataclass(frozen=True)
class PhotoUpload:
    photo: ProcessedPhoto
    caption: str = ""


def story_url(story: Story) -> str:
    return reverse("stories:detail", args=[story.pk])


def agency_staff_of(story: Story):
    return agency_staff(story.agency_id)


def centre_editors_of(story: Story):
    return centre_editors(story.centre_id)


def _lock(story: Story) -> Story:
    return Story.objects.select_for_update().get(pk=story.pk)


def _check(story: Story, action: StoryAction) -> None:
    """Refuse an illegal transition with a message saying why."""
    sources, _target = TRANSITIONS[action]
    if story.status not in sources:
        raise StoryTransitionError(
            _("A story that is “%(status)s” cannot be %(action)s.")
            % {"status": story.get_status_display(), "action": ACTION_VERBS[action]}
        )


def _record(story: Story, action: StoryAction, by: User, reason: str = "") -> None:
    story.status = TRANSITIONS[action][1]
    story._history_user = by
    label = str(StoryAction(action).label)
    story._change_reason = history_line(label, reason)
    story.save()
    StoryDecision.objects.create(story=story, action=action, by=by, reason=reason)


def _tell_agency(story: Story, kind: str, context: dict | None = None) -> None:
    context = {"story": story, **(context or {})}
    for member in agency_staff_of(story):
        notify(member, kind, context, url=story_url(story))


# --- Files ----------------------------------------------------------------------------------


def _check_photo_count(story: Story, adding: int) -> None:
    limit = settings.STORY_PHOTO_MAX_COUNT
    have = story.photos.count() if story.pk else 0
    if have + adding > limit:
        raise ValidationError(
            _(
                "A story can have at most %(limit)s photos; it has %(have)s and you "
                "added %(adding)s."
            )
            % {"limit": limit, "have": have, "adding": adding}
        )


def _store_photos(story: Story, photos) -> list[int]:
    _check_photo_count(story, len(photos))
    start = story.photos.count()
    ids = []
    for offset, item in enumerate(photos):
        photo = StoryPhoto(
            story=story,
            content_type=item.photo.file_type.mimetype,
            caption=item.caption[:500],
            width=item.photo.width,
            height=item.photo.height,
            size=len(item.photo.content),
            position=start + offset,
        )
        photo.image.save(f"photo{item.photo.extension}", ContentFile(item.photo.content), False)
        photo.save()
        ids.append(photo.pk)
    for photo_id in ids:
        transaction.on_commit(lambda pk=photo_id: enqueue_thumbnails(pk), robust=True)
    return ids


def _store_attachments(story: Story, uploads) -> None:
    have = story.attachments.count()
    limit = settings.STORY_ATTACHMENT_MAX_COUNT
    if have + len(uploads) > limit:
        raise ValidationError(
            _(
                "A story can have at most %(limit)s documents; it has %(have)s and you "
                "added %(adding)s."
            )
            % {"limit": limit, "have": have, "adding": len(uploads)}
        )
    for upload in uploads:
        file_type = sniff(upload)
        StoryAttachment.objects.create(
            story=story,
            file=upload,
            original_name=(upload.name or "file")[:255],
            content_type=file_type.mimetype if file_type else "application/octet-stream",
            size=upload.size,
        )


def enqueue_thumbnails(photo_id: int) -> None:
    """Hand the photo to the broker; if it is down the beat sweep makes them later."""
    from events.tasks import make_story_thumbnails

    make_story_thumbnails.apply_async(args=[photo_id], retry=False)


def make_thumbnails(photo_id: int) -> bool:
    """Make the two thumbnails of a photo if it still lacks them. Idempotent."""
    photo = StoryPhoto.objects.filter(pk=photo_id).first()
    if photo is None or photo.thumbnails_ready:
        return False
    widths = settings.STORY_THUMBNAIL_WIDTHS
    with photo.image.open("rb") as source:
        small = thumbnail(source, widths["small"])
        source.seek(0)
        medium = thumbnail(source, widths["medium"])
    photo.thumb_small.save("small.jpg", ContentFile(small), False)
    photo.thumb_medium.save("medium.jpg", ContentFile(medium), False)
    # Only fill empty columns: a concurrent run must not leave orphaned names behind.
    updated = StoryPhoto.objects.filter(pk=photo.pk, thumb_small="").update(
        thumb_small=photo.thumb_small.name, thumb_medium=photo.thumb_medium.name
    )
    if not updated:
        photo.thumb_small.storage.delete(photo.thumb_small.name)
        photo.thumb_medium.storage.delete(photo.thumb_medium.name)
    return bool(updated)


def photos_lacking_thumbnails(limit: int = 200) -> list[int]:
    return list(
        StoryPhoto.objects.filter(thumb_small="")
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )


def remove_photo(story: Story, photo_id: int, *, by: User) -> None:
    with transaction.atomic():
        story = _lock(story)
        if story.status not in AGENCY_EDITABLE:
            raise ValidationError(_("This story can no longer be changed."))
        photo = story.photos.filter(pk=photo_id).first()
        if photo is None:
            return  # already gone: idempotent
        files = [f for f in (photo.image, photo.thumb_small, photo.thumb_medium) if f]
        names = [(f.storage, f.name) for f in files]
        photo.delete()
        story._history_user = by
        story._change_reason = (_("Photo removed: %(name)s") % {"name": photo.caption or photo.pk})[
            :100
        ]
        story.save()
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])


# --- Agency side ----------------------------------------------------------------------------


@transaction.atomic
def create_story(
    *, agency, by: User, data: dict, photos=(), attachments=(), submit: bool = False
) -> Story:
    if agency.centre_id is None:
        raise ValidationError(_("This agency is not attached to a media centre."))
    story = Story(
        agency=agency,
        centre_id=agency.centre_id,
        created_by=by,
        **{field: data[field] for field in STORY_FIELDS if field in data},
    )
    story._history_user = by
    story._change_reason = _("Draft saved")
    story.save()
    _store_photos(story, list(photos))
    _store_attachments(story, list(attachments))
    if submit:
        _submit(story, by)
    return story


@transaction.atomic
def update_story(
    story: Story,
    *,
    by: User,
    data: dict,
    photos=(),
    attachments=(),
    captions: dict[int, str] | None = None,
    submit: bool = False,
) -> Story:
    """The agency's edit; `captions` maps a photo already attached to its new caption."""
    story = _lock(story)
    if story.status not in AGENCY_EDITABLE:
        raise ValidationError(_("This story can no longer be changed."))
    for field in STORY_FIELDS:
        if field in data:
            setattr(story, field, data[field])
    story._history_user = by
    story._change_reason = _("Edited")
    story.save()
    for photo in story.photos.filter(pk__in=list(captions or {})):
        photo.caption = captions[photo.pk][:500]
        photo.save(update_fields=["caption"])
    _store_photos(story, list(photos))
    _store_attachments(story, list(attachments))
    if submit:
        _submit(story, by)
    return story


@transaction.atomic
def submit_story(story: Story, *, by: User) -> Story:
    story = _lock(story)
    if story.status == StoryStatus.SUBMITTED:
        return story  # idempotent
    _submit(story, by)
    return story


def _submit(story: Story, by: User) -> None:
    _check(story, StoryAction.SUBMITTED)
    resubmitted = story.status == StoryStatus.RETURNED
    story.submitted_at = timezone.now()
    # A resubmission is edited afresh from the agency's new text.
    for field in EDIT_FIELDS:
        setattr(story, field, "")
    story.claimed_by = None
    _record(story, StoryAction.SUBMITTED, by)
    kind = "story_resubmitted" if resubmitted else "story_submitted"
    for editor in centre_editors_of(story):
        notify(editor, kind, {"story": story}, url=story_url(story), email=False)


# --- Editor side ----------------------------------------------------------------------------


@transaction.atomic
def claim_story(story: Story, *, by: User) -> Story:
    """An editor takes the story for review; the working copy starts from the submitted text."""
    story = _lock(story)
    if story.status == StoryStatus.IN_REVIEW and story.claimed_by_id == by.pk:
        return story  # idempotent
    _check(story, StoryAction.CLAIMED)
    story.claimed_by = by
    if not story.has_edits:
        story.edited_title, story.edited_lead, story.edited_body = (
            story.title,
            story.lead,
            story.body,
        )
    _record(story, StoryAction.CLAIMED, by)
    _tell_agency(story, "story_in_review")
    return story


@transaction.atomic
def save_edited_copy(story: Story, *, by: User, data: dict) -> Story:
    story = _lock(story)
    if story.status != StoryStatus.IN_REVIEW:
        raise StoryTransitionError(
            _("Take the story for review before editing it; it is “%(status)s”.")
            % {"status": story.get_status_display()}
        )
    for field in EDIT_FIELDS:
        if field in data:
            setattr(story, field, data[field])
    story._history_user = by
    story._change_reason = _("Edited copy saved")
    story.save()
    return story


@transaction.atomic
def return_story(story: Story, *, by: User, comment: str) -> Story:
    story = _lock(story)
    if story.status == StoryStatus.RETURNED:
        return story
    _check(story, StoryAction.RETURNED)
    story.editor_comment = comment
    _record(story, StoryAction.RETURNED, by, comment)
    _tell_agency(story, "story_returned", {"comment": comment})
    return story


@transaction.atomic
def approve_story(story: Story, *, by: User) -> Story:
    story = _lock(story)
    if story.status == StoryStatus.APPROVED:
        return story
    _check(story, StoryAction.APPROVED)
    _record(story, StoryAction.APPROVED, by)
    _tell_agency(story, "story_approved")
    return story


@transaction.atomic
def reject_story(story: Story, *, by: User, reason: str) -> Story:
    story = _lock(story)
    if story.status == StoryStatus.REJECTED:
        return story
    _check(story, StoryAction.REJECTED)
    story.reject_reason = reason
    _record(story, StoryAction.REJECTED, by, reason)
    _tell_agency(story, "story_rejected", {"reason": reason})
    return story


def mark_published(story: Story, *, by: User, publication) -> Story:
    """Called by the newsroom inside its transaction when it records a publication."""
    story = _lock(story)
    _check(story, StoryAction.PUBLISHED)
    _record(story, StoryAction.PUBLISHED, by, str(publication))
    _tell_agency(story, "story_published", {"publication": publication})
    return story


def ensure_can_publish(story: Story) -> None:
    """Lock the story and refuse early, before the newsroom writes its publication."""
    _check(_lock(story), StoryAction.PUBLISHED)
