from django import forms
from django.utils.translation import gettext_lazy as _

from contacts.models import PressContact
from portal.idempotency import SubmissionTokenMixin
from privacy.models import Breach

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class BreachForm(forms.ModelForm):
    class Meta:
        model = Breach
        fields = [
            "title",
            "description",
            "discovered_at",
            "occurred_at",
            "data_kinds",
            "affected_count",
            "affected_contacts",
            "affected_others",
            "consequences",
            "measures",
            "notified_authority_at",
        ]
        widgets = {
            "discovered_at": DATETIME,
            "occurred_at": DATETIME,
            "notified_authority_at": DATETIME,
            "description": forms.Textarea(attrs={"rows": 3}),
            "data_kinds": forms.Textarea(attrs={"rows": 2}),
            "affected_others": forms.Textarea(attrs={"rows": 2}),
            "consequences": forms.Textarea(attrs={"rows": 2}),
            "measures": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["affected_contacts"].queryset = PressContact.objects.order_by("full_name")
        for name in ("discovered_at", "occurred_at", "notified_authority_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"]

    def clean(self):
        data = super().clean()
        discovered, notified = data.get("discovered_at"), data.get("notified_authority_at")
        occurred = data.get("occurred_at")
        if discovered and occurred and occurred > discovered:
            self.add_error("occurred_at", _("A breach cannot occur after it was discovered."))
        if discovered and notified and notified < discovered:
            self.add_error(
                "notified_authority_at", _("The authority cannot be told before the discovery.")
            )
        return data


class NewBreachForm(SubmissionTokenMixin, BreachForm):
    """The new-breach page's form, with its one-time token."""
