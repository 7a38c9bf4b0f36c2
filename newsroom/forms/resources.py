from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from newsroom.enums import ResourceKind
from portal.forms import DateTimeLocalInput
from portal.idempotency import SubmissionTokenMixin


class ResourceForm(SubmissionTokenMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ResourceKind.choices)
    name = forms.CharField(label=pgettext_lazy("thing", "Name"), max_length=150)


class AssignmentBookingForm(forms.Form):
    """Book a resource for an assignment (a second identical booking is a no-op)."""

    resource = forms.IntegerField(min_value=1)


class BookingForm(forms.Form):
    """Book a resource on its own for a purpose, or block it (maintenance)."""

    starts_at = forms.DateTimeField(label=_("From"), required=False, widget=DateTimeLocalInput())
    ends_at = forms.DateTimeField(label=_("Until"), required=False, widget=DateTimeLocalInput())
    purpose = forms.CharField(label=_("Purpose or reason"), max_length=300, required=False)
    blocked = forms.BooleanField(label=_("Blocked (maintenance)"), required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if not (start and end and data.get("purpose", "").strip()):
            raise forms.ValidationError(_("Give the time and the purpose."))
        if end <= start:
            self.add_error("ends_at", _("The booking must end after it starts."))
        return data
