from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from newsroom.enums import ChannelKind


class Channel(models.Model):
    """Where a centre publishes: its own list, kept by its director in the portal.

    A channel used by publications is retired (`is_active=False`), never deleted: past
    publications and reports keep its name. Names are unique within a centre, ignoring
    case (the form compares Vietnamese case too; the index settles races)."""

    centre = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("media centre"),
        on_delete=models.CASCADE,
        related_name="channels",
        limit_choices_to={"is_newsroom": True},
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=ChannelKind.choices)
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        ordering = ["position", "name", "pk"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "centre", name="channel_name_once_per_centre"),
        ]

    def __str__(self):
        return self.name


class Publication(models.Model):
    """One appearance of covered material on a channel. A notice with one is 'published'."""

    notice = models.ForeignKey(
        "events.Notice",
        verbose_name=_("notice"),
        on_delete=models.CASCADE,
        related_name="publications",
        null=True,
        blank=True,
    )
    story = models.ForeignKey(
        "events.Story",
        verbose_name=_("contributor story"),
        on_delete=models.CASCADE,
        related_name="publications",
        null=True,
        blank=True,
    )
    # The centre of the notice or the story, copied on save: "this centre's publications"
    # is then one indexed column instead of an OR across two joins.
    centre = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("media centre"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    channel = models.ForeignKey(
        Channel, verbose_name=_("channel"), on_delete=models.PROTECT, related_name="publications"
    )
    published_at = models.DateTimeField(_("published at"))
    link = models.URLField(_("link"), blank=True)
    air_slot = models.CharField(_("air slot"), max_length=100, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_at"]
        # (published_at): a reviewer's list across the centres of a province, newest first
        indexes = [
            models.Index(fields=["centre", "published_at"]),
            models.Index(fields=["published_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(notice__isnull=False, story__isnull=True)
                    | models.Q(notice__isnull=True, story__isnull=False)
                ),
                name="publication_of_notice_or_story",
            ),
        ]

    def __str__(self):
        return f"{self.channel} · {self.published_at:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        if self.centre_id is None:
            self.centre_id = self.covered_centre_id()
        super().save(*args, **kwargs)

    def covered_centre_id(self) -> int | None:
        """The centre of what was published (the notice's or the story's)."""
        source = self.notice if self.notice_id else self.story if self.story_id else None
        return source.centre_id if source is not None else None
