from django import forms
from django.utils.translation import gettext_lazy as _


class MergeForm(forms.Form):
    into = forms.IntegerField(
        label=_("Merge into notice number"),
        min_value=1,
        help_text=_("This notice is cancelled as a duplicate; its files move to that one."),
    )
