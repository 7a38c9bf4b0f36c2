from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self):
        from newsroom import (
            dashboard,  # noqa: F401 - registers the director's home panel
            notification_kinds,  # noqa: F401 - kinds a user may route in the profile
            permissions,  # noqa: F401 - registers the rules
            receivers,  # noqa: F401 - follows notices (events) and assignments (reminders)
        )
