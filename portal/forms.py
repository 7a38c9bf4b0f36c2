"""Form pieces shared by every app."""

from django import forms
from django.utils.translation import gettext_lazy as _


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
