from django import forms
from django.utils.translation import gettext_lazy as _

from newsroom.models import PlanItem
from newsroom.selectors.assignments import centre_reporters
from newsroom.selectors.publications import active_channels


class PlanItemForm(forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = [
            "year",
            "quarter",
            "topic",
            "format",
            "duration_minutes",
            "channel",
            "responsible_user",
            "responsible",
        ]
        help_texts = {"responsible": _("A name outside the centre, if nobody above fits.")}

    def __init__(self, *args, centre_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = active_channels()
        self.fields["responsible_user"].queryset = centre_reporters(centre_id)
        self.fields["quarter"].widget = forms.Select(choices=[(q, q) for q in range(1, 5)])

    def validate_unique(self):
        pass  # the service checks (centre is not on the form)


class LinkPublicationForm(forms.Form):
    publication = forms.ModelChoiceField(label=_("Publication"), queryset=None)

    def __init__(self, *args, publications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publication"].queryset = publications
