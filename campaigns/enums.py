from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    CLOSED = "closed", _("Closed")


class RecipientKind(models.TextChoices):
    """What kind of organisation a recipient is, read from the organisation tree."""

    CENTRE = "centre", _("Media centre")
    COMMUNE = "commune", _("Commune")
    AGENCY = "agency", _("Department or agency")


class TaskAudience(models.TextChoices):
    ALL = "all", _("Every recipient")
    CENTRE = "centre", _("Media centres")
    COMMUNE = "commune", _("Communes")
    AGENCY = "agency", _("Departments and agencies")


class RecipientStatus(models.TextChoices):
    SENT = "sent", _("Not yet opened")
    OPENED = "opened", _("Opened")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    REPORTED = "reported", _("Reported")


# The tracking filter adds "overdue", which is a date, not a stored status.
OVERDUE = "overdue"


class MaterialKind(models.TextChoices):
    FILE = "file", _("File")
    LINK = "link", _("Link (audio, video, banner)")
    TEXT = "text", _("Suggested broadcast text")


class ReportChannel(models.TextChoices):
    WEBSITE = "website", _("Website")
    RADIO = "radio", _("Radio system")
    LOUDSPEAKER = "loudspeaker", _("Commune loudspeakers")
    TELEVISION = "tv", _("Television")
    NEWSPAPER = "newspaper", _("Newspaper")
    SOCIAL = "social", _("Social media")
    MEETING = "meeting", _("Meetings and events")
    OTHER = "other", _("Other")
