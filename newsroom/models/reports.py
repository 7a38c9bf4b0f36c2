from datetime import time

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

__all__ = ["ReportSettings", "WeeklyReport", "Weekday"]


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class ReportSettings(models.Model):
    """Per centre: its reporting week, its schedule, who receives the weekly report and
    what its letterhead says. The director edits it in the portal; the beat sweeper reads
    it every few minutes, so one centre's schedule never moves another's."""

    centre = models.OneToOneField(
        "contacts.Organisation",
        verbose_name=_("media centre"),
        on_delete=models.CASCADE,
        related_name="report_settings",
    )
    # The reporting week and the schedule.
    week_starts_on = models.PositiveSmallIntegerField(
        _("reporting week starts on"),
        choices=Weekday.choices,
        default=Weekday.THURSDAY,
        help_text=_("The week runs from this day 00:00 to the day before it, 24:00."),
    )
    send_weekday = models.PositiveSmallIntegerField(
        _("report day"), choices=Weekday.choices, default=Weekday.THURSDAY
    )
    send_time = models.TimeField(_("report time"), default=time(14, 0))
    auto_send = models.BooleanField(
        _("send automatically"),
        default=False,
        help_text=_("Otherwise the draft waits for the director to review and send it."),
    )
    last_run_for = models.DateField(_("last scheduled run for the week of"), null=True, blank=True)
    reminded_for = models.DateField(_("last reminder for the week of"), null=True, blank=True)
    # Recipients.
    recipient_organisations = models.ManyToManyField(
        "contacts.Organisation",
        verbose_name=_("recipient organisations"),
        blank=True,
        related_name="+",
        help_text=_("Organisations from the tree; their e-mail address is used."),
    )
    recipients = models.TextField(
        _("recipients"), blank=True, help_text=_("One e-mail address per line.")
    )
    copies = models.TextField(
        _("copies (Cc)"), blank=True, help_text=_("One e-mail address per line.")
    )
    # Letterhead.
    governing_body = models.CharField(
        _("governing body"), max_length=150, blank=True, help_text=_("e.g. UBND HUYỆN KON RẪY")
    )
    place = models.CharField(pgettext_lazy("signed at", "place"), max_length=100, default="Kon Rẫy")
    number_suffix = models.CharField(_("number suffix"), max_length=30, default="BC-TTVH")
    letter_number_suffix = models.CharField(
        _("letter number suffix"),
        max_length=30,
        default="TTVH",
        help_text=_("For the monthly letters to agencies: Số: 12/TTVH."),
    )
    addressees = models.TextField(
        _("addressees (Nơi nhận)"), blank=True, help_text=_("One per line.")
    )
    signer_prefix = models.CharField(
        _("signing on behalf"),
        max_length=100,
        blank=True,
        help_text=_("e.g. KT. GIÁM ĐỐC when a deputy signs; empty when the director signs."),
    )
    signer_title = models.CharField(_("signer's title"), max_length=100, default="GIÁM ĐỐC")
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True)
    # Digital signature (administrator): a PKCS#12 file on the server, its password in an
    # environment variable, so no secret sits in the database.
    signing_certificate_path = models.CharField(
        _("certificate file (PKCS#12)"),
        max_length=500,
        blank=True,
        help_text=_("Path on the server, e.g. /etc/duatin/konray.p12; empty: not signed."),
    )
    signing_password_env = models.CharField(
        _("environment variable with the certificate password"),
        max_length=100,
        blank=True,
        help_text=_("e.g. DUATIN_P12_PASSWORD_KONRAY"),
    )
    # Or a PKCS#11 token (a government USB token through its vendor's library), which
    # takes the place of the PKCS#12 file when its library is set; the PIN too sits in an
    # environment variable.
    pkcs11_library = models.CharField(
        _("PKCS#11 library (USB token)"),
        max_length=500,
        blank=True,
        help_text=_("Path of the token vendor's PKCS#11 module on the server; empty: PKCS#12."),
    )
    pkcs11_token_label = models.CharField(
        _("token label"), max_length=100, blank=True, help_text=_("As the token reports it.")
    )
    pkcs11_key_label = models.CharField(
        _("key and certificate label on the token"), max_length=100, blank=True
    )
    pkcs11_pin_env = models.CharField(
        _("environment variable with the token PIN"),
        max_length=100,
        blank=True,
        help_text=_("e.g. DUATIN_TOKEN_PIN_KONRAY"),
    )
    allow_unsigned = models.BooleanField(
        _("send unsigned if signing fails"),
        default=True,
        help_text=_("Otherwise a missing PDF or a bad certificate stops the sending."),
    )

    class Meta:
        verbose_name = _("weekly report settings")
        verbose_name_plural = _("weekly report settings")

    def __str__(self):
        return str(self.centre)

    @property
    def recipient_list(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]

    @property
    def copy_list(self) -> list[str]:
        return [line.strip() for line in self.copies.splitlines() if line.strip()]

    @property
    def addressee_list(self) -> list[str]:
        return [line.strip() for line in self.addressees.splitlines() if line.strip()]


class WeeklyReport(models.Model):
    """The press and coverage report of one centre for one reporting week.

    A draft is regenerated and annotated until the director sends it; from then on its
    figures (`data`, with the letterhead as it was), its files and its recipients never
    change. A correction is a new version of the same week that names the one it replaces.
    """

    centre = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("media centre"),
        on_delete=models.PROTECT,
        related_name="weekly_reports",
    )
    week_start = models.DateField(_("from"))
    week_end = models.DateField(_("to"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
    )
    correction_note = models.TextField(_("what the correction changes"), blank=True)
    number = models.PositiveIntegerField(_("number"))
    data = models.JSONField(_("figures"), default=dict)
    commentary = models.TextField(_("assessment and proposals"), blank=True)
    generated_at = models.DateTimeField(_("generated"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_to = models.JSONField(_("sent to"), default=dict, blank=True)
    xlsx = models.BinaryField(_("Excel file as sent"), null=True, editable=False)
    docx = models.BinaryField(_("Word file as sent"), null=True, editable=False)
    pdf = models.BinaryField(_("PDF as sent"), null=True, editable=False)
    signing_certificate = models.TextField(_("signer's certificate (PEM)"), blank=True)
    signing_note = models.TextField(_("why the PDF is not signed"), blank=True)

    class Meta:
        verbose_name = _("weekly report")
        verbose_name_plural = _("weekly reports")
        ordering = ["-week_start", "centre_id", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "week_start", "version"], name="one_report_version_per_week"
            )
        ]

    def __str__(self):
        return f"{self.centre} · {self.week_start:%d/%m/%Y}–{self.week_end:%d/%m/%Y}"

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None
