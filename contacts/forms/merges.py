from django import forms
from django.utils.translation import gettext_lazy as _

from contacts.models import Organisation


class MergeForm(forms.Form):
    """What the administrator fills in to merge the organisations chosen in the list."""

    successor = forms.ModelChoiceField(
        label=_("Successor"),
        queryset=Organisation.objects.none(),
        help_text=_("The organisation they become (create it first if it is new)."),
    )
    decision = forms.CharField(
        label=_("Decision"), max_length=200, help_text=_("e.g. Nghị quyết số 1664/NQ-UBTVQH15")
    )
    decided_on = forms.DateField(
        label=_("Date of the decision"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = (
            Organisation.objects.filter(is_active=True)
            .exclude(pk__in=[org.pk for org in sources])
            .select_related("level")
        )


class MergeSourcesForm(forms.Form):
    """The organisations chosen in the admin list, carried as "1,2,3" from page to page."""

    ids = forms.CharField(required=False, widget=forms.HiddenInput)

    def organisations(self) -> list:
        raw = self.cleaned_data.get("ids", "") if self.is_valid() else ""
        ids = [int(pk) for pk in raw.split(",") if pk.strip().isdigit()]
        return list(Organisation.objects.filter(pk__in=ids).order_by("name"))
