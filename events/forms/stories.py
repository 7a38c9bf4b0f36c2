from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from events.images import process_photo
from events.models import Story
from events.selectors.stories import notices_for_story_form
from events.services.stories import STORY_FIELDS, PhotoUpload
from portal.files import DOCX, PDF, UnrecognisedFile, verify_upload
from portal.forms import MultipleFileField
from portal.idempotency import SubmissionTokenMixin
from portal.pending import KeepsUploadsMixin

ATTACHMENT_TYPES = (DOCX, PDF)


def _body_field_limits(form, name):
    limit = settings.STORY_BODY_MAX_CHARS
    field = form.fields[name]
    field.max_length = limit
    field.widget.attrs["maxlength"] = str(limit)
    field.validators.append(MaxLengthValidator(limit))
    field.error_messages["max_length"] = _(
        "The text is too long: at most %(limit_value)d characters (it has %(show_value)d)."
    )


class StoryForm(KeepsUploadsMixin, SubmissionTokenMixin, forms.ModelForm):
    """The agency's story. Text is kept exactly as typed: HTML is shown escaped, never run.
    Files of a refused submission are kept (`portal/pending.py`)."""

    kept_fields = ("photos", "attachments")

    photos = MultipleFileField(
        label=_("Photos"),
        max_files=settings.STORY_PHOTO_MAX_COUNT,
        help_text=_("Up to 10 photos: JPEG, PNG or WebP, at most 10 MB and 40 megapixels each."),
    )
    captions = forms.CharField(
        label=_("Photo captions"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One line per new photo, in the order the photos were chosen."),
    )
    attachments = MultipleFileField(
        label=_("Documents (DOCX, PDF)"), max_files=settings.STORY_ATTACHMENT_MAX_COUNT
    )
    action = forms.ChoiceField(
        choices=[("draft", _("Save draft")), ("submit", _("Send to the centre"))],
        initial="submit",
        required=False,
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Story
        fields = STORY_FIELDS
        widgets = {
            "lead": forms.Textarea(attrs={"rows": 2}),
            "body": forms.Textarea(attrs={"rows": 14}),
        }
        help_texts = {
            "byline": _("Names of the authors, as they should appear."),
            "body": _("Plain text; leave an empty line between paragraphs."),
        }

    def __init__(self, *args, agency_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notice"].queryset = notices_for_story_form(agency_id)
        self.fields["notice"].required = False
        _body_field_limits(self, "body")
        self.processed_photos: list = []
        # Captions of photos already attached stay editable, one field per photo.
        self.existing_photos = list(self.instance.photos.all()) if self.instance.pk else []
        for photo in self.existing_photos:
            self.fields[self._caption_name(photo)] = forms.CharField(
                label=_("Caption"), required=False, max_length=500, initial=photo.caption
            )

    @staticmethod
    def _caption_name(photo) -> str:
        return f"caption_{photo.pk}"

    def existing_photo_fields(self):
        """(photo, its caption field) for the template."""
        return [(photo, self[self._caption_name(photo)]) for photo in self.existing_photos]

    def caption_changes(self) -> dict[int, str]:
        changes = {}
        for photo in self.existing_photos:
            caption = self.cleaned_data.get(self._caption_name(photo), "").strip()
            if caption != photo.caption:
                changes[photo.pk] = caption
        return changes

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_photos(self):
        uploads = self.cleaned_data.get("photos") or []
        have = self.instance.photos.count() if self.instance.pk else 0
        limit = settings.STORY_PHOTO_MAX_COUNT
        if have + len(uploads) > limit:
            raise forms.ValidationError(
                _(
                    "A story can have at most %(limit)s photos; it has %(have)s and you "
                    "added %(adding)s."
                )
                % {"limit": limit, "have": have, "adding": len(uploads)}
            )
        processed, errors = [], []
        for upload in uploads:
            try:
                processed.append(process_photo(upload))
            except UnrecognisedFile as exc:
                errors.append(str(exc))
        if errors:
            raise forms.ValidationError(errors)
        self.processed_photos = processed
        return uploads

    def clean_attachments(self):
        uploads = self.cleaned_data.get("attachments") or []
        have = self.instance.attachments.count() if self.instance.pk else 0
        limit = settings.STORY_ATTACHMENT_MAX_COUNT
        if uploads and have + len(uploads) > limit:
            raise forms.ValidationError(
                _(
                    "A story can have at most %(limit)s documents; it has %(have)s and you "
                    "added %(adding)s."
                )
                % {"limit": limit, "have": have, "adding": len(uploads)}
            )
        errors = []
        for upload in uploads:
            try:
                verify_upload(upload, ATTACHMENT_TYPES, settings.STORY_ATTACHMENT_MAX_BYTES)
            except UnrecognisedFile as exc:
                errors.append(str(exc))
        if errors:
            raise forms.ValidationError(errors)
        return uploads

    def photo_uploads(self) -> list[PhotoUpload]:
        captions = (self.cleaned_data.get("captions") or "").splitlines()
        return [
            PhotoUpload(photo, captions[i].strip() if i < len(captions) else "")
            for i, photo in enumerate(self.processed_photos)
        ]

    @property
    def submit(self) -> bool:
        return self.cleaned_data.get("action") != "draft"


class EditedCopyForm(forms.ModelForm):
    class Meta:
        model = Story
        fields = ("edited_title", "edited_lead", "edited_body")
        labels = {
            "edited_title": _("Title"),
            "edited_lead": _("Lead"),
            "edited_body": _("Body"),
        }
        widgets = {
            "edited_lead": forms.Textarea(attrs={"rows": 2}),
            "edited_body": forms.Textarea(attrs={"rows": 14}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edited_title"].required = True
        self.fields["edited_body"].required = True
        _body_field_limits(self, "edited_body")


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should the agency change?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejecting"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
