from django import forms
from django.utils.translation import gettext_lazy as _

from privacy.enums import RequestKind


class DataRequestForm(forms.Form):
    """No one-time token (the sender has no account to tie it to): the service answers a
    repeated submission with the request the first one made."""

    kind = forms.ChoiceField(
        label=_("What do you ask for?"), choices=RequestKind.choices, widget=forms.RadioSelect
    )
    full_name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Your e-mail"),
        help_text=_("The e-mail the directory holds for you: the code is sent there."),
    )
    details = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a correction: what is wrong and what is right."),
    )


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Code from the e-mail"),
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
