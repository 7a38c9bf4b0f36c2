"""Who may do what with the centre's mailbox (django-rules). Seeing is the selectors'."""

import rules

from events.permissions import is_not_cancelled, is_notice_centre_editor
from portal.predicates import is_centre_staff, is_director

rules.add_perm("intake.configure_mailbox", is_director)
rules.add_perm("intake.view_inbox", is_centre_staff)
rules.add_perm("intake.decide", is_centre_staff)

# Two notices of one event (the form and an e-mail): the centre's editors merge them.
rules.add_perm("intake.merge_notice", is_notice_centre_editor & is_not_cancelled)
