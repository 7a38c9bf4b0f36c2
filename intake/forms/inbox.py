from django import forms
from django.utils.translation import gettext_lazy as _

from contacts.selectors import agencies_of_centre
from events.forms.notices import NoticeForm

STAFF_CONFIRM_LATE_LABEL = _("The notice is late; record it anyway")


class ConfirmMailForm(NoticeForm):
    """What was read from the mail, for staff to confirm or correct in one form. The
    receipt time is the mail's arrival on the server, not the moment of confirming."""

    agency = forms.ModelChoiceField(label=_("Agency that sent it"), queryset=None)
    remember_sender = forms.BooleanField(
        label=_("Mail from this address is this agency's from now on"), required=False
    )

    field_order = ["agency", "remember_sender"]

    def __init__(self, *args, centre_id: int, received_at, **kwargs):
        super().__init__(*args, centre_id=centre_id, received_at=received_at, **kwargs)
        self.fields["agency"].queryset = agencies_of_centre(centre_id)
        self.fields["confirm_late"].label = STAFF_CONFIRM_LATE_LABEL
        for name in ("invitation_files", "press_release_files", "speech_files", "change_reason"):
            del self.fields[name]


class AttachSenderForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None)

    def __init__(self, *args, centre_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_of_centre(centre_id)
