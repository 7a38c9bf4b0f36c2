"""The notice form's live lead-time warning, rendered on the server from `judge`.

The form's start, kind (and call time for a phoned-in notice) are sent by htmx as the
person types; the partial says on time / late by how much / after the fact / exempt, and
shows the late-confirmation checkbox when the notice is late. The rule exists only in
events.leadtime; no JavaScript repeats it.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from events.enums import Verdict
from events.forms.notices import LeadTimePreviewForm, judgement_for
from events.leadtime import Judgement, required_lead
from events.selectors.notices import get_notice_for
from portal.formatting import format_minutes

TEMPLATE = "events/_lead_time.html"
ALERT_CLASS = {
    Verdict.ON_TIME: "success",
    Verdict.LATE: "warning",
    Verdict.AFTER_THE_FACT: "danger",
    Verdict.EXEMPT: "secondary",
}


def warning_context(kind: str, judgement: Judgement | None, confirm=None, error="") -> dict:
    """What _lead_time.html shows: a judgement or an input error, and the confirm box
    (a bound `confirm_late` field) when the notice is late."""
    if judgement is None:
        return {"judgement": None, "error": error}
    required = required_lead(kind)
    late = judgement.verdict in (Verdict.LATE, Verdict.AFTER_THE_FACT)
    return {
        "judgement": judgement,
        "alert": ALERT_CLASS[judgement.verdict],
        "lead": format_minutes(judgement.lead_minutes),
        "late": format_minutes(judgement.late_by_minutes) if late else "",
        "required": format_minutes(int(required.total_seconds() // 60)) if required else "",
        "confirm": confirm if late else None,
    }


@require_GET
def leadtime_preview(request, pk=None):
    """New notice (pk None): whoever may add notices. Edit: scoped like the edit form."""
    user = request.user
    notice = None
    if pk is None:
        if not user.has_perm("events.add_notice"):
            raise PermissionDenied
    else:
        notice = get_notice_for(user, pk, perm="events.change_notice")
    phone = notice is None and user.has_perm("events.log_phone_notice")
    form = LeadTimePreviewForm(request.GET, phone=phone)
    if not form.is_valid():
        return render(request, TEMPLATE, warning_context("", None, error=form.first_error()))
    data = form.cleaned_data
    if data["starts_at"] is None:
        return render(request, TEMPLATE, warning_context("", None))
    judgement = judgement_for(
        data["kind"],
        data["starts_at"],
        notice=notice,
        received_at=data["called_at"] if phone else None,
    )
    return render(request, TEMPLATE, warning_context(data["kind"], judgement, form["confirm_late"]))
