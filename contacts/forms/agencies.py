from django import forms
from django.utils.translation import gettext_lazy as _

from contacts.models import PressAgency
from portal.forms import WebAddressField
from portal.idempotency import SubmissionTokenMixin


class PressAgencyForm(SubmissionTokenMixin, forms.ModelForm):
    website = WebAddressField(label=_("website"), required=False)

    class Meta:
        model = PressAgency
        fields = ("name", "short_name", "level", "kind", "website", "is_active")
        help_texts = {
            "is_active": _(
                "An agency no longer active cannot be chosen for new entries; "
                "its existing entries stay."
            ),
        }
        error_messages = {
            "name": {"unique": _("A press agency with this name is already in the list.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        duplicate = PressAgency.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if duplicate.exists():
            raise forms.ValidationError(self.fields["name"].error_messages["unique"])
        return name
