import base64
import logging
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from events.images import process_photo, thumbnail
from events.models import Story
from events.selectors.stories import notices_for_story_form
from events.services.stories import STORY_FIELDS, PhotoUpload
from portal.files import DOCX, PDF, UnrecognisedFile, verify_upload
from portal.forms import MultipleFileField
from portal.idempotency import SubmissionTokenMixin
from portal.pending import KeepsUploadsMixin

ATTACHMENT_TYPES = (DOCX, PDF)
CAPTION_MAX = 500
NEW_CAPTION = "new_caption_%d"  # the n-th photo chosen in the input (static/js/photo_captions.js)
KEPT_CAPTION = "kept_caption_%s"  # a photo kept from a refused attempt, by its key
PREVIEW_WIDTH = 160
log = logging.getLogger(__name__)


def _caption_field(**kwargs) -> forms.CharField:
    field = forms.CharField(label=_("Caption"), required=False, max_length=CAPTION_MAX, **kwargs)
    field.error_messages["max_length"] = _(
        "A caption can have at most %(limit_value)d characters (it has %(show_value)d)."
    )
    return field


@dataclass
class KeptPhoto:
    """A photo kept from a refused attempt, as the page shows it: a small preview (a
    data: URI, so no file of a pending upload is ever served), its caption and errors."""

    key: str
    name: str
    caption_name: str
    caption: str
    errors: list
    preview: str


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
    # Without JavaScript (the page has no per-photo rows then): one line per photo.
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
            self.fields[self._caption_name(photo)] = _caption_field(initial=photo.caption)
        # One caption per photo chosen (the script adds a row for each): a caption
        # without its photo is ignored, a photo without a caption has none.
        for index in range(settings.STORY_PHOTO_MAX_COUNT):
            self.fields[NEW_CAPTION % index] = _caption_field(widget=forms.HiddenInput)

    def _attach_kept(self, token, owner) -> None:
        super()._attach_kept(token, owner)
        for row in self._kept_photo_rows():
            self.fields[KEPT_CAPTION % row.key] = _caption_field()

    def _kept_photo_rows(self):
        return [row for row in self._rows if row.field == "photos"]

    def new_caption_fields(self):
        """The per-photo caption fields, for their errors on the page."""
        return [self[NEW_CAPTION % i] for i in range(settings.STORY_PHOTO_MAX_COUNT)]

    def _typed(self, name: str) -> str:
        return self.data.get(self.add_prefix(name), "") if self.is_bound else ""

    def _fresh_caption(self, index: int) -> str:
        """The caption typed for the `index`-th photo chosen: its own field, else (no
        JavaScript) that line of the old textarea."""
        name = NEW_CAPTION % index
        if name in self.fields and self.add_prefix(name) in self.data:
            return self._typed(name)
        lines = self._typed("captions").splitlines()
        return lines[index] if index < len(lines) else ""

    def kept_photos(self) -> list[KeptPhoto]:
        """Photos the person need not choose again, each with the caption typed for it
        (worked out once, while the page is drawn and the files are still open)."""
        if getattr(self, "_kept_photos", None) is None:
            self._kept_photos = self._work_out_kept_photos()
        return self._kept_photos

    def _work_out_kept_photos(self) -> list[KeptPhoto]:
        kept = self.kept_uploads("photos")
        if not kept:
            return []
        old = {row.key: row for row in self._kept_photo_rows()}
        new = {
            k.key: (index, upload)
            for index, (k, upload) in enumerate(
                (k, u) for k, u in self._new_kept() if k.field == "photos"
            )
        }
        photos = []
        for item in kept:
            if item.key in old:
                name = KEPT_CAPTION % item.key
                caption, errors = self._typed(name), self.errors.get(name, [])
                source = old[item.key].file
            else:
                index, source = new[item.key]
                caption = self._fresh_caption(index)
                errors = self.errors.get(NEW_CAPTION % index, [])
            photos.append(
                KeptPhoto(
                    item.key, item.name, KEPT_CAPTION % item.key, caption, errors, _preview(source)
                )
            )
        return photos

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
        """The new photos with their captions: the photos chosen now come first, in the
        input's order, then those kept from a refused attempt (`portal/pending.py`)."""
        kept = self._kept_photo_rows()
        fresh = len(self.processed_photos) - len(kept)
        captions = [self._fresh_caption(i) for i in range(fresh)]
        captions += [self._typed(KEPT_CAPTION % row.key) for row in kept]
        return [
            PhotoUpload(photo, caption.strip()[:CAPTION_MAX])
            for photo, caption in zip(self.processed_photos, captions, strict=False)
        ]

    @property
    def submit(self) -> bool:
        return self.cleaned_data.get("action") != "draft"


def _preview(source) -> str:
    """A small JPEG of a kept photo as a data: URI ("" if it cannot be read)."""
    try:
        source.seek(0)
        data = thumbnail(source, PREVIEW_WIDTH)
        source.seek(0)
    except Exception:  # noqa: BLE001 (a preview is a nicety; the photo is checked anyway)
        log.warning("no preview for a kept photo", exc_info=True)
        return ""
    return "data:image/jpeg;base64," + base64.b64encode(data).decode()


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
