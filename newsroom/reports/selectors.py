from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from newsroom.models import WeeklyReport


def reports_for(user) -> QuerySet[WeeklyReport]:
    """Directors and editors: their centre's reports. Provincial reviewer: every centre's."""
    reports = WeeklyReport.objects.select_related("centre")
    if user.is_editor and user.organisation_id:
        return reports.filter(centre_id=user.organisation_id)
    if user.is_reviewer:
        return reports
    return reports.none()


def get_report_for(user, pk: int, *, perm: str | None = None) -> WeeklyReport:
    report = get_object_or_404(reports_for(user), pk=pk)
    if perm and not user.has_perm(perm, report):
        raise PermissionDenied
    return report
