from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from campaigns.models import Campaign, CampaignDocument, CampaignTask, Recipient, TaskReport


class DocumentInline(admin.TabularInline):
    model = CampaignDocument
    extra = 0


class TaskInline(admin.TabularInline):
    model = CampaignTask
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(SimpleHistoryAdmin):
    list_display = ["title", "issuer", "status", "starts_on", "ends_on", "parent"]
    list_filter = ["status"]
    list_select_related = ["issuer", "parent"]
    search_fields = ["title"]
    raw_id_fields = ["parent", "created_by", "sent_by"]
    inlines = [DocumentInline, TaskInline]


@admin.register(Recipient)
class RecipientAdmin(admin.ModelAdmin):
    list_display = ["campaign", "organisation", "kind", "status", "acknowledged_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["campaign", "organisation"]
    raw_id_fields = ["campaign", "organisation", "acknowledged_by"]


@admin.register(TaskReport)
class TaskReportAdmin(SimpleHistoryAdmin):
    list_display = ["recipient", "task", "channel", "times", "done_on", "reported_by"]
    list_select_related = ["recipient__organisation", "recipient__campaign", "task"]
    raw_id_fields = ["recipient", "task", "publication", "reported_by"]
