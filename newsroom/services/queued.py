"""Actions a reporter queued on the phone without signal, applied when it is back.

Each comes with a key the phone made; `portal.idempotency.apply_once` keeps the answer
per key, so a replay (a retry after a lost answer, the page and the service worker both
sending) applies nothing twice. What happened meanwhile wins: an assignment handed to
someone else or cancelled is refused with a message the page shows, nothing changed.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from newsroom.enums import AssignmentStatus, QueuedAction
from newsroom.models import Assignment
from newsroom.services import assignments as services
from portal.idempotency import apply_once
from portal.models import User

CONFLICT = 409


def _refused(message: str) -> tuple[int, dict]:
    return CONFLICT, {"ok": False, "message": message}


def _apply(assignment: Assignment, by: User, action: str, data: dict) -> tuple[int, dict]:
    current = services._lock(assignment)
    if current.status == AssignmentStatus.CANCELLED:
        return _refused(
            _(
                "This assignment was handed to someone else or cancelled while you were "
                "offline; nothing was changed."
            )
        )
    if current.status == AssignmentStatus.DECLINED and action != QueuedAction.DECLINE:
        return _refused(_("You had declined this assignment; nothing was changed."))
    note, link = data.get("note", ""), data.get("link", "")
    try:
        if action == QueuedAction.CONFIRM:
            done, message = services.confirm(current, by=by), _("Confirmed. Thank you.")
        elif action == QueuedAction.DECLINE:
            done = services.decline(current, by=by, reason=data.get("reason", ""))
            message = _("Declined; the director was told.")
        elif action == QueuedAction.COVERED:
            done = services.mark_covered(current, by=by, note=note, link=link)
            message = _("Marked as covered.")
        else:
            done, message = (
                services.add_note(current, by=by, note=note, link=link),
                _("Note saved."),
            )
    except ValidationError as exc:
        transaction.set_rollback(True)
        return _refused(" ".join(exc.messages))
    return 200, {"ok": True, "message": message, "status": done.status}


def apply_queued(assignment: Assignment, *, by: User, key, action: str, **data) -> tuple[int, dict]:
    """Apply the reporter's queued `action` once for `key` → (HTTP status, answer)."""

    def apply():
        with transaction.atomic():
            return _apply(assignment, by, action, data)

    return apply_once(by, key, apply)
