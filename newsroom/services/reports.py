"""The weekly report: a draft for one centre and one reporting week, previewed and
annotated by the director, then sent once and frozen; a correction is a new version.

Each section reuses the read that its own page uses (compliance, plan progress), so the
report and the pages never disagree. Each centre's schedule is a row of ReportSettings
that `sweep` reads (beat runs it every minute), so one centre never moves another.
"""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from contacts.models import Organisation
from events.enums import NoticeStatus
from events.models import Notice
from events.selectors.stories import contributor_activity
from newsroom.enums import Assessment, ResponseStatus
from newsroom.models import MonitoringItem, PlanItem, Publication, ReportSettings, WeeklyReport
from newsroom.selectors.compliance import compliance_rows
from newsroom.selectors.plan import quarter_progress
from portal.outbox import Attachment, notify, notify_address
from portal.selectors import centre_editors

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class ReportRefused(Exception):
    """A report action that cannot be done; the message says why, in the user's language."""


def week_for(today: date, starts_on: int = 3) -> tuple[date, date]:
    """The last complete reporting week before `today`: it starts on weekday `starts_on`
    (0 = Monday; 3 = Thursday, so Thursday's report covers Thursday to Wednesday before)
    at 00:00 and ends seven days later at 00:00. Returns its first and last day."""
    current_start = today - timedelta(days=(today.weekday() - starts_on) % 7)
    start = current_start - timedelta(days=7)
    return start, start + timedelta(days=6)


def period_for(centre, today: date) -> tuple[date, date]:
    return week_for(today, settings_for(centre).week_starts_on)


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=tz),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz),
    )


def notice_figures(centre, since, until) -> dict:
    received = Notice.objects.filter(centre=centre, received_at__gte=since, received_at__lt=until)
    held = Notice.objects.filter(centre=centre, starts_at__gte=since, starts_at__lt=until)
    return {
        "received": received.count(),
        "covered": held.filter(status__in=[NoticeStatus.COVERED, NoticeStatus.PUBLISHED]).count(),
        "declined": received.filter(status=NoticeStatus.DECLINED).count(),
        "cancelled": received.filter(status=NoticeStatus.CANCELLED).count(),
    }


def story_figures(centre, since, until) -> dict:
    """Contributor stories as the compliance page counts them (from workflow decisions)."""
    activity = contributor_activity([centre.pk], since, until)
    return {
        "received": sum(row["sent"] for row in activity),
        "returned": sum(row["returned"] for row in activity),
        "published": sum(row["published"] for row in activity),
    }


def publication_figures(centre, since, until) -> list[dict]:
    """Publications of the centre's notices and stories in the week, per channel."""
    rows = (
        Publication.objects.filter(
            centre=centre,
            published_at__gte=since,
            published_at__lt=until,
        )
        .values("channel_id", "channel__name", "channel__position")
        .annotate(count=Count("pk"))
        .order_by("channel__position", "channel__name")
    )
    return [
        {"channel": r["channel__name"], "channel_id": r["channel_id"], "count": r["count"]}
        for r in rows
    ]


def compliance_figures(centre, since, until) -> list[dict]:
    """The compliance page's ranking for the week, worst first (what needs a word), with
    the contributor stories each agency sent (a silent agency may still have written)."""
    stories = {a["agency_id"]: a["sent"] for a in contributor_activity([centre.pk], since, until)}
    return [
        {
            "agency_id": row.key,
            "agency": row.name,
            "total": row.total,
            "on_time": row.on_time,
            "late": row.late,
            "after_fact": row.after_fact,
            "exempt": row.exempt,
            "rate": row.on_time_rate,
            "silent": row.silent,
            "stories": stories.get(row.key, 0),
        }
        for row in reversed(compliance_rows([centre.pk], since, until))
    ]


