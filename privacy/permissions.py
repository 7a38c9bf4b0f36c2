"""Who may see what of the personal-data records (django-rules)."""

import rules

from portal.predicates import is_reviewer


@rules.predicate
def is_administrator(user) -> bool:
    """IT staff who run the back office (Django's superusers)."""
    return bool(getattr(user, "is_superuser", False)) and user.is_active


is_privacy_officer = is_reviewer | is_administrator

rules.add_perm("privacy.view_cases", is_privacy_officer)
rules.add_perm("privacy.view_access_log", is_privacy_officer)
rules.add_perm("privacy.view_breaches", is_privacy_officer)
