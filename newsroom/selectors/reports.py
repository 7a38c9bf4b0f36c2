from django.db.models import QuerySet

from newsroom.models import WeeklyReport
from portal.scoping import get_for, scope_for


def reports_for(user) -> QuerySet[WeeklyReport]:
    """Directors and editors: their centre's reports. Provincial reviewer: every
    centre's of their province."""
    reports = WeeklyReport.objects.select_related("centre")
    return scope_for(user).filter(reports, editor="centre_id", across="centre")


def get_report_for(user, pk: int, *, perm: str | None = None) -> WeeklyReport:
    return get_for(user, reports_for(user), pk, perm)


def report_archive_for(user) -> QuerySet[WeeklyReport]:
    """The archive list: the frozen files stay in the database until downloaded."""
    return reports_for(user).defer("xlsx", "docx", "pdf", "data")
