from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from contacts.forms.merges import MergeForm, MergeSourcesForm
from contacts.models import FormerName, Organisation, OrganisationMerge, OrgLevel
from contacts.services.merges import apply_merge, plan_merge


@admin.register(OrgLevel)
class OrgLevelAdmin(admin.ModelAdmin):
    list_display = ["name", "rank", "is_locality"]
    list_editable = ["rank", "is_locality"]


class FormerNameInline(admin.TabularInline):
    model = FormerName
    fk_name = "organisation"
    fields = ["name", "predecessor", "merge"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "level", "parent", "is_newsroom", "centre", "is_active"]
    list_filter = ["level", "is_newsroom", "issues_leaders_calendar", "is_active", "centre"]
    # A former name ("Đắk Hà") finds the successor; the predecessor reads "Đắk Hà (cũ)".
    search_fields = ["name", "short_name", "former_names__name"]
    autocomplete_fields = ["parent", "centre"]
    list_select_related = ["level", "parent", "centre"]
    inlines = [FormerNameInline]
    actions = ["merge_selected"]

    @admin.action(description=gettext_lazy("Merge the selected organisations into another"))
    def merge_selected(self, request, queryset):
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        return redirect(f"{reverse('admin:contacts_organisation_merge')}?ids={ids}")

    def get_urls(self):
        merge = self.admin_site.admin_view(self.merge_view)
        return [path("merge/", merge, name="contacts_organisation_merge"), *super().get_urls()]

    def merge_view(self, request):
        """Dry run first (counts, problems), then apply in one transaction."""
        if not request.user.has_perm("contacts.change_organisation"):
            raise PermissionDenied
        sources = MergeSourcesForm(request.POST or request.GET).organisations()
        form = MergeForm(request.POST or None, sources=sources)
        plan = None
        if request.method == "POST" and form.is_valid():
            successor = form.cleaned_data["successor"]
            if "apply" in request.POST:
                try:
                    merge, plan = apply_merge(
                        sources,
                        successor,
                        decision=form.cleaned_data["decision"],
                        decided_on=form.cleaned_data["decided_on"],
                        by=request.user,
                    )
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    self.message_user(
                        request,
                        _("Merged into %(name)s: %(count)s records moved.")
                        % {"name": successor.name, "count": plan.total},
                        messages.SUCCESS,
                    )
                    return redirect("admin:contacts_organisation_change", successor.pk)
            plan = plan_merge(sources, successor)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge organisations"),
            "opts": self.model._meta,
            "sources": sources,
            "ids": ",".join(str(org.pk) for org in sources),
            "form": form,
            "plan": plan,
        }
        return render(request, "admin/contacts/organisation/merge.html", context)


@admin.register(OrganisationMerge)
class OrganisationMergeAdmin(admin.ModelAdmin):
    list_display = ["decision", "decided_on", "successor", "applied_by", "applied_at"]
    readonly_fields = ["successor", "decision", "decided_on", "applied_by", "applied_at", "counts"]
    search_fields = ["decision", "successor__name", "former_names__name"]

    def has_add_permission(self, request):
        return False  # a merger is applied from the organisations' list
