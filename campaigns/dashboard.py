"""The recipients' home panel: "Chiến dịch cần thực hiện", with what is due."""

from campaigns.selectors.tracking import due_for
from portal.dashboard import register


@register("campaigns/_home_panel.html", order=3)
def campaigns_panel(request):
    rows = list(due_for(request.user)[:10])
    if not rows:
        return None
    return {"rows": rows}
