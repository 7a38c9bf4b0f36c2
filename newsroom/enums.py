from django.db import models
from django.utils.translation import gettext_lazy as _


class ChannelKind(models.TextChoices):
    RADIO = "radio", _("Radio")
    WEBSITE = "website", _("Website")
    TELEVISION = "tv", _("Television")
    NEWSPAPER = "newspaper", _("Newspaper")
    SOCIAL = "social", _("Social media")
