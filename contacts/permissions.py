"""Who may do what in the press directory (django-rules). Seeing is decided by selectors."""

import rules


@rules.predicate
def is_directory_staff(user):
    """Centre staff, agency staff (both with an organisation) and provincial reviewers."""
    if not user.is_authenticated:
        return False
    if user.is_reviewer:
        return True
    return bool((user.is_agency_staff or user.is_centre_staff) and user.organisation_id)


@rules.predicate
def is_reviewer(user):
    return bool(user.is_authenticated and user.is_reviewer)


rules.add_perm("contacts.view_internal", is_directory_staff)
rules.add_perm("contacts.propose_change", is_directory_staff)
rules.add_perm("contacts.review_contacts", is_reviewer)
