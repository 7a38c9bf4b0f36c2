from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from contacts.models import Organisation, OrgLevel


@admin.register(OrgLevel)
class OrgLevelAdmin(admin.ModelAdmin):
    list_display = ["name", "rank", "is_locality"]
    list_editable = ["rank", "is_locality"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "level", "parent", "is_newsroom", "centre", "is_active"]
    list_filter = ["level", "is_newsroom", "issues_leaders_calendar", "is_active", "centre"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["parent", "centre"]
    list_select_related = ["level", "parent", "centre"]
