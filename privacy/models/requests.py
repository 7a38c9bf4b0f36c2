"""Requests from people about their data, and the public holidays the deadline skips."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.enums import OutboxChannel
from privacy.enums import RequestKind, RequestStatus


class PublicHoliday(models.Model):
    """A day off in Vietnam (Labour Code art. 112, plus the government's yearly Tết and
    bridge days): data, so administrators add next year's dates in the back office."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"


class DataRequest(models.Model):
    """A person's request to see, correct, delete or restrict their data. It becomes a
    case for the reviewers once the person proves the e-mail is theirs with the code
    sent to it (or to the phone, by SMS); the deadline counts working days from then."""

    kind = models.CharField(_("request"), max_length=10, choices=RequestKind.choices)
    full_name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # Where the code (and the answer) goes: only that address or number is proven.
    channel = models.CharField(
        _("code sent by"), max_length=5, choices=OutboxChannel.choices, default=OutboxChannel.EMAIL
    )
    details = models.TextField(_("details"), blank=True, max_length=2000)
    # A request to correct: {field: value asked for}, for the reviewer to apply.
    corrections = models.JSONField(_("corrections asked for"), default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RequestStatus.choices,
        default=RequestStatus.UNVERIFIED,
    )
    # The code sent to the e-mail on file, as a salted hash; empty when none was sent
    # (the e-mail is not on file: the person sees the same page, no code can match).
    code_hash = models.CharField(max_length=128, blank=True, editable=False)
    code_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("received at"), default=timezone.now)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    due_on = models.DateField(_("answer due on"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answer = models.TextField(_("answer"), blank=True)
    # What was done, for the inspector: [{"what": …, "count": …, "kept": …}, …].
    actions = models.JSONField(_("what was done"), default=list, blank=True)

    class Meta:
        verbose_name = _("data request")
        verbose_name_plural = _("data requests")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on is not None and timezone.localdate() > self.due_on
