from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.enums import OutboxChannel
from portal.sms import phone_key
from privacy.enums import RequestKind

# What a person may ask to correct in their directory entry, and the form field for it.
CORRECTABLE = {
    "full_name": "correct_full_name",
    "title": "correct_title",
    "office_address": "correct_office_address",
    "phone": "correct_phone",
    "email": "correct_email",
}


class DataRequestForm(forms.Form):
    """No one-time token (the sender has no account to tie it to): the service answers a
    repeated submission with the request the first one made."""

    kind = forms.ChoiceField(
        label=_("What do you ask for?"), choices=RequestKind.choices, widget=forms.RadioSelect
    )
    full_name = forms.CharField(label=_("Your name"), max_length=200)
    channel = forms.ChoiceField(
        label=_("Send the code by"),
        choices=OutboxChannel.choices,
        initial=OutboxChannel.EMAIL,
        required=False,
        widget=forms.RadioSelect,
    )
    email = forms.EmailField(
        label=_("Your e-mail"),
        required=False,
        help_text=_("The e-mail the portal holds for you: the code is sent there."),
    )
    phone = forms.CharField(
        label=_("Your phone"),
        required=False,
        max_length=30,
        help_text=_("The phone number the portal holds for you, for a code by SMS."),
    )
    details = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a correction: what is wrong and what is right."),
    )
    correct_full_name = forms.CharField(label=_("Correct name"), required=False, max_length=200)
    correct_title = forms.CharField(
        label=pgettext_lazy("data request", "Correct job title"), required=False, max_length=200
    )
    correct_office_address = forms.CharField(
        label=_("Correct office address"), required=False, max_length=255
    )
    correct_phone = forms.CharField(label=_("Correct phone"), required=False, max_length=30)
    correct_email = forms.EmailField(label=_("Correct e-mail"), required=False)

    def clean(self):
        data = super().clean()
        email, phone = data.get("email", ""), data.get("phone", "").strip()
        by_sms = data.get("channel") == OutboxChannel.SMS or (not email and phone)
        data["channel"] = OutboxChannel.SMS if by_sms else OutboxChannel.EMAIL
        if by_sms and not phone_key(phone):
            self.add_error("phone", _("Enter the phone number, with its area or network code."))
        if not by_sms and not email and "email" not in self.errors:
            self.add_error("email", _("Enter your e-mail, or your phone number for a code by SMS."))
        data["corrections"] = {
            field: value.strip()
            for field, name in CORRECTABLE.items()
            if (value := data.get(name) or "").strip()
        }
        if data.get("kind") == RequestKind.CORRECT and not (
            data["corrections"] or data.get("details", "").strip()
        ):
            self.add_error(None, _("Say what should be corrected, and how."))
        return data


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Code from the e-mail or SMS"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("The code has 6 digits.")},
    )


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Answer to the person"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    erase = forms.BooleanField(
        label=_("Anonymise this person's data everywhere now"),
        required=False,
        help_text=_(
            "For a request to delete. What a legal duty requires is kept, and the answer "
            "lists what was done."
        ),
    )


class CorrectionForm(forms.Form):
    """The reviewer's one confirmation of a correction: the entry, the values the person
    asked for (editable), and the message to the person."""

    entry = forms.TypedChoiceField(label=_("Directory entry"), coerce=int)
    text = forms.CharField(
        label=_("Message to the person"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Left empty: “Your data was corrected as you asked.”"),
    )

    def __init__(self, *args, case, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [(e.pk, f"#{e.pk} {e.full_name}") for e in entries]
        self.asked = list(case.corrections)
        from contacts.models import PressContact

        for name in self.asked:
            model_field = PressContact._meta.get_field(name)
            self.fields[f"value_{name}"] = forms.CharField(
                label=model_field.verbose_name,
                required=False,
                max_length=model_field.max_length,
                initial=case.corrections[name],
            )

    def values(self) -> dict:
        return {name: self.cleaned_data[f"value_{name}"] for name in self.asked}
