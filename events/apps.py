from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Event notices")

    def ready(self):
        from events import (
            dashboard,  # noqa: F401 - registers the home panel
            notification_kinds,  # noqa: F401 - kinds a user may route in the profile
            permissions,  # noqa: F401 - registers the rules
        )
        from events.receivers import detach_moved_occurrence
        from events.signals import notice_relocated, notice_rescheduled

        for signal in (notice_rescheduled, notice_relocated):
            signal.connect(detach_moved_occurrence, dispatch_uid=f"detach-{id(signal)}")
