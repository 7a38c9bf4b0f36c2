from django import forms
from django.utils.translation import gettext_lazy as _

from newsroom.enums import AbsenceKind
from portal.forms import DateTimeLocalInput
from portal.idempotency import SubmissionTokenMixin
from portal.selectors import centre_reporters


class AbsenceForm(SubmissionTokenMixin, forms.Form):
    """Record an absence: a reporter for themselves, an editor for any reporter of the
    centre (the reporter field is there for editors only)."""

    reporter = forms.ModelChoiceField(label=_("Reporter"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=AbsenceKind.choices)
    starts_at = forms.DateTimeField(label=_("From"), widget=DateTimeLocalInput())
    ends_at = forms.DateTimeField(label=_("Until"), widget=DateTimeLocalInput())
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, centre_id=None, for_editor=False, **kwargs):
        super().__init__(*args, **kwargs)
        if for_editor:
            self.fields["reporter"].queryset = centre_reporters(centre_id)
        else:
            del self.fields["reporter"]

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("The absence must end after it starts."))
        return data


class RejectAbsenceForm(forms.Form):
    reason = forms.CharField(label=_("Reason to reject"), max_length=500)
