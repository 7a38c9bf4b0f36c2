"""Who may do what in the press directory (django-rules). Seeing is decided by selectors."""

import rules

from portal.predicates import is_agency_staff, is_centre_staff, is_reviewer

# Centre staff, agency staff and provincial reviewers.
is_directory_staff = is_reviewer | is_agency_staff | is_centre_staff

rules.add_perm("contacts.view_internal", is_directory_staff)
rules.add_perm("contacts.propose_change", is_directory_staff)
rules.add_perm("contacts.review_contacts", is_reviewer)
