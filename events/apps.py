from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Event notices")

    def ready(self):
        from django.db.models.signals import post_migrate

        from contacts.signals import organisations_merged
        from events import (
            dashboard,  # noqa: F401 - registers the home panel
            notification_kinds,  # noqa: F401 - kinds a user may route in the profile
            permissions,  # noqa: F401 - registers the rules
        )
        from events.receivers import detach_moved_occurrence, rollup_after_migrate
        from events.services.compliance_months import after_merger
        from events.signals import notice_relocated, notice_rescheduled

        for signal in (notice_rescheduled, notice_relocated):
            signal.connect(detach_moved_occurrence, dispatch_uid=f"detach-{id(signal)}")
        organisations_merged.connect(after_merger, dispatch_uid="events-rollup-after-merger")
        post_migrate.connect(rollup_after_migrate, sender=self, dispatch_uid="events-rollup")
