from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from newsroom.models import Channel, Publication


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "position", "is_active"]
    list_editable = ["position", "is_active"]


@admin.register(Publication)
class PublicationAdmin(SimpleHistoryAdmin):
    list_display = ["published_at", "channel", "notice", "recorded_by"]
    list_filter = ["channel"]
    list_select_related = ["channel", "notice", "recorded_by"]
    raw_id_fields = ["notice"]
