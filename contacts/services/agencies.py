"""The list of press agencies, kept by the provincial reviewers."""

from django.db import transaction
from django.utils.translation import gettext as _

from contacts.models import PressAgency
from contacts.services import public_exports
from portal.models import User

AGENCY_FIELDS = ("name", "short_name", "level", "kind", "website", "is_active")


@transaction.atomic
def save_press_agency(*, by: User, data: dict, agency: PressAgency | None = None) -> PressAgency:
    """Add a press agency or change one; each change is kept in its history with who did it."""
    created = agency is None
    agency = PressAgency() if created else PressAgency.objects.select_for_update().get(pk=agency.pk)
    for field in AGENCY_FIELDS:
        if field in data:
            setattr(agency, field, data[field] if data[field] is not None else "")
    agency._history_user = by
    agency._change_reason = _("Added") if created else _("Edited")
    agency.save()
    public_exports.rebuild_soon()  # the agency's name is in every export of its entries
    return agency
