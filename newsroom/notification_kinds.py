from django.utils.translation import gettext_lazy as _

from newsroom.enums import ReminderKind
from portal.enums import Role
from portal.preferences import register_kind

AGENCY, REPORTER, EDITOR, REVIEWER = Role.AGENCY_STAFF, Role.REPORTER, Role.EDITOR, Role.REVIEWER
ASSIGNED = (REPORTER, EDITOR)  # a director may cover an event too
REMINDER_ROLES = {
    ReminderKind.ASSIGNMENT_EVENING: ASSIGNED,
    ReminderKind.ASSIGNMENT_SOON: ASSIGNED,
    ReminderKind.NOTICE_UNASSIGNED: (EDITOR,),
    ReminderKind.COMPLIANCE_MONTHLY: (AGENCY,),
}

register_kind("assignment_new", _("New assignment"), roles=ASSIGNED)
register_kind(
    "assignment_changed", _("An event I am assigned to was moved or changed"), roles=ASSIGNED
)
register_kind("assignment_cancelled", _("An event I am assigned to was cancelled"), roles=ASSIGNED)
register_kind(
    "assignment_clash", _("A moved event double-books a reporter of my centre"), roles=(EDITOR,)
)
for kind in ReminderKind:
    register_kind(kind.value, kind.label, roles=REMINDER_ROLES.get(kind))
register_kind("weekly_report", _("Weekly report"), roles=(EDITOR, REVIEWER))
register_kind(
    "weekly_report_draft", _("The weekly report draft is waiting to be sent"), roles=(EDITOR,)
)
register_kind(
    "weekly_report_reminder", _("The weekly report is due soon and not sent"), roles=(EDITOR,)
)
register_kind("monitoring_item", _("Press item for my agency to answer"), roles=(AGENCY,))
register_kind("monitoring_response", _("An agency answered a press item"), roles=(EDITOR, REVIEWER))
register_kind("agency_letter", _("Monthly letter on my agency's notices"), roles=(AGENCY,))
register_kind("absence_requested", _("A reporter's absence waits for my approval"), roles=(EDITOR,))
register_kind(
    "absence_decided", _("My absence was approved, rejected or cancelled"), roles=ASSIGNED
)
register_kind("assignment_accepted", _("A reporter accepted an assignment"), roles=(EDITOR,))
register_kind("assignment_declined", _("A reporter declined an assignment"), roles=(EDITOR,))
register_kind(
    "assignment_unanswered",
    _("A reporter has not accepted an assignment in time"),
    roles=(EDITOR,),
)
