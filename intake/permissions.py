"""Who may do what with the centre's mailbox (django-rules). Seeing is the selectors'."""

import rules

from portal.predicates import is_centre_staff, is_director

rules.add_perm("intake.configure_mailbox", is_director)
rules.add_perm("intake.view_inbox", is_centre_staff)
rules.add_perm("intake.decide", is_centre_staff)
