from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = _("Organisations and contacts")

    def ready(self):
        from contacts import (
            dashboard,  # noqa: F401 - registers the home panel
            permissions,  # noqa: F401 - registers the rules
        )
