"""The endpoint a reporter's phone sends its offline queue to (JSON in, JSON out).

Without JavaScript the cards' forms post to the ordinary actions; with it, and only when
the phone is offline, static/js/offline.js queues the action with a key and sends it here
when the connection returns."""

from django.http import JsonResponse
from django.views.decorators.http import require_POST

from newsroom.forms.assignments import QueuedActionForm
from newsroom.selectors.assignments import get_assignment_for
from newsroom.services.queued import apply_queued


@require_POST
def queued_action(request, pk):
    assignment = get_assignment_for(request.user, pk, perm="newsroom.act_on_assignment")
    form = QueuedActionForm(request.POST)
    if not form.is_valid():
        message = " ".join(e for errs in form.errors.values() for e in errs)
        return JsonResponse({"ok": False, "message": message}, status=400)
    status, answer = apply_queued(assignment, by=request.user, **form.cleaned_data)
    return JsonResponse(answer, status=status)
