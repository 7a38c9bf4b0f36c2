"""Export (public or with internal fields) and import with a dry run."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from contacts import exchange
from contacts.filters import PublicContactFilter
from contacts.forms.imports import ImportForm
from contacts.selectors.directory import can_see_internal, export_contacts_for
from contacts.services import imports
from portal.files import private_download
from portal.scoping import scope_for

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "vcf": ("text/vcard; charset=utf-8", "vcf"),
}
SESSION_KEY = "contacts_import"


@require_safe
@login_not_required
def export(request, fmt):
    """The public list (same filters) as a file; staff may add `?fields=internal`."""
    if fmt not in FORMATS:
        raise Http404
    internal = request.GET.get("fields") == "internal"
    if internal and not can_see_internal(request.user):
        raise PermissionDenied
    contacts = PublicContactFilter(
        request.GET or None, queryset=export_contacts_for(request.user, internal=internal)
    ).qs
    header = exchange.columns(internal)
    if fmt == "vcf":
        body = exchange.write_vcard(contacts, internal).encode("utf-8")
    else:
        writer = exchange.write_csv if fmt == "csv" else exchange.write_xlsx
        body = writer(exchange.export_rows(contacts, internal), header)
    mimetype, suffix = FORMATS[fmt]
    name = f"danh-ba-bao-chi-{timezone.localdate():%Y%m%d}.{suffix}"
    return private_download(body, name, mimetype)


@require_http_methods(["GET", "HEAD", "POST"])
def import_upload(request):
    if not request.user.has_perm("contacts.propose_change"):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    results = None
    if request.method == "POST" and form.is_valid():
        results = imports.dry_run(form.rows)
        request.session[SESSION_KEY] = imports.to_session(results)
    counts = {}
    for result in results or []:
        counts[result.status] = counts.get(result.status, 0) + 1
    return render(
        request,
        "contacts/import.html",
        {
            "form": form,
            "results": results,
            "counts": counts,
            "has_errors": bool(counts.get(imports.ERROR)),
            "to_apply": counts.get(imports.NEW, 0) + counts.get(imports.CHANGED, 0),
        },
    )


@require_POST
def import_apply(request):
    if not request.user.has_perm("contacts.propose_change"):
        raise PermissionDenied
    stored = request.session.pop(SESSION_KEY, None)
    if stored is None:
        messages.error(request, _("Check the file again before importing."))
        return redirect("contacts:import")
    try:
        made = imports.apply(imports.from_session(stored), by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("contacts:import")
    if scope_for(request.user).is_reviewer:
        messages.success(request, _("%(count)s changes are live.") % {"count": made})
        return redirect("contacts:directory")
    messages.success(
        request, _("%(count)s proposals sent to the provincial reviewer.") % {"count": made}
    )
    return redirect("contacts:proposals")
