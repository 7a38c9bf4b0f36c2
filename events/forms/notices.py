from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.selectors import agencies_of_centre, localities_of_centre
from events.enums import AttachmentKind, EmergencyCause, NoticeKind, Verdict
from events.leadtime import judge
from events.models import Notice
from events.services.notices import (
    NOTICE_FIELDS,
    PLACE_FIELDS,
    TIME_FIELDS,
    Upload,
    check_attachment_count,
    needs_reason_to_change,
)
from portal.files import DOCX, JPEG, PDF, PNG, UnrecognisedFile, verify_upload
from portal.formatting import format_minutes
from portal.forms import DateTimeLocalInput, MultipleFileField
from portal.idempotency import SubmissionTokenMixin
from portal.pending import KeepsUploadsMixin

ATTACHMENT_TYPES = (PDF, DOCX, JPEG, PNG)
CONFIRM_LATE_LABEL = _("I understand this notice is late and want to send it anyway")
PHONE_CONFIRM_LATE_LABEL = _("The caller was told the notice is late")
ATTACHMENT_FIELDS = {
    "invitation_files": AttachmentKind.INVITATION,
    "press_release_files": AttachmentKind.PRESS_RELEASE,
    "speech_files": AttachmentKind.SPEECH,
}


def judgement_for(kind, starts_at, *, notice=None, received_at=None):
    """The verdict the notice form records: measured from the receipt (now, or the call
    time of a phoned-in notice), except that an unchanged start keeps its old reference."""
    if notice is not None and notice.pk and starts_at == notice.starts_at:
        reference = notice.judged_at
    else:
        reference = received_at or timezone.now()
    return judge(kind, starts_at, reference)


