from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from newsroom.forms.reports import CommentaryForm, CorrectionForm, ReportSettingsForm, SendForm
from newsroom.reports.layout import document_for
from newsroom.reports.signing import verify_pdf
from newsroom.selectors.reports import get_report_for, report_archive_for
from newsroom.services import reports as build
from portal.files import private_download
from portal.idempotency import SubmitForm, submit_once
from portal.scoping import organisation_required

VIEW = "newsroom.view_weeklyreport"
EDIT = "newsroom.regenerate_weeklyreport"


@require_safe
@permission_required(VIEW, raise_exception=True)
def report_list(request):
    page = Paginator(report_archive_for(request.user), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "newsroom/reports/list.html",
        {"page": page, "query": "", "generate_form": SubmitForm()},
    )


def _detail(request, report, *, commentary_form=None, correction_form=None, status=200):
    may_edit = request.user.has_perm(EDIT, report)
    return render(
        request,
        "newsroom/reports/detail.html",
        {
            "report": report,
            "doc": document_for(report),
            "may_edit": may_edit,
            # A draft's figures link to the lists they count (a sent one's are frozen,
            # the lists are not).
            "linked": may_edit and not report.is_sent,
            "commentary_form": commentary_form
            or CommentaryForm(initial={"commentary": report.commentary}),
            "correction_form": correction_form or CorrectionForm(),
            "corrected_by": getattr(report, "replaced_by", None) if report.is_sent else None,
            "signature": verify_pdf(bytes(report.pdf), report.signing_certificate)
            if report.pdf is not None and report.signing_certificate
            else None,
        },
        status=status,
    )


@require_safe
@permission_required(VIEW, raise_exception=True)
def report_detail(request, pk):
    return _detail(request, get_report_for(request.user, pk))


@require_safe
@permission_required(VIEW, raise_exception=True)
def report_excel(request, pk):
    report = get_report_for(request.user, pk)
    return private_download(build.excel_bytes(report), f"{build.stem(report)}.xlsx", build.XLSX)


@require_safe
@permission_required(VIEW, raise_exception=True)
def report_word(request, pk):
    report = get_report_for(request.user, pk)
    return private_download(build.word_bytes(report), f"{build.stem(report)}.docx", build.DOCX)


@require_safe
@permission_required(VIEW, raise_exception=True)
def report_pdf(request, pk):
    report = get_report_for(request.user, pk)
    if report.pdf is None:
        raise Http404
    return private_download(bytes(report.pdf), f"{build.stem(report)}.pdf", build.PDF)


def _refused(request, report, refusal):
    messages.error(request, str(refusal))
    return redirect("newsroom:report_detail", pk=report.pk)


@require_POST
@permission_required(VIEW, raise_exception=True)
def report_regenerate(request, pk):
    report = get_report_for(request.user, pk, perm=EDIT)
    try:
        build.regenerate(report)
    except build.ReportRefused as refusal:
        return _refused(request, report, refusal)
    messages.success(request, _("The draft was regenerated from the current data."))
    return redirect("newsroom:report_detail", pk=report.pk)


@require_POST
@permission_required(VIEW, raise_exception=True)
def report_commentary(request, pk):
    report = get_report_for(request.user, pk, perm=EDIT)
    form = CommentaryForm(request.POST)
    if not form.is_valid():
        return _detail(request, report, commentary_form=form, status=400)
    try:
        build.set_commentary(report, form.cleaned_data["commentary"])
    except build.ReportRefused as refusal:
        return _refused(request, report, refusal)
    messages.success(request, _("The assessment and proposals were saved."))
    return redirect("newsroom:report_detail", pk=report.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required(VIEW, raise_exception=True)
def report_send(request, pk):
    """GET: the confirmation naming every recipient. POST: freeze and send."""
    report = get_report_for(request.user, pk, perm=EDIT)
    if report.is_sent:
        messages.info(request, _("This report was already sent; nothing was sent again."))
        return redirect("newsroom:report_detail", pk=report.pk)
    form = SendForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            build.send_report(report, by=request.user)
        except build.ReportRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("The report was sent and is now frozen."))
            return redirect("newsroom:report_detail", pk=report.pk)
    conf = build.settings_for(report.centre)
    context = {"report": report, "form": form, "recipients": build.recipients_for(conf)}
    return render(request, "newsroom/reports/send.html", context)


@require_POST
@permission_required(VIEW, raise_exception=True)
def report_correct(request, pk):
    report = get_report_for(request.user, pk, perm=EDIT)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        return _detail(request, report, correction_form=form, status=400)
    try:
        correction = build.make_correction(report, form.cleaned_data["note"])
    except build.ReportRefused as refusal:
        return _refused(request, report, refusal)
    messages.success(request, _("A correction was drafted; review it and send it."))
    return redirect("newsroom:report_detail", pk=correction.pk)


@require_POST
@organisation_required
@permission_required("newsroom.generate_weeklyreport", raise_exception=True)
@submit_once
def report_generate(request):
    """The director asks for the last reporting week's draft now (the schedule makes it
    too)."""
    form = SubmitForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()))
        return redirect("newsroom:report_list")
    centre = request.user.organisation
    start, _end = build.period_for(centre, timezone.localdate())
    try:
        report = build.generate_draft(centre, start)
    except build.ReportRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("newsroom:report_list")
    messages.success(request, _("The draft was generated. Review it before sending."))
    return redirect("newsroom:report_detail", pk=report.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@organisation_required
@permission_required("newsroom.generate_weeklyreport", raise_exception=True)
def report_settings(request):
    """The director's own centre: its reporting week, schedule, recipients, letterhead."""
    conf = build.settings_for(request.user.organisation)
    form = ReportSettingsForm(request.POST or None, instance=conf)
    if request.method == "POST" and form.is_valid():
        build.save_settings(form)
        messages.success(request, _("The weekly report settings were saved."))
        return redirect("newsroom:report_settings")
    status = 400 if form.is_bound else 200
    return render(request, "newsroom/reports/settings.html", {"form": form}, status=status)