def monitoring_figures(centre, start: date, end: date) -> dict:
    items = MonitoringItem.objects.filter(
        centre=centre, published_on__gte=start, published_on__lte=end
    ).select_related("responsible_agency")
    labels = dict(Assessment.choices)
    rows = [
        {
            "title": i.title,
            "outlet": i.outlet,
            "published_on": i.published_on.strftime("%d/%m/%Y"),
            "assessment": str(labels[i.assessment]),
            "agency": str(i.responsible_agency or ""),
            "response": str(i.get_response_status_display()),
            "overdue": i.is_overdue,
        }
        for i in items
    ]
    return {
        "total": len(rows),
        "by_assessment": {
            value: sum(1 for i in items if i.assessment == value) for value in Assessment.values
        },
        "responses_needed": sum(1 for i in items if i.response_status != ResponseStatus.NOT_NEEDED),
        "responded": sum(1 for i in items if i.response_status == ResponseStatus.RESPONDED),
        "overdue": sum(1 for i in items if i.is_overdue),
        "items": rows,
    }


def plan_figures(centre, today: date) -> dict:
    """The quarter's plan as the plan page counts it: an item is done once a publication
    is linked to it."""
    quarter = (today.month - 1) // 3 + 1
    items = PlanItem.objects.filter(centre=centre, year=today.year, quarter=quarter).annotate(
        done=Count("publications", distinct=True)
    )
    progress = quarter_progress(items)[quarter - 1]
    return {
        "quarter": f"{quarter}/{today.year}",
        "total": progress["planned"],
        "done": progress["done"],
    }


def build_data(centre, start: date, end: date) -> dict:
    since, until = _bounds(start, end)
    return {
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "notices": notice_figures(centre, since, until),
        "compliance": compliance_figures(centre, since, until),
        "stories": story_figures(centre, since, until),
        "publications": publication_figures(centre, since, until),
        "monitoring": monitoring_figures(centre, start, end),
        "plan": plan_figures(centre, end),
    }


def settings_for(centre) -> ReportSettings:
    found, _created = ReportSettings.objects.get_or_create(centre=centre)
    return found


def letterhead(conf: ReportSettings) -> dict:
    """The settings that appear on the document, frozen into a report when it is sent."""
    return {
        "governing_body": conf.governing_body,
        "place": conf.place,
        "number_suffix": conf.number_suffix,
        "addressees": conf.addressee_list,
        "signer_prefix": conf.signer_prefix,
        "signer_title": conf.signer_title,
        "signer_name": conf.signer_name,
    }


def recipients_for(conf: ReportSettings) -> dict[str, list[str]]:
    """To: the chosen organisations' addresses, then the typed ones; Cc: the copies."""
    to = [o.email for o in conf.recipient_organisations.order_by("name") if o.email]
    to += [a for a in conf.recipient_list if a not in to]
    return {"to": to, "cc": [a for a in conf.copy_list if a not in to]}


def stem(report: WeeklyReport) -> str:
    suffix = f"-v{report.version}" if report.version > 1 else ""
    return f"bao-cao-tuan-{report.week_start:%Y%m%d}{suffix}"


def excel_bytes(report: WeeklyReport) -> bytes:
    """The file as sent, or the draft rendered now."""
    if report.xlsx is not None:
        return bytes(report.xlsx)
    from newsroom.reports.excel import report_workbook

    return report_workbook(report)


def word_bytes(report: WeeklyReport) -> bytes:
    if report.docx is not None:
        return bytes(report.docx)
    from newsroom.reports.word import report_document

    return report_document(report)


def files_for(report: WeeklyReport) -> list[Attachment]:
    files = [
        Attachment(f"{stem(report)}.xlsx", excel_bytes(report), XLSX),
        Attachment(f"{stem(report)}.docx", word_bytes(report), DOCX),
    ]
    if report.pdf is not None:
        files.append(Attachment(f"{stem(report)}.pdf", bytes(report.pdf), PDF))
    return files


def _signed_pdf(docx: bytes, conf: ReportSettings) -> tuple[bytes | None, str, str]:
    """(PDF, signer's certificate PEM, why unsigned). A failure refuses the sending
    unless the centre allows unsigned reports."""
    from newsroom.reports.pdf import PdfFailed, docx_to_pdf
    from newsroom.reports.signing import SigningFailed, check_signer, sign_pdf

    if not settings.REPORT_PDF_ENABLED:
        return None, "", _("PDF output is turned off (REPORT_PDF_ENABLED).")

    def unsigned(failure: Exception, pdf: bytes | None = None):
        if not conf.allow_unsigned:
            raise ReportRefused(str(failure)) from failure
        return pdf, "", str(failure)

    try:  # a bad certificate is told before the slow conversion
        check_signer(conf)
    except SigningFailed as failure:
        problem = failure
    else:
        problem = None
    if problem is not None and not conf.allow_unsigned:
        return unsigned(problem)
    try:
        pdf = docx_to_pdf(docx)
    except PdfFailed as failure:
        return unsigned(failure)
    if problem is not None:
        return unsigned(problem, pdf)
    try:
        signed, pem = sign_pdf(pdf, conf)
    except SigningFailed as failure:
        return unsigned(failure, pdf)
    return signed, pem, ""


