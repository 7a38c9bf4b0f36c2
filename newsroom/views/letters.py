"""The monthly letters to agencies, from the compliance page: pick a month, read every
agency's figures and recipients, confirm, send one letter per agency; the archive."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from newsroom.forms.letters import MonthForm, SendLettersForm
from newsroom.selectors.letters import get_letter_for, letter_archive_for
from newsroom.services import letters as build
from portal.files import private_download
from portal.idempotency import submit_once
from portal.scoping import organisation_required

VIEW = "newsroom.view_agencyletter"
SEND = "newsroom.send_agencyletters"


@require_safe
@permission_required(VIEW, raise_exception=True)
def letter_list(request):
    page = Paginator(letter_archive_for(request.user), 50).get_page(request.GET.get("page"))
    context = {"page": page, "month_form": MonthForm.from_query(request.GET)}
    return render(request, "newsroom/letters/list.html", context)


def _preview(request, form, year, month, status=200):
    overview = build.month_overview(request.user.organisation, year, month)
    context = {
        "form": form,
        "overview": overview,
        "month": f"{month:02d}/{year}",
        "to_send": [entry for entry in overview if entry.letter is None],
    }
    return render(request, "newsroom/letters/preview.html", context, status=status)


@require_safe
@organisation_required
@permission_required(SEND, raise_exception=True)
def letter_preview(request):
    month_form = MonthForm.from_query(request.GET)
    if not month_form.is_valid():
        context = {"page": None, "month_form": month_form}
        return render(request, "newsroom/letters/list.html", context, status=400)
    year, month = month_form.cleaned_data["year"], month_form.cleaned_data["month"]
    form = SendLettersForm(initial={"year": year, "month": month})
    return _preview(request, form, year, month)


@require_POST
@organisation_required
@permission_required(SEND, raise_exception=True)
@submit_once
def letter_send(request):
    form = SendLettersForm(request.POST)
    month_form = MonthForm(request.POST)
    if not month_form.is_valid():
        context = {"page": None, "month_form": month_form}
        return render(request, "newsroom/letters/list.html", context, status=400)
    year, month = month_form.cleaned_data["year"], month_form.cleaned_data["month"]
    if not form.is_valid():
        return _preview(request, form, year, month, status=400)
    try:
        made = build.send_letters(
            request.user.organisation,
            year,
            month,
            by=request.user,
            with_pdf=form.cleaned_data["with_pdf"],
        )
    except build.LettersRefused as refusal:
        messages.error(request, str(refusal))
        return _preview(request, form, year, month, status=400)
    if made:
        messages.success(
            request,
            _("%(n)s letters for %(month)s were sent and archived.")
            % {"n": len(made), "month": f"{month:02d}/{year}"},
        )
    else:
        messages.info(
            request,
            _("The letters for %(month)s were already sent; nothing was sent again.")
            % {"month": f"{month:02d}/{year}"},
        )
    return redirect(f"{reverse('newsroom:letter_preview')}?year={year}&month={month}")


@require_safe
@permission_required(VIEW, raise_exception=True)
def letter_word(request, pk):
    letter = get_letter_for(request.user, pk)
    return private_download(bytes(letter.docx), f"{build.stem(letter)}.docx", build.DOCX)


@require_safe
@permission_required(VIEW, raise_exception=True)
def letter_pdf(request, pk):
    letter = get_letter_for(request.user, pk)
    if letter.pdf is None:
        raise Http404
    return private_download(bytes(letter.pdf), f"{build.stem(letter)}.pdf", build.PDF)
