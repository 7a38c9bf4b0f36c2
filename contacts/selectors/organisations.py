from django.db.models import QuerySet

from contacts.models import Organisation


def agencies_of_centre(centre_id: int) -> QuerySet[Organisation]:
    return Organisation.objects.filter(centre_id=centre_id, is_active=True).order_by("name")


def localities_of_centre(centre_id: int) -> QuerySet[Organisation]:
    """Communes and wards an event of this centre's area can take place in."""
    return Organisation.objects.filter(
        centre_id=centre_id, level__is_locality=True, is_active=True
    ).order_by("name")


def centres(province_id: int | None = None) -> QuerySet[Organisation]:
    """Active centres, of one province when `province_id` is given."""
    found = Organisation.objects.filter(is_newsroom=True, is_active=True).order_by("name")
    return found.filter(province_id=province_id) if province_id else found


def active_organisations() -> QuerySet[Organisation]:
    """Every active organisation of the tree (the public feed filters by them)."""
    return Organisation.objects.filter(is_active=True).order_by("name")


def active_localities() -> QuerySet[Organisation]:
    return active_organisations().filter(level__is_locality=True)
