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
