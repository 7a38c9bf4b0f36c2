from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from intake.models.fields import EncryptedCharField


class Mailbox(models.Model):
    """The centre's own address (its Gmail, say), read over IMAP by the beat task.

    Off until the director fills it in and switches it on: `make run` needs none."""

    centre = models.OneToOneField(
        "contacts.Organisation",
        verbose_name=_("media centre"),
        on_delete=models.CASCADE,
        related_name="mailbox",
        limit_choices_to={"is_newsroom": True},
    )
    enabled = models.BooleanField(_("read this mailbox"), default=False)
    host = models.CharField(_("IMAP server"), max_length=255, blank=True)
    port = models.PositiveIntegerField(_("port"), default=993)
    use_tls = models.BooleanField(
        _("TLS"), default=True, help_text=_("Encrypted connection (IMAPS, usually port 993).")
    )
    username = models.CharField(_("user name"), max_length=255, blank=True)
    # An app password, stored encrypted, shown to nobody once saved (the form never
    # renders it back).
    password = EncryptedCharField(_("password or app password"), max_length=500, blank=True)
    folder = models.CharField(_("folder to read"), max_length=255, default="INBOX")
    processed_folder = models.CharField(
        _("folder for read mail"),
        max_length=255,
        blank=True,
        default="Processed",
        help_text=_("Read messages are moved here; left empty, they are flagged instead."),
    )
    last_polled_at = models.DateTimeField(_("last read"), null=True, blank=True)
    last_ok_at = models.DateTimeField(_("last read without error"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True)
    # The director is told once per outage, not once per poll.
    failure_reported = models.BooleanField(default=False)
    # One poller at a time per mailbox (two IMAP sessions moving the same messages would
    # file them twice on the server): a lease, renewed per message, that a dead worker's
    # successor may take once it has run out.
    polling_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("mailbox")
        verbose_name_plural = _("mailboxes")

    def __str__(self):
        return f"{self.username}@{self.host}" if self.host else str(self.centre)

    @property
    def is_configured(self) -> bool:
        return bool(self.enabled and self.host and self.username and self.password)


class AgencyAddress(models.Model):
    """An address that speaks for an agency without an account of its own (its shared
    office mailbox): mail from it is the agency's. Staff add one by attaching an unknown
    sender to an agency."""

    centre = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("media centre"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    agency = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="intake_addresses",
    )
    email = models.EmailField(_("e-mail"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("agency address")
        verbose_name_plural = _("agency addresses")
        constraints = [
            models.UniqueConstraint(fields=["centre", "email"], name="agency_address_once")
        ]

    def __str__(self):
        return self.email
