from django import forms
from django.utils.translation import gettext_lazy as _

from contacts.selectors.organisations import localities_of_centre


class TravelTimeForm(forms.Form):
    """Set the time to a commune from the centre (no origin) or from another commune."""

    origin = forms.ModelChoiceField(
        label=_("From"), queryset=None, required=False, empty_label=_("The centre")
    )
    destination = forms.ModelChoiceField(label=_("To"), queryset=None)
    minutes = forms.IntegerField(label=_("Travel time (minutes)"), min_value=0, max_value=1440)

    def __init__(self, *args, centre_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["origin"].queryset = localities_of_centre(centre_id)
        self.fields["destination"].queryset = localities_of_centre(centre_id)

    def clean(self):
        data = super().clean()
        if data.get("origin") and data.get("origin") == data.get("destination"):
            self.add_error("destination", _("Choose two different communes."))
        return data
