import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from events.enums import (
    AttachmentKind,
    EmergencyCause,
    NoticeChangeKind,
    NoticeKind,
    NoticeStatus,
    ReceivedVia,
    Verdict,
)


class Notice(models.Model):
    """An agency's notice of an event it wants the centre to cover."""

    agency = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="notices",
    )
    # Denormalised from the agency at submission so scoping is one indexed column.
    centre = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("media centre"),
        on_delete=models.PROTECT,
        related_name="received_notices",
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=NoticeKind.choices, default=NoticeKind.PLANNED
    )
    emergency_cause = models.CharField(
        _("emergency cause"), max_length=20, choices=EmergencyCause.choices, blank=True
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    locality = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("commune / ward"),
        on_delete=models.PROTECT,
        related_name="hosted_notices",
        null=True,
        blank=True,
    )
    address = models.CharField(_("address"), max_length=255)
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_phone = models.CharField(_("contact phone"), max_length=30)
    leaders_attending = models.TextField(_("leaders attending"), blank=True)
    needs_reporter = models.BooleanField(_("reporter"), default=True)
    needs_camera = models.BooleanField(_("camera"), default=False)
    needs_livestream = models.BooleanField(_("livestream"), default=False)
    needs_press_area = models.BooleanField(_("press area"), default=False)
    public = models.BooleanField(
        _("show in the public events feed"),
        default=False,
        help_text=_(
            "Once the centre accepts it, the title, time and place appear on the public "
            "events page and feeds. Contact details never do."
        ),
    )

    status = models.CharField(
        _("status"), max_length=20, choices=NoticeStatus.choices, default=NoticeStatus.RECEIVED
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    received_via = models.CharField(
        _("received via"), max_length=10, choices=ReceivedVia.choices, default=ReceivedVia.WEB
    )
    # The moment the lead time is measured from: the receipt, or the latest change of start.
    judged_at = models.DateTimeField(_("lead time measured from"), default=timezone.now)
    verdict = models.CharField(_("lead-time verdict"), max_length=20, choices=Verdict.choices)
    lead_minutes = models.IntegerField(_("lead time (minutes)"))
    late_by_minutes = models.PositiveIntegerField(_("late by (minutes)"), null=True, blank=True)
    late_confirmed = models.BooleanField(_("late notice confirmed by sender"), default=False)
    cancel_reason = models.TextField(_("cancellation reason"), blank=True)

    # Empty for a notice read from an e-mail of an address registered for the agency
    # (intake): nobody with an account sent it.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    # The agency a merger moved the notice away from (`contacts.services.merges`): the
    # compliance report of a period before the decision's date still counts it there.
    original_agency = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("agency before a merger"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])
    merge_keeps_original = {"agency": "original_agency"}

    class Meta:
        verbose_name = _("event notice")
        verbose_name_plural = _("event notices")
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["centre", "status", "starts_at"]),
            models.Index(fields=["agency", "starts_at"]),
            models.Index(fields=["centre", "starts_at"]),
            models.Index(fields=["centre", "received_at"]),
            models.Index(fields=["starts_at"]),
            # the public feed's version (ETag) on every poll: read from the index alone
            # (PostgreSQL; elsewhere without the included columns)
            models.Index(
                fields=["ends_at"],
                include=["updated_at", "status"],
                condition=models.Q(public=True),
                name="notice_public_feed_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="notice_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="emergency") | models.Q(emergency_cause=""),
                name="notice_cause_only_for_emergency",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        """Still editable by the agency: not cancelled and not yet started."""
        return self.status not in (NoticeStatus.CANCELLED,) and self.starts_at > timezone.now()

    @property
    def needs(self) -> list[str]:
        labels = []
        for field in ("needs_reporter", "needs_camera", "needs_livestream", "needs_press_area"):
            if getattr(self, field):
                labels.append(self._meta.get_field(field).verbose_name)
        return labels


def attachment_path(instance, filename):
    # Random names: the stored name never comes from the user, nor can it be guessed.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"notices/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class NoticeAttachment(models.Model):
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(
        _("document"), max_length=20, choices=AttachmentKind.choices, default=AttachmentKind.OTHER
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.original_name


class NoticeChange(models.Model):
    """A change that people already working on a notice must hear about: what it was,
    what it became, why and who did it. Shown on the notice and on reporters' cards."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("change"), max_length=20, choices=NoticeChangeKind.choices)
    old_starts_at = models.DateTimeField(_("old start"), null=True, blank=True)
    old_ends_at = models.DateTimeField(_("old end"), null=True, blank=True)
    new_starts_at = models.DateTimeField(_("new start"), null=True, blank=True)
    new_ends_at = models.DateTimeField(_("new end"), null=True, blank=True)
    old_value = models.CharField(_("before"), max_length=500, blank=True)
    new_value = models.CharField(_("after"), max_length=500, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("notice change")
        verbose_name_plural = _("notice changes")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["notice", "at"])]

    def __str__(self):
        return f"{self.notice_id}: {self.get_kind_display()}"

    def _shown(self, value: str) -> str:
        """A kind is stored as its code and shown in the reader's language."""
        if self.kind == NoticeChangeKind.RECLASSIFIED and value in NoticeKind.values:
            return str(NoticeKind(value).label)
        return value

    @property
    def old_shown(self) -> str:
        return self._shown(self.old_value)

    @property
    def new_shown(self) -> str:
        return self._shown(self.new_value)
