from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from newsroom.reports.excel import report_workbook
from newsroom.reports.layout import document_for
from newsroom.reports.word import report_document
from newsroom.selectors.reports import get_report_for, reports_for
from newsroom.services import reports as build
from portal.idempotency import SubmitForm, submit_once
from portal.scoping import organisation_required

VIEW = "newsroom.view_weeklyreport"


class ResendForm(forms.Form):
    resend = forms.BooleanField(required=False)


@permission_required(VIEW, raise_exception=True)
def report_list(request):
    page = Paginator(reports_for(request.user), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "newsroom/reports/list.html",
        {"page": page, "query": "", "generate_form": SubmitForm()},
    )


@permission_required(VIEW, raise_exception=True)
def report_detail(request, pk):
    report = get_report_for(request.user, pk)
    return render(
        request,
        "newsroom/reports/detail.html",
        {
            "report": report,
            "doc": document_for(report),
            "may_regenerate": request.user.has_perm("newsroom.regenerate_weeklyreport", report),
        },
    )


def _download(content: bytes, filename: str, mimetype: str) -> HttpResponse:
    response = HttpResponse(content, content_type=mimetype)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@permission_required(VIEW, raise_exception=True)
def report_excel(request, pk):
    report = get_report_for(request.user, pk)
    name = f"bao-cao-tuan-{report.week_start:%Y%m%d}.xlsx"
    return _download(report_workbook(report), name, build.XLSX)


@permission_required(VIEW, raise_exception=True)
def report_word(request, pk):
    report = get_report_for(request.user, pk)
    name = f"bao-cao-tuan-{report.week_start:%Y%m%d}.docx"
    return _download(report_document(report), name, build.DOCX)


@require_POST
@permission_required(VIEW, raise_exception=True)
def report_regenerate(request, pk):
    report = get_report_for(request.user, pk, perm="newsroom.regenerate_weeklyreport")
    form = ResendForm(request.POST)
    resend = form.is_valid() and form.cleaned_data["resend"]
    report = build.generate_report(report.centre, report.week_start, resend=resend)
    messages.success(request, _("The report was regenerated."))
    return redirect("newsroom:report_detail", pk=report.pk)


@require_POST
@organisation_required
@permission_required("newsroom.generate_weeklyreport", raise_exception=True)
@submit_once
def report_generate(request):
    """The director asks for this week's report now (it is also made every Thursday)."""
    form = SubmitForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()))
        return redirect("newsroom:report_list")
    start, _end = build.week_for(timezone.localdate())
    report = build.generate_report(request.user.organisation, start)
    messages.success(request, _("The report was generated."))
    return redirect("newsroom:report_detail", pk=report.pk)
