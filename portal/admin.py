from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from portal.models import Heartbeat, Notification, OutboxMessage, User


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
    list_display = ["created_at", "kind", "to_email", "state", "attempts", "sent_at"]
    list_filter = ["state", "kind"]
    search_fields = ["to_email", "subject"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]
    actions = ["retry_now"]

    @admin.action(description=_("Retry now"))
    def retry_now(self, request, queryset):
        from django.utils import timezone

        from portal.enums import OutboxState

        queryset.filter(state=OutboxState.FAILED).update(
            state=OutboxState.PENDING, next_attempt_at=timezone.now()
        )


admin.site.register(Notification)
admin.site.register(Heartbeat)
