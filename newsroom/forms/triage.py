from django import forms
from django.utils.translation import gettext_lazy as _

from contacts.selectors import agencies_of_centre
from events.enums import NoticeKind, NoticeStatus
from newsroom.enums import DeclineReason


class TriageFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All statuses")), *NoticeStatus.choices], required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *NoticeKind.choices], required=False
    )
    agency = forms.ModelChoiceField(
        label=_("Agency"), queryset=None, required=False, empty_label=_("All agencies")
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, centre_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_of_centre(centre_id)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = f"{css} form-select-sm form-control-sm"

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return data


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=DeclineReason.choices)
    note = forms.CharField(
        label=_("Explanation for the agency"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if data.get("reason") == DeclineReason.OTHER and not data.get("note", "").strip():
            self.add_error("note", _("Explain the reason."))
        return data
