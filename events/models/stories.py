"""Contributor stories (tin cộng tác viên): written by an agency, edited and published by
the centre. The submitted text is never overwritten; editors work on `edited_*`."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from events.enums import StoryAction, StoryStatus


class Story(models.Model):
    agency = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="stories",
    )
    # Denormalised from the agency so scoping is one indexed column (as for notices).
    centre = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("media centre"),
        on_delete=models.PROTECT,
        related_name="received_stories",
    )
    notice = models.ForeignKey(
        "events.Notice",
        verbose_name=_("related notice"),
        on_delete=models.SET_NULL,
        related_name="stories",
        null=True,
        blank=True,
    )
    # The agency's text: what it submitted. Editors never write these.
    title = models.CharField(_("title"), max_length=255)
    lead = models.TextField(_("lead"), max_length=1000, blank=True)
    body = models.TextField(_("body"))
    byline = models.CharField(_("byline"), max_length=255)
    # The editor's working copy, started from the submitted text when claimed.
    edited_title = models.CharField(_("edited title"), max_length=255, blank=True)
    edited_lead = models.TextField(_("edited lead"), blank=True)
    edited_body = models.TextField(_("edited body"), blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=StoryStatus.choices, default=StoryStatus.DRAFT
    )
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("editor"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    editor_comment = models.TextField(_("editor's comment"), blank=True)
    reject_reason = models.TextField(_("reason for rejection"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("contributor story")
        verbose_name_plural = _("contributor stories")
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["centre", "status", "submitted_at"]),
            models.Index(fields=["agency", "updated_at"]),
            models.Index(fields=["centre", "updated_at"]),
            # a reviewer's list across the centres of a province, newest first
            models.Index(fields=["updated_at", "id"]),
        ]

    def __str__(self):
        return self.title

    @property
    def has_edits(self) -> bool:
        return bool(self.edited_title or self.edited_lead or self.edited_body)

    @property
    def final_title(self) -> str:
        return self.edited_title or self.title

    @property
    def final_lead(self) -> str:
        return self.edited_lead if self.has_edits else self.lead

    @property
    def final_body(self) -> str:
        return self.edited_body or self.body


def _random_name(prefix: str, suffix: str) -> str:
    # Never a name from the user, never guessable.
    return f"{prefix}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


def story_photo_path(instance, filename):
    return _random_name("stories/photos", PurePath(filename).suffix.lower()[:10])


def story_thumbnail_path(instance, filename):
    return _random_name("stories/thumbs", PurePath(filename).suffix.lower()[:10])


def story_attachment_path(instance, filename):
    return _random_name("stories/files", PurePath(filename).suffix.lower()[:10])


class StoryPhoto(models.Model):
    """A verified, re-encoded photo (no EXIF). Thumbnails come later from a task."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to=story_photo_path, max_length=255)
    content_type = models.CharField(_("type"), max_length=50)
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    size = models.PositiveIntegerField(_("size"))
    thumb_small = models.FileField(upload_to=story_thumbnail_path, max_length=255, blank=True)
    thumb_medium = models.FileField(upload_to=story_thumbnail_path, max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("story photo")
        verbose_name_plural = _("story photos")
        ordering = ["position", "pk"]
        indexes = [
            # The beat sweep's "photos still without thumbnails" (few rows, read by pk).
            models.Index(
                fields=["id"], condition=models.Q(thumb_small=""), name="storyphoto_no_thumbs"
            ),
        ]

    def __str__(self):
        return self.caption or self.image.name

    @property
    def thumbnails_ready(self) -> bool:
        return bool(self.thumb_small and self.thumb_medium)


class StoryAttachment(models.Model):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=story_attachment_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("story attachment")
        verbose_name_plural = _("story attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class StoryDecision(models.Model):
    """One step of the workflow, with who, when and why: the story's readable history
    and the source of contributor activity counts."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="decisions")
    action = models.CharField(_("action"), max_length=20, choices=StoryAction.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("comment or reason"), blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("story decision")
        verbose_name_plural = _("story decisions")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["action", "at"])]

    def __str__(self):
        return f"{self.get_action_display()} · {self.at:%d/%m/%Y %H:%M}"
