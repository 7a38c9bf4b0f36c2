import secrets
import uuid
from pathlib import PurePath

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.enums import OutboxChannel, OutboxState, Role


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class User(AbstractUser):
    """A person who signs in. Belongs to one organisation with one role.

    The organisation lives in `contacts`; the reference is by model label, not by import,
    so `portal` stays at the bottom of the dependency arrows.
    """

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    organisation = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    calendar_token = models.CharField(
        _("calendar token"), max_length=64, unique=True, default=new_calendar_token, editable=False
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    @property
    def is_agency_staff(self) -> bool:
        return self.role == Role.AGENCY_STAFF

    @property
    def is_reporter(self) -> bool:
        return self.role == Role.REPORTER

    @property
    def is_editor(self) -> bool:
        return self.role == Role.EDITOR

    @property
    def is_reviewer(self) -> bool:
        return self.role == Role.REVIEWER

    @property
    def is_centre_staff(self) -> bool:
        return self.role in (Role.REPORTER, Role.EDITOR)


class Heartbeat(models.Model):
    """Written by a beat task; /health/ calls the worker dead when it goes stale."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    beat_at = models.DateTimeField(_("last beat"))

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return f"{self.name} @ {self.beat_at:%Y-%m-%d %H:%M:%S}"


class OutboxMessage(models.Model):
    """One e-mail or text message waiting to be delivered. Written in the same
    transaction as its cause."""

    kind = models.CharField(_("kind"), max_length=60, db_index=True)
    recipient = models.ForeignKey(
        User,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outbox_messages",
    )
    channel = models.CharField(
        _("channel"), max_length=5, choices=OutboxChannel.choices, default=OutboxChannel.EMAIL
    )
    to_email = models.EmailField(_("to"), blank=True)
    to_phone = models.CharField(_("to phone"), max_length=30, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=OutboxState.choices, default=OutboxState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self):
        return f"{self.kind} → {self.to_email or self.to_phone} ({self.get_state_display()})"


class OutboxAttachment(models.Model):
    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=255)
    mimetype = models.CharField(max_length=100)
    content = models.BinaryField()

    def __str__(self):
        return self.filename


class Notification(models.Model):
    """In-app notification shown in the navbar; needs no delivery."""

    recipient = models.ForeignKey(
        User, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=60)
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("body"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.title


class NotificationPreference(models.Model):
    """How one user wants one kind of message. No row means both channels are on."""

    user = models.ForeignKey(
        User,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=60)
    email = models.BooleanField(_("e-mail"), default=True)
    in_app = models.BooleanField(_("in the portal"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self):
        return f"{self.user} · {self.kind}"


class SubmissionToken(models.Model):
    """A create form's one-time token, claimed by the first submission that used it.

    The claim is written in the same transaction as what the form created; a second
    submission with the same token finds the row and is sent to `redirect_url`, the page
    the first one ended on (`portal/idempotency.py`). Rows are pruned after `expires_at`,
    when the token's signature has expired too, so a pruned token cannot be replayed."""

    token = models.CharField(max_length=100, unique=True)
    user = models.ForeignKey("portal.User", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)
    redirect_url = models.CharField(max_length=500, blank=True)

    def __str__(self):
        return f"{self.token[:8]}… → {self.redirect_url}"


class ActionKey(models.Model):
    """An action sent with a client-made idempotency key (a reporter's phone replaying
    what it queued offline): the first request applies it and keeps its answer here;
    the same key from the same user again gets that answer, nothing applied twice. The
    unique constraint decides between parallel retries (`portal/idempotency.py`)."""

    user = models.ForeignKey("portal.User", on_delete=models.CASCADE, related_name="+")
    key = models.UUIDField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    status_code = models.PositiveSmallIntegerField(default=200)
    result = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("action key")
        verbose_name_plural = _("action keys")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="action_key_once_per_user")
        ]

    def __str__(self):
        return f"{self.key} → {self.status_code}"


def pending_upload_path(instance, filename):
    # A random stored name, like every upload; the person's file name is a column.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"pending/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class PendingUpload(models.Model):
    """A file sent with a form that was refused (a late notice not confirmed, a missing
    title…), kept so the person does not choose it again (`portal/pending.py`).

    It belongs to the form's token and the user who sent it: only that form, sent again
    by that user, sees it. It was verified when it arrived and is verified again when
    the form is accepted; beat deletes what is left after PENDING_UPLOAD_MAX_AGE."""

    key = models.CharField(max_length=32, unique=True)
    token = models.CharField(max_length=100, db_index=True)
    user = models.ForeignKey("portal.User", on_delete=models.CASCADE, related_name="+")
    field = models.CharField(max_length=60)
    file = models.FileField(upload_to=pending_upload_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"))
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("file kept from a refused form")
        verbose_name_plural = _("files kept from refused forms")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.original_name
