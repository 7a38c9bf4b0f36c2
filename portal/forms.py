"""Form pieces shared by every app."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.preferences import KINDS, Channels


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by `verify` of the form using it."""

    widget = MultipleFileInput

    def __init__(self, *args, max_files: int = 10, **kwargs):
        kwargs.setdefault("required", False)
        self.max_files = max_files
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            files = [single(item, initial) for item in data if item]
        else:
            files = [single(data, initial)] if data else []
        if len(files) > self.max_files:
            raise forms.ValidationError(
                _("At most %(max)s files can be attached here.") % {"max": self.max_files}
            )
        return files


class DateTimeLocalInput(forms.DateTimeInput):
    """A phone-friendly date and time picker; the server also accepts dd/mm/yyyy HH:MM."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


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
