from django import forms
from django.utils.translation import gettext_lazy as _

from portal.preferences import KINDS, Channels


class PreferencesForm(forms.Form):
    """Two checkboxes per registered kind: e-mail and in the portal."""

    def __init__(self, *args, current: dict[str, Channels], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for kind, label in KINDS.items():
            chosen = current.get(kind, Channels())
            self.fields[f"{kind}__email"] = forms.BooleanField(
                label=_("E-mail"), required=False, initial=chosen.email
            )
            self.fields[f"{kind}__in_app"] = forms.BooleanField(
                label=_("In the portal"), required=False, initial=chosen.in_app
            )
            self.rows.append((label, self[f"{kind}__email"], self[f"{kind}__in_app"]))

    def choices(self) -> dict[str, Channels]:
        return {
            kind: Channels(
                email=self.cleaned_data[f"{kind}__email"],
                in_app=self.cleaned_data[f"{kind}__in_app"],
            )
            for kind in KINDS
        }
