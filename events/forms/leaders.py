from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.leaders_import import MAX_FILE_BYTES


def next_monday():
    today = timezone.localdate()
    return today + timedelta(days=7 - today.weekday())


class CalendarUploadForm(forms.Form):
    """The office's weekly calendar file and the week it is for."""

    week_start = forms.DateField(
        label=_("Week starting (Monday)"),
        initial=next_monday,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    file = forms.FileField(
        label=_("Calendar file (.docx or .xlsx)"),
        help_text=_("A Word table or an Excel sheet; nothing is saved until you confirm."),
    )

    def clean_week_start(self):
        week_start = self.cleaned_data["week_start"]
        if week_start.weekday() != 0:
            raise forms.ValidationError(_("A week starts on a Monday."))
        return week_start

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(max)d MB.") % {"max": MAX_FILE_BYTES // (1024 * 1024)}
            )
        return upload

    def file_bytes(self) -> bytes:
        upload = self.cleaned_data["file"]
        upload.seek(0)
        return upload.read()
