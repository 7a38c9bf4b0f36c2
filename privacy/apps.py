from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Personal data")

    def ready(self):
        from privacy import (
            notification_kinds,  # noqa: F401 - kinds a user may route in the profile
            permissions,  # noqa: F401 - registers the rules
            receivers,  # noqa: F401 - joins the nightly retention task
        )
