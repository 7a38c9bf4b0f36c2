import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from intake.enums import MailState, SenderMatch


def raw_path(instance, filename):
    return f"intake/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.eml"


def attachment_path(instance, filename):
    return f"intake/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.bin"


class InboundMail(models.Model):
    """One message read from a centre's mailbox. The row is the claim: the server's UID
    (within its UIDVALIDITY) is unique per mailbox, so a second worker or a restart never
    imports it twice; so is the Message-ID of an original (a copy is a duplicate of it)."""

    mailbox = models.ForeignKey("intake.Mailbox", on_delete=models.PROTECT, related_name="mails")
    centre = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("media centre"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uidvalidity = models.BigIntegerField()
    uid = models.BigIntegerField()
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)
    received_at = models.DateTimeField(_("received at"))
    size = models.PositiveIntegerField(_("size"), default=0)
    raw = models.FileField(_("original message"), upload_to=raw_path, max_length=255, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=MailState.choices, default=MailState.FETCHED
    )
    from_address = models.CharField(pgettext_lazy("sender", "from"), max_length=255, blank=True)
    from_name = models.CharField(_("sender's name"), max_length=255, blank=True)
    subject = models.CharField(_("subject"), max_length=500, blank=True)
    body_text = models.TextField(_("text"), blank=True)
    sender_match = models.CharField(
        _("sender"), max_length=20, choices=SenderMatch.choices, default=SenderMatch.UNKNOWN
    )
    sender_verified = models.BooleanField(_("sender verified"), default=False)
    agency = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    sender_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # {"title": {"value", "source", "confidence"}, "starts_at": …, …}
    proposal = models.JSONField(_("what was read"), default=dict, blank=True)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    notice = models.ForeignKey(
        "events.Notice",
        verbose_name=_("notice"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inbound_mails",
    )
    original = models.ForeignKey(
        "self",
        verbose_name=_("copy of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
    )
    fetched_at = models.DateTimeField(_("fetched"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("received e-mail")
        verbose_name_plural = _("received e-mails")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["centre", "state", "received_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["mailbox", "uidvalidity", "uid"], name="inbound_mail_uid_once"
            ),
            models.UniqueConstraint(
                fields=["mailbox", "message_id"],
                condition=models.Q(original__isnull=True) & ~models.Q(message_id=""),
                name="inbound_mail_message_id_once",
            ),
        ]

    def __str__(self):
        return self.subject or self.message_id or f"#{self.pk}"

    def field(self, name: str) -> dict:
        return self.proposal.get(name) or {}


class InboundAttachment(models.Model):
    mail = models.ForeignKey(InboundMail, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255, blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size"), default=0)
    accepted = models.BooleanField(_("accepted"), default=False)
    problem = models.CharField(_("why it was refused"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("e-mail attachment")
        verbose_name_plural = _("e-mail attachments")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name
