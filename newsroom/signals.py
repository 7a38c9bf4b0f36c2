"""Signals other newsroom features hook into without editing the assignment code.

`assignment_changed` is sent inside the service's transaction (so rows written by a
receiver, e.g. reminders, commit or roll back together with the change), with:

    sender=Assignment, assignment=<Assignment>, action=<one of ACTIONS>

Look at `assignment.status` (and `assignment.window_start`) rather than the action
alone: a cancelled assignment needs no reminders; any other needs them timed from the
notice's start. A reassignment sends "unassigned" for the old row (now cancelled) and
"reassigned" for the new one.
"""

from django.dispatch import Signal

ACTIONS = (
    "assigned",
    "reassigned",
    "unassigned",
    "cancelled",  # the agency cancelled the notice
    "rescheduled",  # the agency moved the notice; windows follow
    "confirmed",
)

assignment_changed = Signal()
