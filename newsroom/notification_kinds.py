from django.utils.translation import gettext_lazy as _

from newsroom.enums import ReminderKind
from portal.preferences import register_kind

register_kind("assignment_new", _("New assignment"))
register_kind("assignment_changed", _("An event I am assigned to was moved or changed"))
register_kind("assignment_cancelled", _("An event I am assigned to was cancelled"))
register_kind("assignment_clash", _("A moved event double-books a reporter of my centre"))
for kind in ReminderKind:
    register_kind(kind.value, kind.label)
register_kind("weekly_report", _("Weekly report"))
register_kind("weekly_report_draft", _("The weekly report draft is waiting to be sent"))
register_kind("weekly_report_reminder", _("The weekly report is due soon and not sent"))
register_kind("monitoring_item", _("Press item for my agency to answer"))
register_kind("monitoring_response", _("An agency answered a press item"))
register_kind("absence_requested", _("A reporter's absence waits for my approval"))
register_kind("absence_decided", _("My absence was approved, rejected or cancelled"))
register_kind("assignment_accepted", _("A reporter accepted an assignment"))
register_kind("assignment_declined", _("A reporter declined an assignment"))
register_kind("assignment_unanswered", _("A reporter has not accepted an assignment in time"))
