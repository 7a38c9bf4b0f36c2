from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from contacts.models import Organisation
from newsroom.models import ReportSettings


class CommentaryForm(forms.Form):
    commentary = forms.CharField(
        label=_("Assessment and proposals"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Free text, one paragraph per line; it becomes the report's last section."),
    )


class SendForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have read the report and send it to the recipients above."),
        error_messages={"required": _("Tick the box to confirm sending.")},
    )


class CorrectionForm(forms.Form):
    note = forms.CharField(
        label=_("What the correction changes"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say what the correction changes.")},
    )


def _addresses(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            try:
                validate_email(line.strip())
            except ValidationError:
                raise ValidationError(
                    _("“%(line)s” is not an e-mail address."), params={"line": line.strip()}
                ) from None
    return text


class ReportSettingsForm(forms.ModelForm):
    class Meta:
        model = ReportSettings
        fields = [
            "week_starts_on",
            "send_weekday",
            "send_time",
            "auto_send",
            "recipient_organisations",
            "recipients",
            "copies",
            "governing_body",
            "place",
            "number_suffix",
            "letter_number_suffix",
            "addressees",
            "signer_prefix",
            "signer_title",
            "signer_name",
        ]
        widgets = {
            "send_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "recipient_organisations": forms.SelectMultiple(attrs={"size": 6}),
            "recipients": forms.Textarea(attrs={"rows": 3}),
            "copies": forms.Textarea(attrs={"rows": 2}),
            "addressees": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "send_time": {"invalid": _("Enter a time of day such as 14:00.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient_organisations"].queryset = Organisation.objects.exclude(
            email=""
        ).order_by("name")

    def clean_send_time(self):
        value = self.cleaned_data["send_time"]
        deadline = settings.WEEKLY_REPORT_DEADLINE
        if value >= deadline:
            raise ValidationError(
                _("The report is due before %(deadline)s: choose an earlier time."),
                params={"deadline": deadline.strftime("%H:%M")},
            )
        return value

    def clean_recipients(self):
        return _addresses(self.cleaned_data["recipients"])

    def clean_copies(self):
        return _addresses(self.cleaned_data["copies"])
