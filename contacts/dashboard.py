"""The contacts panel of the home page, for provincial reviewers."""

from contacts.selectors.review import dashboard_counts, pending_proposals
from portal.dashboard import register
from portal.scoping import scope_for


@register("contacts/_home_panel.html", order=30)
def contacts_panel(request):
    user = request.user
    if not scope_for(user).is_reviewer:
        return None
    return {"pending": pending_proposals(user).count(), "counts": dashboard_counts()}
