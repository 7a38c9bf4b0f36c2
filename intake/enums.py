from django.db import models
from django.utils.translation import gettext_lazy as _


class MailState(models.TextChoices):
    """Where an e-mail read from a centre's mailbox stands."""

    FETCHED = "fetched", _("Waiting to be read")
    NOTICE = "notice", _("Notice created")
    DRAFT = "draft", _("Waiting for the centre")
    HELD = "held", _("Held: sender not verified")
    DUPLICATE = "duplicate", _("Duplicate")
    REFUSED = "refused", _("Refused")
    CONFIRMED = "confirmed", _("Confirmed by the centre")
    DISCARDED = "discarded", _("Discarded")


# States in the centre's intake inbox: staff still have to decide.
OPEN_STATES = (MailState.DRAFT, MailState.HELD, MailState.REFUSED)


class SenderMatch(models.TextChoices):
    STAFF = "staff", _("Agency staff account")
    REGISTERED = "registered", _("Address registered for the agency")
    UNKNOWN = "unknown", _("Unknown sender")
