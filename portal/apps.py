from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from portal import aggregates, receivers, third_party  # noqa: F401
        from portal.celery import warm_broker_transport

        third_party.apply()
        warm_broker_transport()
