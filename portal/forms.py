"""Form pieces shared by every app."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.outbox import notify_address
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


class WebAddressInput(forms.TextInput):
    """A web address as people type it ("baochi.vn/abc"). Not `type=url`: the browser
    would refuse an address without "https://" before the server sees it (on a phone the
    button seems to do nothing). The phone still shows its address keyboard."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={
                "inputmode": "url",
                "autocomplete": "url",
                "autocapitalize": "none",
                "spellcheck": "false",
                **(attrs or {}),
            }
        )


class WebAddressField(forms.URLField):
    """A link field that accepts a bare address and stores it with https:// in front."""

    widget = WebAddressInput

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class DateTimeLocalInput(forms.DateTimeInput):
    """A phone-friendly date and time picker; the server also accepts dd/mm/yyyy HH:MM."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class PreferencesForm(forms.Form):
    """Two checkboxes per kind the user can receive (`current`'s keys): e-mail and portal."""

    def __init__(self, *args, current: dict[str, Channels], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        self.kinds = list(current)
        for kind in self.kinds:
            label, chosen = KINDS[kind], current[kind]
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
            for kind in self.kinds
        }


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form, but the e-mail is an outbox row like every other message.

    Django's view answers the same for a known and an unknown address (no enumeration);
    only a known, active account gets a row.
    """

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        path = reverse(
            "password_reset_confirm",
            kwargs={"uidb64": context["uid"], "token": context["token"]},
        )
        notify_address(
            to_email,
            "password_reset",
            {
                "user": context["user"],
                "reset_url": f"{settings.SITE_URL}{path}",
                "valid_minutes": settings.PASSWORD_RESET_TIMEOUT // 60,
            },
        )


class TokenForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        help_text=_("The 6 digits shown in your authenticator app, or one backup code."),
    )