def _next_number(centre, year: int) -> int:
    return WeeklyReport.objects.filter(centre=centre, week_start__year=year).count() + 1


def _refuse_if_sent(report: WeeklyReport) -> None:
    if report.is_sent:
        raise ReportRefused(
            _("This report was sent on %(when)s and can no longer change; make a correction.")
            % {"when": timezone.localtime(report.sent_at).strftime("%d/%m/%Y %H:%M")}
        )


@transaction.atomic
def generate_draft(centre, week_start: date) -> WeeklyReport:
    """Make or refresh the draft for the centre's week (its commentary is kept). Refused
    once the week's latest version is sent: a sent report changes only by a correction."""
    Organisation.objects.select_for_update().get(pk=centre.pk)  # one generator per centre
    report = (
        WeeklyReport.objects.filter(centre=centre, week_start=week_start)
        .order_by("-version")
        .first()
    )
    if report is None:
        report = WeeklyReport(
            centre=centre, week_start=week_start, number=_next_number(centre, week_start.year)
        )
    _refuse_if_sent(report)
    return _refresh(report)


def _refresh(report: WeeklyReport) -> WeeklyReport:
    report.week_end = report.week_start + timedelta(days=6)
    report.data = build_data(report.centre, report.week_start, report.week_end)
    report.generated_at = timezone.now()
    report.save()
    return report


@transaction.atomic
def regenerate(report: WeeklyReport) -> WeeklyReport:
    report = WeeklyReport.objects.select_for_update().get(pk=report.pk)
    _refuse_if_sent(report)
    return _refresh(report)


@transaction.atomic
def set_commentary(report: WeeklyReport, text: str) -> WeeklyReport:
    report = WeeklyReport.objects.select_for_update().get(pk=report.pk)
    _refuse_if_sent(report)
    report.commentary = text.strip()
    report.save(update_fields=["commentary"])
    return report


@transaction.atomic
def make_correction(report: WeeklyReport, note: str) -> WeeklyReport:
    """A new draft version of a sent report's week that says what it replaces."""
    report = WeeklyReport.objects.select_for_update().get(pk=report.pk)
    if not report.is_sent:
        raise ReportRefused(_("This report is still a draft: change it directly."))
    if WeeklyReport.objects.filter(replaces=report).exists():
        raise ReportRefused(
            _("This report has already been corrected; correct the latest version.")
        )
    correction = WeeklyReport(
        centre=report.centre,
        week_start=report.week_start,
        version=report.version + 1,
        replaces=report,
        correction_note=note.strip(),
        commentary=report.commentary,
        number=_next_number(report.centre, report.week_start.year),
    )
    return _refresh(correction)


@transaction.atomic
def send_report(report: WeeklyReport, by=None) -> tuple[WeeklyReport, bool]:
    """Freeze and send: the letterhead goes into the figures, both files are stored, each
    recipient gets one outbox message. Sending again is a no-op: returns (report, False)."""
    report = WeeklyReport.objects.select_for_update().get(pk=report.pk)
    if report.is_sent:
        return report, False
    conf = settings_for(report.centre)
    recipients = recipients_for(conf)
    if not recipients["to"]:
        raise ReportRefused(
            _("No recipients are set: add them in the weekly report settings before sending.")
        )
    report.data = {**report.data, "letterhead": letterhead(conf)}
    report.sent_at = timezone.now()
    report.sent_by = by
    report.sent_to = recipients
    from newsroom.reports.excel import report_workbook
    from newsroom.reports.word import report_document

    report.xlsx = report_workbook(report)
    report.docx = report_document(report)
    report.pdf, report.signing_certificate, report.signing_note = _signed_pdf(report.docx, conf)
    report.save()
    attachments = files_for(report)
    context = {"report": report, "url": reverse("newsroom:report_detail", args=[report.pk])}
    for address in recipients["to"] + recipients["cc"]:
        notify_address(address, "weekly_report", context, attachments=attachments)
    return report, True


