"""Choosing the press contacts to invite to an event."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from contacts.enums import PressLevel
from contacts.selectors.directory import invitable_contacts
from portal.idempotency import SubmissionTokenMixin


class InviteForm(SubmissionTokenMixin, forms.Form):
    contacts = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Press contacts"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    all_provincial = forms.BooleanField(label=gettext_lazy("All provincial press"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacts"].queryset = invitable_contacts()

    def clean(self):
        data = super().clean()
        if not data.get("contacts") and not data.get("all_provincial"):
            raise forms.ValidationError(_("Choose at least one press contact."))
        return data

    def chosen(self):
        chosen = list(self.cleaned_data.get("contacts") or [])
        if self.cleaned_data.get("all_provincial"):
            chosen += list(invitable_contacts().filter(press_agency__level=PressLevel.PROVINCIAL))
        return chosen
