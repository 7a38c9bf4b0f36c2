from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from newsroom.reports.excel import report_workbook
from newsroom.reports.layout import document_for
from newsroom.reports.word import report_document
from newsroom.selectors.reports import get_report_for, reports_for
from newsroom.services import reports as build
from portal.files import private_download
from portal.scoping import organisation_required

VIEW = "newsroom.view_weeklyreport"


class ResendForm(forms.Form):
    resend = forms.BooleanField(required=False)


@require_safe
@permission_required(VIEW, raise_exception=True)
def report_list(request):
    page = Paginator(reports_for(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "newsroom/reports/list.html", {"page": page, "query": ""})


@require_safe
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


@require_safe
@permission_required(VIEW, raise_exception=True)
def report_excel(request, pk):
    report = get_report_for(request.user, pk)
    name = f"bao-cao-tuan-{report.week_start:%Y%m%d}.xlsx"
    return private_download(report_workbook(report), name, build.XLSX)


@require_safe
@permission_required(VIEW, raise_exception=True)
def report_word(request, pk):
    report = get_report_for(request.user, pk)
    name = f"bao-cao-tuan-{report.week_start:%Y%m%d}.docx"
    return private_download(report_document(report), name, build.DOCX)


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
def report_generate(request):
    """The director asks for this week's report now (it is also made every Thursday)."""
    start, _end = build.week_for(timezone.localdate())
    report = build.generate_report(request.user.organisation, start)
    messages.success(request, _("The report was generated."))
    return redirect("newsroom:report_detail", pk=report.pk)
