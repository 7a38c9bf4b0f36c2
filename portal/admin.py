from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.admin import OTPAdminSite

from portal import outbox
from portal.enums import OutboxState
from portal.models import Heartbeat, Notification, NotificationPreference, OutboxMessage, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Đưa Tin"), {"fields": ("full_name", "phone", "role", "organisation")}),
    )
    list_display = ["username", "full_name", "role", "organisation", "is_active"]
    list_filter = ["role", "is_active", "organisation"]
    search_fields = ["username", "full_name", "email"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "kind",
        "channel",
        "to_email",
        "to_phone",
        "state",
        "attempts",
        "sent_at",
    ]
    list_filter = ["state", "kind"]
    search_fields = ["to_email", "to_phone", "subject"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]
    actions = ["retry_now"]

    @admin.action(description=_("Retry now"))
    def retry_now(self, request, queryset):
        """Failed (or waiting) rows get a fresh set of attempts, due at once."""
        count = queryset.filter(state__in=[OutboxState.FAILED, OutboxState.PENDING]).update(
            state=OutboxState.PENDING, next_attempt_at=timezone.now(), attempts=0
        )
        self.message_user(
            request,
            ngettext("%(count)d message queued again.", "%(count)d messages queued again.", count)
            % {"count": count},
        )
        transaction.on_commit(outbox.sweep, robust=True)


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "email", "in_app"]
    list_filter = ["kind"]
    search_fields = ["user__username"]
    raw_id_fields = ["user"]


admin.site.register(Notification)
admin.site.register(Heartbeat)
# The admin home shows how many e-mails gave up, with a link to them.
admin.site.index_template = "admin/portal_index.html"
# The back office needs a verified second factor too, not only a staff password.
admin.site.__class__ = OTPAdminSite
