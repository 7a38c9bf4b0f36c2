from django.dispatch import Signal

# Sent by the assignment services after commit-worthy changes:
# assignment_changed.send(sender=Assignment, assignment=..., action="assigned" |
# "reassigned" | "unassigned" | "cancelled" | "rescheduled")
assignment_changed = Signal()
