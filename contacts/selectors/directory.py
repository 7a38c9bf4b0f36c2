"""The directory as the public and as staff see it."""

import rules
from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When

from contacts.enums import ContactRole, LegalBasis
from contacts.models import PressAgency, PressContact
from contacts.models.press import CONSENT_FIELDS
from portal.history import readable_history
from portal.scoping import NATIONWIDE, get_for, scope_for

# The only columns a public page or public export ever loads. The personal fields
# (CONSENT_FIELDS: phone, e-mail) are not loaded as such: `published_fields()` gives
# them as `public_phone` / `public_email`, empty unless the field has a legal basis.
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
LOADED_PUBLIC_FIELDS = tuple(f for f in PUBLIC_FIELDS if f not in CONSENT_FIELDS)


def published_fields() -> dict:
    """`public_<field>` annotations: the value where its basis allows publishing, else ""
    (decided in the database, so a withdrawal hides it from the next query on)."""
    return {
        f"public_{field}": Case(
            When(**{f"{field}_basis__in": LegalBasis.publishing()}, then=F(field)),
            default=Value(""),
            output_field=CharField(),
        )
        for field in CONSENT_FIELDS
    }


def public_value(contact: PressContact, field: str) -> str:
    """A field as the public may see it: the annotation when loaded, else decided on the
    row itself."""
    annotated = getattr(contact, f"public_{field}", None)
    if annotated is not None:
        return annotated
    return getattr(contact, field) if contact.is_published(field) else ""


# (owner_name is the press agency's or organisation's name, kept on the entry: indexed)
OWNER_ORDER = ("owner_name", "role", "full_name")


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
            *LOADED_PUBLIC_FIELDS,
            "press_agency__name",
            "press_agency__short_name",
            "press_agency__level",
            "press_agency__kind",
            "press_agency__website",
            "organisation__name",
            "organisation__short_name",
        )
        .annotate(**published_fields())
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
    return scope_for(user).filter(PressContact.objects.all(), staff=True, across=NATIONWIDE)


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
