from django.utils.translation import gettext_lazy as _

from newsroom.enums import ReminderKind
from portal.preferences import register_kind

register_kind("assignment_new", _("New assignment"))
for kind in ReminderKind:
    register_kind(kind.value, kind.label)
register_kind("weekly_report", _("Weekly report"))
register_kind("monitoring_item", _("Press item for my agency to answer"))
register_kind("monitoring_response", _("An agency answered a press item"))
