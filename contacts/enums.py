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


class LegalBasis(models.TextChoices):
    """Why a personal field of an entry may be published (Law 91/2025/QH15). Without a
    basis the field is private: staff see it, the public list and exports do not."""

    NONE = "none", _("None (private)")
    CONSENT = "consent", _("The person's consent")
    OFFICIAL_DUTY = "official_duty", _("Official duty of a spokesperson (Decree 09/2017)")

    @classmethod
    def publishing(cls):
        return (cls.CONSENT, cls.OFFICIAL_DUTY)


class ConsentSource(models.TextChoices):
    """Where a change of basis came from."""

    PERSON = "person", _("The person, through the link in the notice")
    REVIEWER = "reviewer", _("Provincial reviewer, on approving the entry")
    VALUE_CHANGED = "changed", _("The value changed: the earlier basis no longer applies")
    MIGRATION = "migration", _("Set when consent per field was introduced")


class AccessKind(models.TextChoices):
    """What kind of read of the directory's personal data the access log records."""

    DIRECTORY = "directory", _("Internal directory page")
    ENTRY = "entry", _("Entry details")
    EXPORT = "export", _("Export with internal fields")
    IMPORT = "import", _("Import checked against the directory")
