from django import forms
from django.utils.translation import gettext_lazy as _

from contacts.models import PressContact
from contacts.services.consent import fields_to_ask


class ConsentForm(forms.Form):
    """One box per personal field the person decides on. A box is ticked only when the
    person has already consented to that field: never ticked for them."""

    def __init__(self, *args, contact: PressContact, **kwargs):
        super().__init__(*args, **kwargs)
        self.contact = contact
        for field in fields_to_ask(contact):
            label = PressContact._meta.get_field(field).verbose_name
            self.fields[field] = forms.BooleanField(
                label=_("Publish my %(field)s: %(value)s")
                % {"field": label, "value": getattr(contact, field)},
                required=False,
                initial=contact.is_published(field),
            )

    def choices(self) -> dict[str, bool]:
        return {name: bool(self.cleaned_data.get(name)) for name in self.fields}
