from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    SEE = "see", _("See my data")
    CORRECT = "correct", _("Correct my data")
    DELETE = "delete", _("Delete my data")
    RESTRICT = "restrict", _("Restrict the use of my data")


class RequestStatus(models.TextChoices):
    UNVERIFIED = "unverified", _("Waiting for the code")
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered")
