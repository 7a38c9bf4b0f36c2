from django import forms
from django.utils.translation import gettext_lazy as _

from newsroom.enums import AssignmentRole, HandoverBookings, QueuedAction
from portal.forms import WebAddressField
from portal.idempotency import SubmissionTokenMixin
from portal.selectors import centre_reporters


class AssignForm(SubmissionTokenMixin, forms.Form):
    reporter = forms.ModelChoiceField(label=_("Reporter"), queryset=None)
    role = forms.ChoiceField(
        label=_("Role"), choices=AssignmentRole.choices, initial=AssignmentRole.WRITER
    )
    note = forms.CharField(label=_("Note for the reporter"), required=False, max_length=500)
    override_reason = forms.CharField(
        label=_("Reason to double-book (only if the reporter is busy)"),
        required=False,
        max_length=500,
    )

    def __init__(self, *args, centre_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reporter"].queryset = centre_reporters(centre_id)


class ReassignForm(forms.Form):
    reporter = forms.ModelChoiceField(label=_("Hand over to"), queryset=None)
    override_reason = forms.CharField(
        label=_("Reason to double-book"), required=False, max_length=500
    )
    bookings = forms.ChoiceField(
        label=_("A resource taken at the new times"),
        required=False,
        choices=HandoverBookings.choices,
    )
    bookings_message = forms.CharField(
        label=_("Message to the reporters about released resources"),
        required=False,
        max_length=500,
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("bookings") == HandoverBookings.DROP
            and not data.get("bookings_message", "").strip()
        ):
            self.add_error(
                "bookings_message", _("Write a message for the reporters to release the bookings.")
            )
        return data

    def __init__(self, *args, centre_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reporter"].queryset = centre_reporters(centre_id)


class ReporterNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    link = WebAddressField(label=_("Link to filed material"), required=False)


class KeepDoubleBookingForm(forms.Form):
    """The director keeps an overlap an agency's move created: both stay, for a reason."""

    reason = forms.CharField(
        label=_("Reason to keep both"),
        max_length=500,
        error_messages={"required": _("Give a reason to keep both assignments.")},
    )


class DeclineAssignmentForm(forms.Form):
    """The reporter cannot go: a reason is required (the director reads it)."""

    reason = forms.CharField(
        label=_("Why you cannot go"),
        max_length=500,
        error_messages={"required": _("Give a reason to decline.")},
    )


class AnswerForm(forms.Form):
    """The one-tap answer from the e-mail link: accept, or decline with a reason."""

    answer = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])
    reason = forms.CharField(label=_("Why you cannot go"), max_length=500, required=False)

    def clean(self):
        data = super().clean()
        if data.get("answer") == "decline" and not data.get("reason", "").strip():
            self.add_error("reason", _("Give a reason to decline."))
        return data


class QueuedActionForm(forms.Form):
    """An action the reporter's phone queued offline and now sends, with the key it made
    for it (a retry sends the same key). Decline needs a reason, as on the page."""

    key = forms.UUIDField()
    action = forms.ChoiceField(choices=QueuedAction.choices)
    reason = forms.CharField(label=_("Why you cannot go"), required=False, max_length=500)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)
    link = WebAddressField(label=_("Link to filed material"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("action") == QueuedAction.DECLINE and not data.get("reason", "").strip():
            self.add_error("reason", _("Give a reason to decline."))
        return data
