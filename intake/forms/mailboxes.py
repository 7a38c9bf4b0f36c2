from django import forms
from django.utils.translation import gettext_lazy as _

from intake.models import Mailbox


class MailboxForm(forms.ModelForm):
    """The director's settings. The password is never shown again; left empty, the one
    saved stays."""

    password = forms.CharField(
        label=_("Password or app password"),
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Left empty, the saved password is kept."),
    )

    class Meta:
        model = Mailbox
        fields = [
            "enabled",
            "host",
            "port",
            "use_tls",
            "username",
            "password",
            "folder",
            "processed_folder",
        ]

    def clean_password(self):
        return self.cleaned_data["password"] or self.instance.password

    def clean_host(self):
        host = self.cleaned_data["host"].strip()
        if any(c.isspace() or c in "/@:" for c in host):
            raise forms.ValidationError(_("Give the server's name only, e.g. imap.gmail.com."))
        return host

    def clean(self):
        data = super().clean()
        if data.get("enabled") and not (
            data.get("host") and data.get("username") and data.get("password")
        ):
            raise forms.ValidationError(
                _("To read the mailbox, give the server, the user name and the password.")
            )
        if data.get("folder") and data.get("folder") == data.get("processed_folder"):
            self.add_error(
                "processed_folder", _("Read mail must go to another folder than the one read.")
            )
        return data
