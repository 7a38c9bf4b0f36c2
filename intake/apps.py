from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = _("E-mail intake")

    def ready(self):
        from intake import (
            notification_kinds,  # noqa: F401 - kinds a user may route in the profile
            permissions,  # noqa: F401 - registers the rules
        )
        from intake.services.mailboxes import mailbox_health
        from portal.health import register_check

        register_check("mailboxes", mailbox_health)
