"""The access log: who read the directory's personal data, searchable, exportable."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from contacts.exchange import write_csv
from portal.files import private_download
from privacy.filters import AccessLogFilter
from privacy.selectors.access import access_log_for

EXPORT_LIMIT = 50_000


def _filtered(request):
    if not request.user.has_perm("privacy.view_access_log"):
        raise PermissionDenied
    return AccessLogFilter(request.GET or None, queryset=access_log_for(request.user))


@require_safe
def access_log(request):
    filterset = _filtered(request)
    page = Paginator(filterset.qs, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "privacy/access_log.html",
        {
            "page": page,
            "filters": filterset.form,
            "retention_days": settings.ACCESS_LOG_RETENTION_DAYS,
        },
    )


@require_safe
def access_log_export(request):
    filterset = _filtered(request)
    titles = {
        "at": _("Time"),
        "user": _("Account"),
        "what": _("Page or file read"),
        "entry": _("Directory entry"),
        "detail": _("Detail"),
    }
    header = tuple(titles)
    rows = [
        {
            "at": timezone.localtime(r.at).strftime("%d/%m/%Y %H:%M:%S"),
            "user": r.user.username if r.user else _("(deleted account)"),
            "what": r.get_what_display(),
            "entry": r.entry_id or "",
            "detail": r.detail,
        }
        for r in filterset.qs[:EXPORT_LIMIT]
    ]
    name = f"nhat-ky-truy-cap-{timezone.localdate():%Y%m%d}.csv"
    return private_download(write_csv(rows, header, titles), name, "text/csv; charset=utf-8")