# --- The schedule ----------------------------------------------------------------------


def _tell_editors(centre, kind: str, report: WeeklyReport) -> None:
    url = reverse("newsroom:report_detail", args=[report.pk])
    for editor in centre_editors(centre.pk):
        notify(editor, kind, {"report": report}, url=url)


def _latest(centre, week_start: date) -> WeeklyReport | None:
    return (
        WeeklyReport.objects.filter(centre=centre, week_start=week_start)
        .order_by("-version")
        .first()
    )


def run_schedule(conf: ReportSettings, now: datetime) -> str:
    """What the schedule does for one centre at `now`: "" (nothing due), "sent", "draft"
    (the director was told it waits) or "reminded" (15:00 approaches, still unsent)."""
    local = timezone.localtime(now)
    if local.weekday() != conf.send_weekday or local.time() < conf.send_time:
        return ""
    start, _end = week_for(local.date(), conf.week_starts_on)
    centre = conf.centre
    unclaimed = Q(last_run_for__isnull=True) | ~Q(last_run_for=start)
    if ReportSettings.objects.filter(unclaimed, pk=conf.pk).update(last_run_for=start):
        latest = _latest(centre, start)
        if latest is not None and latest.is_sent:
            return ""  # sent by hand before the scheduled time
        report = generate_draft(centre, start)
        if conf.auto_send:
            try:
                send_report(report)
            except ReportRefused:
                _tell_editors(centre, "weekly_report_draft", report)
                return "draft"
            return "sent"
        _tell_editors(centre, "weekly_report_draft", report)
        return "draft"
    deadline = settings.WEEKLY_REPORT_DEADLINE
    remind_at = datetime.combine(local.date(), deadline) - settings.WEEKLY_REPORT_REMIND_BEFORE
    if not (remind_at.time() <= local.time() < deadline):
        return ""
    latest = _latest(centre, start)
    if latest is None or latest.is_sent:
        return ""
    unreminded = Q(reminded_for__isnull=True) | ~Q(reminded_for=start)
    if ReportSettings.objects.filter(unreminded, pk=conf.pk).update(reminded_for=start):
        _tell_editors(centre, "weekly_report_reminder", latest)
        return "reminded"
    return ""


def _ensure_settings() -> None:
    for centre in Organisation.objects.filter(is_newsroom=True, report_settings__isnull=True):
        settings_for(centre)


def due_schedule_ids(now: datetime) -> list[int]:
    """The schedules that may have something to do at `now` (their send day, past their
    send time): one task each, so a province's Thursday is spread over the workers
    instead of every centre's report being built in one task."""
    _ensure_settings()
    local = timezone.localtime(now)
    return [
        conf.pk
        for conf in ReportSettings.objects.filter(
            centre__is_newsroom=True, send_weekday=local.weekday()
        ).only("pk", "send_time")
        if local.time() >= conf.send_time
    ]


def run_schedule_id(conf_id: int, now: datetime) -> str:
    """One centre's schedule (the fanned-out task); claiming inside makes a repeat a no-op."""
    conf = ReportSettings.objects.select_related("centre").filter(pk=conf_id).first()
    if conf is None:
        return ""
    with transaction.atomic():
        return run_schedule(conf, now)


def sweep(now: datetime | None = None) -> dict[int, str]:
    """Every centre's schedule at `now`, in this process; each centre's result, keyed by
    its id. (The beat task fans out `due_schedule_ids` instead.)"""
    now = now or timezone.now()
    _ensure_settings()
    done = {}
    for conf in ReportSettings.objects.select_related("centre").filter(centre__is_newsroom=True):
        with transaction.atomic():
            done[conf.centre_id] = run_schedule(conf, now)
    return done


@transaction.atomic
def save_settings(form) -> ReportSettings:
    """The director's settings form; a new time or week lets the schedule run again."""
    conf = form.save(commit=False)
    if {"send_weekday", "send_time", "week_starts_on"} & set(form.changed_data):
        conf.last_run_for = conf.reminded_for = None
    conf.save()
    form.save_m2m()
    return conf
