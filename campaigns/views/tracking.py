from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from campaigns.enums import RecipientKind
from campaigns.forms.tracking import ReportForm
from campaigns.models import TaskReport
from campaigns.selectors.tracking import get_received_for, get_report_for, task_for
from campaigns.services import campaigns as campaign_services
from campaigns.services import tracking as services
from newsroom.selectors.publications import publications_for
from portal.files import serve_protected
from portal.history import readable_history
from portal.idempotency import Done

ACKNOWLEDGED = Done(
    lambda user, row: row.acknowledged_at is not None,
    gettext_lazy("Receipt was already acknowledged."),
    lambda row: reverse("campaigns:detail", args=[row.campaign_id]),
)


@require_POST
def acknowledge(request, pk):
    row = get_received_for(request.user, pk, perm="campaigns.act_on_campaign", done=ACKNOWLEDGED)
    services.acknowledge(row, by=request.user)
    messages.success(request, _("Receipt acknowledged. Report on each task once it is done."))
    return redirect("campaigns:detail", pk=pk)


@require_http_methods(["GET", "HEAD", "POST"])
def report(request, pk, task_pk):
    """Report on one task; reporting again replaces the report (its history stays)."""
    user = request.user
    row = get_received_for(user, pk, perm="campaigns.act_on_campaign")
    task = task_for(row, task_pk)
    current = row.reports.filter(task=task).first()
    publications = publications_for(user).none()
    if row.kind == RecipientKind.CENTRE:
        publications = (
            publications_for(user)
            .filter(published_at__date__gte=row.campaign.starts_on)
            .order_by("-published_at")
        )
    initial = {"times": 1}
    if current is not None:
        initial = {f: getattr(current, f) for f in services.REPORT_FIELDS}
    form = ReportForm(
        request.POST or None, request.FILES or None, initial=initial, publications=publications
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.report_task(row, task, by=user, data=data, evidence=data.get("evidence"))
        messages.success(request, _("Your report was recorded."))
        return redirect("campaigns:detail", pk=pk)
    context = {
        "row": row,
        "campaign": row.campaign,
        "task": task,
        "form": form,
        "current": current,
        "history": _history(current),
    }
    return render(
        request, "campaigns/report_form.html", context, status=400 if form.errors else 200
    )


def _history(report) -> list[dict]:
    if report is None:
        return []
    records = report.history.select_related("history_user").order_by(
        "-history_date", "-history_id"
    )[:51]
    return readable_history(records, TaskReport, hidden=HIDDEN_IN_HISTORY)


HIDDEN_IN_HISTORY = frozenset({"id", "reported_at", "evidence", "evidence_type"})


@require_POST
def relay(request, pk):
    """A centre relays a campaign it received to its own agencies and communes."""
    row = get_received_for(request.user, pk, perm="campaigns.relay_campaign")
    child = campaign_services.relay_campaign(row, by=request.user)
    messages.success(
        request, _("A relay draft was prepared: add your own tasks and choose who receives it.")
    )
    return redirect("campaigns:edit", pk=child.pk)


@require_safe
def evidence(request, pk):
    report = get_report_for(request.user, pk, perm="campaigns.view_evidence")
    if not report.evidence:
        raise PermissionDenied
    return serve_protected(
        report.evidence, report.evidence_name, report.evidence_type, inline=False
    )
