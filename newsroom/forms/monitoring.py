from django import forms
from django.utils.translation import gettext_lazy as _

from contacts.models import Organisation
from newsroom.models import MonitoringItem
from portal.forms import WebAddressField
from portal.idempotency import SubmissionTokenMixin


class MonitoringItemForm(SubmissionTokenMixin, forms.ModelForm):
    # Declared so a pasted address without a scheme is read as https (Django 6's default).
    url = WebAddressField(label=_("link"), max_length=500, required=False)

    class Meta:
        model = MonitoringItem
        fields = [
            "outlet",
            "url",
            "published_on",
            "title",
            "summary",
            "assessment",
            "responsible_agency",
            "response_due",
        ]
        widgets = {
            "published_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "response_due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_agency"].queryset = Organisation.objects.filter(
            centre=centre
        ).order_by("name")

    def clean(self):
        data = super().clean()
        if data.get("response_due") and not data.get("responsible_agency"):
            self.add_error(
                "responsible_agency", _("Choose the agency that must answer by this date.")
            )
        published, due = data.get("published_on"), data.get("response_due")
        if published and due and due < published:
            self.add_error("response_due", _("The answer cannot be due before the item appeared."))
        return data


class ResponseForm(forms.Form):
    text = forms.CharField(label=_("Response"), widget=forms.Textarea(attrs={"rows": 4}))
