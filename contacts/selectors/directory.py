"""The directory as the public and as staff see it."""

import rules
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce

from contacts.enums import ContactRole
from contacts.models import PressAgency, PressContact
from portal.history import readable_history
from portal.scoping import get_for, scope_for

# The only columns a public page or public export ever loads.
PUBLIC_FIELDS = (
    "id",
    "role",
    "press_agency",
    "organisation",
    "full_name",
    "title",
    "office_address",
    "area",
    "phone",
    "email",
    "verified_on",
    "is_active",
)
OWNER_ORDER = (Coalesce("press_agency__name", "organisation__name"), "role", "full_name")


def can_see_internal(user) -> bool:
    """The rule itself, not `user.has_perm`: a superuser without an organisation is no
    directory staff, and sees the public list (as the navbar sends them there)."""
    return rules.has_perm("contacts.view_internal", user)


def live_contacts() -> QuerySet[PressContact]:
    """Approved (every row is) and active entries whose agency is active."""
    return PressContact.objects.filter(is_active=True).filter(
        Q(press_agency__isnull=True) | Q(press_agency__is_active=True)
    )


def public_contacts() -> QuerySet[PressContact]:
    """Live entries, public columns only; contacts.filters.PublicContactFilter narrows them."""
    return (
        live_contacts()
        .select_related("press_agency", "organisation")
        .only(
            *PUBLIC_FIELDS,
            "press_agency__name",
            "press_agency__short_name",
            "press_agency__level",
            "press_agency__kind",
            "press_agency__website",
            "organisation__name",
            "organisation__short_name",
        )
        .order_by(*OWNER_ORDER)
    )


def export_contacts_for(user, *, internal: bool):
    """What an export holds: the public list, or for staff the same rows in full."""
    if not internal:
        return public_contacts()
    contacts = live_contacts() & contacts_for(user)
    return contacts.select_related("press_agency", "organisation").order_by(*OWNER_ORDER)


def public_areas() -> list[str]:
    return list(
        live_contacts().exclude(area="").order_by("area").values_list("area", flat=True).distinct()
    )


def contacts_for(user) -> QuerySet[PressContact]:
    """Staff see every entry with its internal fields; anyone else sees none here."""
    return scope_for(user).filter(PressContact.objects.all(), staff=True, across=True)


def directory_for(user) -> QuerySet[PressContact]:
    contacts = contacts_for(user)
    return contacts.select_related("press_agency", "organisation").order_by(*OWNER_ORDER)


def get_contact_for(user, pk: int) -> PressContact:
    contacts = contacts_for(user).select_related("press_agency", "organisation", "verified_by")
    return get_for(user, contacts, pk)


def active_press_agencies() -> QuerySet[PressAgency]:
    return PressAgency.objects.filter(is_active=True).order_by("name")


def contact_history(contact: PressContact, limit: int = 50) -> list[dict]:
    """Who changed what and when, newest first."""
    records = contact.history.select_related("history_user").order_by("-history_date")
    return readable_history(records[: limit + 1], PressContact, limit=limit)


def invitable_contacts() -> QuerySet[PressContact]:
    """Live press entries (offices and reporters) that have an e-mail to invite."""
    contacts = (
        live_contacts()
        .filter(role__in=ContactRole.press_roles())
        .exclude(email="", internal_email="")
    )
    return contacts.select_related("press_agency").order_by(*OWNER_ORDER)


def press_agencies_with_counts() -> QuerySet[PressAgency]:
    """Every press agency (active first), with how many live entries it has."""
    agencies = PressAgency.objects.annotate(
        live_entries=Count("contacts", filter=Q(contacts__is_active=True))
    )
    return agencies.order_by("-is_active", "name")
