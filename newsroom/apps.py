from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self):
        from newsroom import (
            notification_kinds,  # noqa: F401 - kinds a user may route in the profile
            reminders,  # noqa: F401 - connects the assignment_changed receiver
        )
        from newsroom.monitoring import permissions as _monitoring  # noqa: F401
        from newsroom.reports import permissions as _reports  # noqa: F401
