from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from newsroom.models import Assignment, Channel, NoticeDecision, PlanItem, Publication


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    """Directors keep their centre's list in the portal; this is for administrators."""

    list_display = ["name", "centre", "kind", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["centre", "is_active", "kind"]
    list_select_related = ["centre"]
    search_fields = ["name", "centre__name"]


@admin.register(Publication)
class PublicationAdmin(SimpleHistoryAdmin):
    list_display = ["published_at", "channel", "centre", "notice", "recorded_by"]
    list_filter = ["centre", "channel"]
    list_select_related = ["channel", "centre", "notice", "recorded_by"]
    raw_id_fields = ["notice"]


# --- Issue 6: reminders, weekly reports, press monitoring ---------------------------------
from newsroom.models import (  # noqa: E402
    AgencyLetter,
    MonitoringItem,
    Reminder,
    ReportSettings,
    WeeklyReport,
)


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["due_at", "kind", "recipient", "state", "sent_at"]
    list_filter = ["state", "kind"]
    search_fields = ["dedupe_key", "recipient__username"]
    raw_id_fields = ["recipient", "notice"]
    list_select_related = ["recipient"]


@admin.register(ReportSettings)
class ReportSettingsAdmin(admin.ModelAdmin):
    list_display = ["centre", "place", "signer_title", "signer_name"]
    list_select_related = ["centre"]


@admin.register(WeeklyReport)
class WeeklyReportAdmin(admin.ModelAdmin):
    list_display = ["week_start", "centre", "version", "number", "generated_at", "sent_at"]
    list_filter = ["centre"]
    readonly_fields = ["data", "sent_at", "sent_by", "sent_to", "version", "replaces"]
    exclude = ["signing_certificate"]
    list_select_related = ["centre"]


@admin.register(AgencyLetter)
class AgencyLetterAdmin(admin.ModelAdmin):
    """Sent letters are records: read them here, never change them."""

    list_display = ["month", "centre", "agency", "number", "sent_at"]
    list_filter = ["centre"]
    list_select_related = ["centre", "agency"]
    readonly_fields = ["centre", "agency", "month", "number", "data", "sent_at", "sent_by"]
    exclude = ["sent_to"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MonitoringItem)
class MonitoringItemAdmin(admin.ModelAdmin):
    list_display = [
        "published_on",
        "title",
        "outlet",
        "assessment",
        "responsible_agency",
        "response_status",
        "response_due",
    ]
    list_filter = ["assessment", "response_status", "centre"]
    search_fields = ["title", "outlet"]
    raw_id_fields = ["responsible_agency", "created_by"]
    list_select_related = ["responsible_agency"]


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["notice", "reporter", "role", "status", "window_start", "override_reason"]
    list_filter = ["status", "role"]
    list_select_related = ["notice", "reporter"]
    raw_id_fields = ["notice", "reporter", "assigned_by"]


@admin.register(NoticeDecision)
class NoticeDecisionAdmin(SimpleHistoryAdmin):
    list_display = ["notice", "reason", "decided_by", "decided_at"]
    raw_id_fields = ["notice", "decided_by"]


@admin.register(PlanItem)
class PlanItemAdmin(SimpleHistoryAdmin):
    list_display = ["topic", "year", "quarter", "format", "channel", "centre"]
    list_filter = ["year", "quarter", "format"]
    filter_horizontal = ["publications"]
