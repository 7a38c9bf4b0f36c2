from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from events.selectors.stories import contributor_activity
from newsroom import charts
from newsroom.enums import Period
from newsroom.export import compliance_workbook
from newsroom.forms.compliance import PeriodForm
from newsroom.selectors import compliance
from newsroom.selectors.compliance import compliance_scope
from portal.files import private_download
from portal.scoping import scope_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A province's 400 agencies are shown a page at a time (the export has them all): the
# ranking and the totals are computed over every row, only the rendering is paged.
ROWS_PER_PAGE = 50


def _period_title(data) -> str:
    if data["period"] == Period.MONTH:
        return _("Month %(n)s/%(year)s") % {"n": data["number"], "year": data["year"]}
    if data["period"] == Period.QUARTER:
        return _("Quarter %(n)s/%(year)s") % {"n": data["number"], "year": data["year"]}
    return _("Year %(year)s") % {"year": data["year"]}


@require_safe
def compliance_view(request, export=False):
    user = request.user
    if not user.has_perm("newsroom.view_compliance"):
        raise PermissionDenied
    reader = scope_for(user)
    form = PeriodForm(
        request.GET or None, show_centre=reader.is_reviewer, province_id=reader.province_id
    )
    if not form.is_valid():
        return render(request, "newsroom/compliance.html", {"form": form}, status=400)
    data = form.cleaned_data
    centre = data.get("centre")
    scope = compliance_scope(user, centre.pk if centre else None)
    start, end = compliance.period_bounds(data["period"], data["year"], data["number"])
    # the period's rollup rows, read once for the table, the total and the centres
    months = compliance.month_rows(scope.centre_ids, start, end, scope.agency_ids)
    rows = compliance.compliance_rows(scope.centre_ids, start, end, scope.agency_ids, months=months)
    total = compliance.totals(scope.centre_ids, start, end, scope.agency_ids, months=months)
    activity = contributor_activity(scope.centre_ids, start, end, scope.agency_ids)
    compliance.with_stories(rows, activity)
    title = _("Lead-time compliance, %(period)s") % {"period": _period_title(data)}
    if export:
        workbook = compliance_workbook(title, rows, total, activity)
        return private_download(workbook, "tuan-thu-thoi-han.xlsx", XLSX)
    year_start, year_end = compliance.period_bounds(Period.YEAR, data["year"])
    trend = compliance.monthly_trend(
        scope.centre_ids,
        year_start,
        year_end,
        scope.agency_ids,
        months=months if data["period"] == Period.YEAR else None,
    )
    # a director's (every agency of one centre): the centre's row is the period's total
    centre_total = total if scope.agency_ids is None else None
    centres = compliance.centre_totals(
        scope.centre_ids,
        start,
        end,
        centre_total,
        months=months if scope.agency_ids is None else None,
    )
    return render(
        request,
        "newsroom/compliance.html",
        {
            "form": form,
            "title": title,
            "rows": rows,
            "total": total,
            "activity": activity,
            "scope": scope,
            "centres": centres,
            "trend_chart": charts.stacked_columns(trend, lambda p: f"{p['month']:%m}"),
            "centre_chart": charts.horizontal_bars(centres),
            "series": charts.SERIES,
            "page": Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page")),
            "activity_page": Paginator(activity, ROWS_PER_PAGE).get_page(
                request.GET.get("stories_page")
            ),
        },
    )


@require_safe
def compliance_export(request):
    return compliance_view(request, export=True)
