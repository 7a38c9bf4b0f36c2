"""Newsroom follows what happens to a notice in `events` (which never imports newsroom).

`events.services.notices` sends these signals inside its transaction, after the change; the
assignments, reminders and reporters' messages written here commit with it.
"""

from django.dispatch import receiver

from events.models import Notice
from events.signals import (
    notice_cancelled,
    notice_reclassified,
    notice_relocated,
    notice_rescheduled,
)
from newsroom.services.assignments import follow_notice_change
from newsroom.services.reminders import (
    prune_finished,
    schedule_assignment_reminders,
    withdraw_assignment_reminders,
)
from newsroom.services.resources import follow_assignment_window, release_for_assignment
from newsroom.signals import assignment_changed
from portal.signals import prune_old_rows


@receiver(notice_rescheduled, sender=Notice, dispatch_uid="newsroom_notice_rescheduled")
@receiver(notice_relocated, sender=Notice, dispatch_uid="newsroom_notice_relocated")
@receiver(notice_reclassified, sender=Notice, dispatch_uid="newsroom_notice_reclassified")
@receiver(notice_cancelled, sender=Notice, dispatch_uid="newsroom_notice_cancelled")
def notice_changed(sender, notice, change, by, **kwargs):
    follow_notice_change(notice, change, by=by)


@receiver(assignment_changed, dispatch_uid="newsroom.reminders.assignment_changed")
def on_assignment_changed(sender, assignment, action, **kwargs):
    if action in ("unassigned", "cancelled", "withdrawn", "declined"):
        withdraw_assignment_reminders(assignment)
    else:  # assigned, reassigned, rescheduled, confirmed
        schedule_assignment_reminders(assignment)


@receiver(assignment_changed, dispatch_uid="newsroom.resources.assignment_changed")
def on_assignment_changed_resources(sender, assignment, action, **kwargs):
    if action in ("unassigned", "cancelled", "withdrawn", "declined"):
        release_for_assignment(assignment)
    elif action == "rescheduled":
        follow_assignment_window(assignment)


@receiver(prune_old_rows, dispatch_uid="newsroom.reminders.prune")
def prune_reminders(sender, now, **kwargs):
    return {"reminders": prune_finished(now)}
