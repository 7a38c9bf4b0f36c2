from dataclasses import dataclass

from contacts.selectors import centres
from portal.models import User
from portal.scoping import scope_for


@dataclass(frozen=True)
class ComplianceScope:
    centre_ids: list[int]
    agency_ids: list[int] | None  # None: every agency of those centres
    across_centres: bool  # the provincial reviewer's side-by-side view


def compliance_scope(user: User, centre_id: int | None = None) -> ComplianceScope:
    """Agency staff: their own agency. Director: their centre. Reviewer: every centre
    (or one, when asked)."""
    scope = scope_for(user)
    if scope.is_agency_staff:
        return ComplianceScope([scope.centre_id], [scope.organisation_id], False)
    if scope.is_editor:
        return ComplianceScope([scope.centre_id], None, False)
    if scope.is_reviewer:
        ids = list(centres().values_list("pk", flat=True))
        if centre_id in ids:
            return ComplianceScope([centre_id], None, False)
        return ComplianceScope(ids, None, True)
    return ComplianceScope([], [], False)
