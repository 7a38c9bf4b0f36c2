from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PressLevel(models.TextChoices):
    CENTRAL = "central", _("Central")
    SECTOR = "sector", _("Ministry / sector")
    PROVINCIAL = "provincial", _("Provincial")
    OTHER = "other", _("Other")


class PressKind(models.TextChoices):
    NEWSPAPER = "newspaper", _("Newspaper")
    RADIO_TV = "radio_tv", _("Radio – television")
    MAGAZINE = "magazine", _("Magazine")
    ONLINE = "online", _("Online newspaper")


class ContactRole(models.TextChoices):
    """What an entry of the directory is. The first two belong to a press agency,
    the last two to an organisation of the tree (seed 001: communications officer;
    seed 003: spokesperson under Decree 09/2017)."""

    OFFICE = "office", _("Representative office")
    REPORTER = "reporter", _("Resident reporter")
    COMMS_OFFICER = "comms_officer", _("Communications officer")
    SPOKESPERSON = "spokesperson", _("Spokesperson")

    @classmethod
    def press_roles(cls):
        return (cls.OFFICE, cls.REPORTER)

    @classmethod
    def organisation_roles(cls):
        return (cls.COMMS_OFFICER, cls.SPOKESPERSON)


class ProposalAction(models.TextChoices):
    NEW = "new", _("New entry")
    EDIT = "edit", _("Edit")
    RETIRE = "retire", _("Retirement")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("proposal", "Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", pgettext_lazy("proposal", "Rejected")


class ProposalSource(models.TextChoices):
    FORM = "form", _("Form")
    IMPORT = "import", _("Import")
