"""The weekly report: figures for one centre and one week, stored, filed, sent once.

Each section reuses the read that its own page uses (compliance, plan progress), so the
report and the pages never disagree.
"""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from contacts.models import Organisation
from events.enums import NoticeStatus
from events.models import Notice
from events.selectors.stories import contributor_activity
from newsroom.enums import Assessment, ResponseStatus
from newsroom.models import MonitoringItem, PlanItem, Publication, ReportSettings, WeeklyReport
from newsroom.selectors.compliance import compliance_rows
from newsroom.selectors.plan import quarter_progress
from portal.outbox import Attachment, notify_address

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def week_for(today: date) -> tuple[date, date]:
    """The 7 days before `today` (the Thursday the report is due): Thursday to Wednesday."""
    return today - timedelta(days=7), today - timedelta(days=1)


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
            Q(notice__centre=centre) | Q(story__centre=centre),
            published_at__gte=since,
            published_at__lt=until,
        )
        .values("channel__name", "channel__position")
        .annotate(count=Count("pk", distinct=True))
        .order_by("channel__position", "channel__name")
    )
    return [{"channel": r["channel__name"], "count": r["count"]} for r in rows]


def compliance_figures(centre, since, until) -> list[dict]:
    """The compliance page's ranking for the week, worst first (what needs a word)."""
    return [
        {
            "agency": row.name,
            "total": row.total,
            "on_time": row.on_time,
            "late": row.late,
            "after_fact": row.after_fact,
            "exempt": row.exempt,
            "rate": row.on_time_rate,
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
    found, _ = ReportSettings.objects.get_or_create(centre=centre)
    return found


def files_for(report: WeeklyReport) -> list[Attachment]:
    from newsroom.reports.excel import report_workbook
    from newsroom.reports.word import report_document

    stem = f"bao-cao-tuan-{report.week_start:%Y%m%d}"
    return [
        Attachment(f"{stem}.xlsx", report_workbook(report), XLSX),
        Attachment(f"{stem}.docx", report_document(report), DOCX),
    ]


@transaction.atomic
def generate_report(
    centre, week_start: date, *, send: bool = True, resend: bool = False
) -> WeeklyReport:
    """Create or refresh the centre's report for the week; e-mail it once (or again if
    `resend`). Running it twice for the same centre-week leaves one report."""
    week_end = week_start + timedelta(days=6)
    Organisation.objects.select_for_update().get(pk=centre.pk)  # one generator per centre
    report = WeeklyReport.objects.filter(centre=centre, week_start=week_start).first()
    if report is None:
        number = (
            WeeklyReport.objects.filter(centre=centre, week_start__year=week_start.year).count() + 1
        )
        report = WeeklyReport(centre=centre, week_start=week_start, number=number)
    report.week_end = week_end
    report.data = build_data(centre, week_start, week_end)
    report.generated_at = timezone.now()
    report.save()
    if send and (report.sent_at is None or resend):
        send_report(report)
    return report


def send_report(report: WeeklyReport) -> int:
    recipients = settings_for(report.centre).recipient_list
    if not recipients:
        return 0
    attachments = files_for(report)
    context = {"report": report, "url": reverse("newsroom:report_detail", args=[report.pk])}
    for address in recipients:
        notify_address(address, "weekly_report", context, attachments=attachments)
    WeeklyReport.objects.filter(pk=report.pk).update(sent_at=timezone.now())
    report.sent_at = timezone.now()
    return len(recipients)


def generate_all(today: date | None = None) -> int:
    today = today or timezone.localdate()
    start, _ = week_for(today)
    centres = Organisation.objects.filter(is_newsroom=True)
    for centre in centres:
        generate_report(centre, start)
    return len(centres)