class NoticeForm(KeepsUploadsMixin, SubmissionTokenMixin, forms.ModelForm):
    """An agency's notice. `received_at` is now, or the call time for a phone notice.
    Files of a refused submission are kept (`portal/pending.py`)."""

    kept_fields = tuple(ATTACHMENT_FIELDS)

    invitation_files = MultipleFileField(label=_("Invitation"))
    press_release_files = MultipleFileField(label=_("Press release"))
    speech_files = MultipleFileField(label=_("Speeches"))
    confirm_late = forms.BooleanField(label=CONFIRM_LATE_LABEL, required=False)
    change_reason = forms.CharField(
        label=_("Reason for the change"),
        help_text=_("Reporters are already assigned: they will be told what changed and why."),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Notice
        fields = NOTICE_FIELDS
        widgets = {
            "starts_at": DateTimeLocalInput(),
            "ends_at": DateTimeLocalInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "leaders_attending": forms.Textarea(attrs={"rows": 2}),
        }
        # The lead-time rule is said once, above the form (not again under "kind").
        help_texts = {
            "leaders_attending": _("Names and titles, one per line."),
            "contact_name": _(
                "You are giving another person's personal data (name and phone): tell them, "
                "and see the privacy notice for how the portal uses it."
            ),
        }

    def __init__(self, *args, centre_id: int, received_at=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.received_at = received_at
        self.fields["locality"].queryset = localities_of_centre(centre_id)
        self.fields["locality"].required = True
        self.fields["emergency_cause"].required = False
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = settings.DATETIME_INPUT_FORMATS
        self.judgement = None

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def _clean_files(self, field):
        max_bytes = settings.NOTICE_ATTACHMENT_MAX_BYTES
        for upload in self.cleaned_data.get(field) or []:
            try:
                verify_upload(upload, ATTACHMENT_TYPES, max_bytes)
            except UnrecognisedFile as exc:
                raise forms.ValidationError(str(exc)) from None
        return self.cleaned_data.get(field) or []

    def clean_invitation_files(self):
        return self._clean_files("invitation_files")

    def clean_press_release_files(self):
        return self._clean_files("press_release_files")

    def clean_speech_files(self):
        return self._clean_files("speech_files")

    def clean(self):
        data = super().clean()
        starts_at, ends_at, kind = data.get("starts_at"), data.get("ends_at"), data.get("kind")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The end must be after the start."))
        if kind == NoticeKind.EMERGENCY and not data.get("emergency_cause"):
            self.add_error("emergency_cause", _("Say what the emergency is."))
        if kind != NoticeKind.EMERGENCY:
            data["emergency_cause"] = ""
        if starts_at and kind and not self.errors:
            self._judge_and_confirm(data)
        self._require_reason_for_assigned(data)
        self._check_attachment_count(data)
        return data

    def _check_attachment_count(self, data):
        adding = sum(len(data.get(field) or []) for field in ATTACHMENT_FIELDS)
        try:
            check_attachment_count(self.instance, adding)
        except ValidationError as exc:
            self.add_error(None, exc)

    @property
    def asks_change_reason(self) -> bool:
        """Editing a notice reporters are already assigned to."""
        return bool(self.instance.pk and needs_reason_to_change(self.instance))

    def _require_reason_for_assigned(self, data):
        if not self.asks_change_reason or data.get("change_reason", "").strip():
            return
        if any(
            field in data and data[field] != getattr(self.instance, field)
            for field in (*TIME_FIELDS, *PLACE_FIELDS)
        ):
            self.add_error(
                "change_reason",
                _("Reporters are already assigned to this event: say why it changes."),
            )

    def _judge_and_confirm(self, data):
        self.judgement = judgement_for(
            data["kind"], data["starts_at"], notice=self.instance, received_at=self.received_at
        )
        late = self.judgement.verdict in (Verdict.LATE, Verdict.AFTER_THE_FACT)
        if late and not data.get("confirm_late"):
            self.add_error(
                "confirm_late",
                _(
                    "This notice is late: it reaches the centre %(late)s later than the rule "
                    "asks. It will still be accepted — tick the box to confirm."
                )
                % {"late": format_minutes(self.judgement.late_by_minutes)},
            )

    def uploads(self) -> list[Upload]:
        return [
            Upload(kind, upload)
            for field, kind in ATTACHMENT_FIELDS.items()
            for upload in self.cleaned_data.get(field, [])
        ]


class PhoneNoticeForm(NoticeForm):
    """Centre staff log a notice phoned in by an agency; the call time is the receipt time."""

    agency = forms.ModelChoiceField(label=_("Agency that called"), queryset=None)
    called_at = forms.DateTimeField(
        label=_("Time of the call"),
        widget=DateTimeLocalInput(),
        input_formats=settings.DATETIME_INPUT_FORMATS,
    )

    field_order = ["agency", "called_at"]

    def __init__(self, *args, centre_id: int, **kwargs):
        super().__init__(*args, centre_id=centre_id, **kwargs)
        self.fields["agency"].queryset = agencies_of_centre(centre_id)
        self.fields["confirm_late"].label = PHONE_CONFIRM_LATE_LABEL

    def clean_called_at(self):
        called_at = self.cleaned_data["called_at"]
        if called_at > timezone.now() + timezone.timedelta(minutes=1):
            raise forms.ValidationError(_("The call time cannot be in the future."))
        self.received_at = called_at
        return called_at


class CancelNoticeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReclassifyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=NoticeKind.choices)
    emergency_cause = forms.ChoiceField(
        label=_("Emergency cause"), choices=[("", "—"), *EmergencyCause.choices], required=False
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == NoticeKind.EMERGENCY and not data.get("emergency_cause"):
            self.add_error("emergency_cause", _("Say what the emergency is."))
        return data


class LeadTimePreviewForm(forms.Form):
    """The notice form's fields that the live lead-time warning reads (nothing is saved).
    An empty start is no error: the person has not typed it yet."""

    kind = forms.ChoiceField(
        choices=NoticeKind.choices,
        error_messages={
            "required": _("Choose the kind of event to see whether the notice is on time."),
            "invalid_choice": _("Choose the kind of event to see whether the notice is on time."),
        },
    )
    starts_at = forms.DateTimeField(
        required=False,
        input_formats=settings.DATETIME_INPUT_FORMATS,
        error_messages={
            "invalid": _(
                "Enter the start as day/month/year hour:minute, for example 25/12/2026 08:00."
            )
        },
    )
    called_at = forms.DateTimeField(
        required=False,
        input_formats=settings.DATETIME_INPUT_FORMATS,
        error_messages={
            "invalid": _(
                "Enter the time of the call as day/month/year hour:minute, "
                "for example 25/12/2026 08:00."
            )
        },
    )
    confirm_late = forms.BooleanField(label=CONFIRM_LATE_LABEL, required=False)

    def __init__(self, *args, phone: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if phone:
            self.fields["confirm_late"].label = PHONE_CONFIRM_LATE_LABEL

    def first_error(self) -> str:
        for name in ("kind", "starts_at", "called_at"):
            if name in self.errors:
                return self.errors[name][0]
        return ""
