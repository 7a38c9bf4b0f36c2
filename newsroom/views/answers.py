"""The accept / decline page a signed e-mail link opens (no password for this one action)."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from newsroom.forms.assignments import AnswerForm
from newsroom.services import assignments as services
from newsroom.services.answers import read_answer_token


@require_http_methods(["GET", "HEAD", "POST"])
@login_not_required
def answer(request, token):
    found = read_answer_token(token)
    form = AnswerForm(request.POST or None)
    done = ""
    status = 200 if found.can_answer else 410 if found.assignment else 400
    if request.method == "POST" and found.can_answer:
        if form.is_valid():
            assignment, reporter = found.assignment, found.assignment.reporter
            try:
                if form.cleaned_data["answer"] == "accept":
                    services.confirm(assignment, by=reporter)
                    done = _("Accepted. Thank you; the director was told.")
                else:
                    services.decline(assignment, by=reporter, reason=form.cleaned_data["reason"])
                    done = _("Declined; the director was told and will send someone else.")
            except ValidationError as exc:
                form.add_error(None, exc)
                status = 400
        else:
            status = 400
    return render(
        request,
        "newsroom/answer.html",
        {"found": found, "form": form, "done": done, "token": token},
        status=status,
    )
