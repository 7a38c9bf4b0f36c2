"""A person's request about their data (no account), and the reviewers' cases."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portal.files import private_download
from privacy import exports
from privacy.enums import RequestKind
from privacy.forms.requests import AnswerForm, CodeForm, CorrectionForm, DataRequestForm
from privacy.selectors.cases import get_case_for, open_cases_for
from privacy.selectors.subject import contacts_of, everything_about, subject_of
from privacy.services import requests as services


@require_http_methods(["GET", "HEAD", "POST"])
@login_not_required
def request_new(request):
    form = DataRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = ("kind", "full_name", "email", "phone", "channel", "details", "corrections")
        data = {k: form.cleaned_data[k] for k in fields}
        data_request = services.submit(**data)
        return redirect("privacy:request_verify", token=services.request_token(data_request))
    return render(request, "privacy/request_form.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@login_not_required
def request_verify(request, token):
    data_request = services.request_from_token(token)
    if data_request is None:
        raise Http404
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            data_request = services.verify(data_request, form.cleaned_data["code"])
        except services.CodeRefused as exc:
            form.add_error("code", exc)
        else:
            return render(request, "privacy/request_received.html", {"request_": data_request})
    return render(request, "privacy/request_verify.html", {"form": form})


@require_safe
def case_list(request):
    if not request.user.has_perm("privacy.view_cases"):
        raise PermissionDenied
    page = Paginator(open_cases_for(request.user), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "privacy/case_list.html", {"page": page})


@require_http_methods(["GET", "HEAD", "POST"])
def case_detail(request, pk):
    case = get_case_for(request.user, pk)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer(
                case,
                by=request.user,
                text=form.cleaned_data["text"],
                erase=form.cleaned_data["erase"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The answer is on its way to the person."))
            return redirect("privacy:case", pk=case.pk)
    return _case_page(request, case, form=form)


def _case_page(request, case, *, form=None, correction=None):
    held = everything_about(subject_of(case)) if case.is_open else None
    if case.is_open and case.kind == RequestKind.CORRECT and correction is None:
        correction = _correction_form(case)
    context = {
        "case": case,
        "form": form or AnswerForm(),
        "held": held,
        "correction": correction,
    }
    return render(request, "privacy/case_detail.html", context)


def _correction_form(case, data=None):
    entries = list(contacts_of(subject_of(case)).order_by("pk"))
    form = CorrectionForm(data, case=case, entries=entries)
    form.current = {
        entry.pk: [
            (form[f"value_{name}"], getattr(entry, name), case.corrections[name])
            for name in case.corrections
        ]
        for entry in entries
    }
    return form


@require_POST
def case_correct(request, pk):
    case = get_case_for(request.user, pk)
    form = _correction_form(case, request.POST)
    if form.is_valid():
        try:
            services.apply_corrections(
                case,
                by=request.user,
                entry_id=form.cleaned_data["entry"],
                values=form.values(),
                text=form.cleaned_data["text"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The corrections were made and the person is told."))
            return redirect("privacy:case", pk=case.pk)
    return _case_page(request, case, correction=form)


def _add_errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.error_dict.items():
        field = f"value_{name}" if f"value_{name}" in form.fields else None
        for error in errors:
            form.add_error(field, error)


@require_safe
def case_export(request, pk, fmt):
    case = get_case_for(request.user, pk)
    if fmt not in ("json", "docx") or not case.is_open:
        raise Http404
    data = everything_about(subject_of(case))
    if fmt == "json":
        return private_download(
            exports.as_json(data), f"yeu-cau-{case.pk}.json", "application/json"
        )
    return private_download(exports.as_docx(data), f"yeu-cau-{case.pk}.docx", exports.DOCX)
