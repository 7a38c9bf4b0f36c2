from django.db import models
from django.utils.translation import gettext_lazy as _


class ChannelKind(models.TextChoices):
    RADIO = "radio", _("Radio")
    WEBSITE = "website", _("Website")
    TELEVISION = "tv", _("Television")
    NEWSPAPER = "newspaper", _("Newspaper")
    SOCIAL = "social", _("Social media")


class ReminderKind(models.TextChoices):
    ASSIGNMENT_NEW = "reminder_assigned", _("New assignment")
    ASSIGNMENT_EVENING = "reminder_evening", _("Assignment tomorrow")
    ASSIGNMENT_SOON = "reminder_2h", _("Assignment in 2 hours")
    NOTICE_UNASSIGNED = "reminder_unassigned", _("Notice soon without a reporter")
    COMPLIANCE_MONTHLY = "compliance_monthly", _("Monthly lead-time compliance")


class ReminderState(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Assessment(models.TextChoices):
    POSITIVE = "positive", _("Positive")
    NEUTRAL = "neutral", _("Neutral")
    NEGATIVE = "negative", _("Negative")
    INACCURATE = "inaccurate", _("Inaccurate")


class ResponseStatus(models.TextChoices):
    NOT_NEEDED = "not_needed", _("No response needed")
    PENDING = "pending", _("Response awaited")
    RESPONDED = "responded", _("Responded")
