# One module per feature; import every model here so Django finds it.
from contacts.models.access import AccessRecord
from contacts.models.consent import ConsentRecord
from contacts.models.imports import ImportDryRun
from contacts.models.merges import FormerName, OrganisationMerge
from contacts.models.organisations import Organisation, OrgLevel, refresh_provinces
from contacts.models.press import PressAgency, PressContact
from contacts.models.review import ContactProposal

__all__ = [
    "AccessRecord",
    "ConsentRecord",
    "ContactProposal",
    "FormerName",
    "ImportDryRun",
    "OrgLevel",
    "Organisation",
    "OrganisationMerge",
    "refresh_provinces",
    "PressAgency",
    "PressContact",
]
