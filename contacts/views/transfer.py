"""Export (public or with internal fields) and import with a dry run."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from contacts.enums import AccessKind
from contacts.filters import PublicContactFilter
from contacts.forms.imports import ApplyImportForm, ImportForm
from contacts.selectors.directory import can_see_internal, export_contacts_for
from contacts.selectors.imports import get_dry_run_for
from contacts.services import imports, public_exports
from contacts.services.access import record_read
from portal.files import private_download, public_file
from portal.scoping import scope_for

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "vcf": ("text/vcard; charset=utf-8", "vcf"),
}


@require_safe
@login_not_required
def export(request, fmt):
    """The public list (same filters) as a file; staff may add `?fields=internal`."""
    if fmt not in FORMATS:
        raise Http404
    internal = request.GET.get("fields") == "internal"
    if internal and not can_see_internal(request.user):
        raise PermissionDenied
    mimetype, suffix = FORMATS[fmt]
    stored = None
    if not request.GET and get_language() == settings.LANGUAGE_CODE:
        # the whole public list: the file the last change of the list built
        stored = public_exports.current(fmt)
    if stored is not None:
        name = f"danh-ba-bao-chi-{stored['built_on'].replace('-', '')}.{suffix}"
        return public_file(request, stored["path"], stored["etag"], name, mimetype)
    contacts = PublicContactFilter(
        request.GET or None, queryset=export_contacts_for(request.user, internal=internal)
    ).qs
    body = public_exports.build(fmt, contacts, internal)
    if internal:
        record_read(request.user, AccessKind.EXPORT, detail=f"{fmt} {request.GET.urlencode()}")
    name = f"danh-ba-bao-chi-{timezone.localdate():%Y%m%d}.{suffix}"
    return private_download(body, name, mimetype)


@require_http_methods(["GET", "HEAD", "POST"])
def import_upload(request):
    if not request.user.has_perm("contacts.propose_change"):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    results = dry_run = None
    if request.method == "POST" and form.is_valid():
        results, dry_run = imports.check_file(form.rows, owner=request.user)
        name = getattr(form.cleaned_data.get("file"), "name", "")
        record_read(request.user, AccessKind.IMPORT, detail=f"{name} ({len(form.rows)})")
    counts = imports.counts_of(results or [])
    return render(
        request,
        "contacts/import.html",
        {
            "form": form,
            "dry_run": dry_run,
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
    form = ApplyImportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the file again before importing."))
        return redirect("contacts:import")
    dry_run = get_dry_run_for(request.user, form.cleaned_data["dry_run"])
    try:
        made = imports.apply(dry_run, by=request.user)
    except imports.AlreadyApplied as exc:
        messages.warning(request, exc.messages[0])
        return _after_apply(request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("contacts:import")
    if scope_for(request.user).is_reviewer:
        messages.success(request, _("%(count)s changes are live.") % {"count": made})
    else:
        messages.success(
            request, _("%(count)s proposals sent to the provincial reviewer.") % {"count": made}
        )
    return _after_apply(request)


def _after_apply(request):
    if scope_for(request.user).is_reviewer:
        return redirect("contacts:directory")
    return redirect("contacts:proposals")
