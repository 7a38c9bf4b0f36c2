from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from campaigns.enums import MaterialKind, TaskAudience
from campaigns.models import Campaign
from portal.files import DOCX, JPEG, PDF, PNG, WEBP, UnrecognisedFile, verify_upload
from portal.idempotency import SubmissionTokenMixin, SubmitForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MATERIAL_TYPES = (JPEG, PNG, WEBP, PDF, DOCX)


class CampaignForm(SubmissionTokenMixin, forms.ModelForm):
    """Title, dates and who receives it. A relay chooses only among the centre's own
    agencies and communes (`pool`)."""

    class Meta:
        model = Campaign
        fields = [
            "title",
            "description",
            "starts_on",
            "ends_on",
            "to_centres",
            "to_communes",
            "to_agencies",
            "to_levels",
            "to_centre_areas",
            "to_named",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "description": forms.Textarea(attrs={"rows": 5}),
            "to_levels": forms.CheckboxSelectMultiple,
            "to_centre_areas": forms.CheckboxSelectMultiple,
            "to_named": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, pool, relay: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_named"].queryset = pool.order_by("name")
        if relay:
            for name in ("to_centres", "to_levels", "to_centre_areas"):
                del self.fields[name]
            self.fields["to_communes"].label = _("all communes of the centre")
            self.fields["to_agencies"].label = _("all agencies of the centre")
        else:
            self.fields["to_centre_areas"].queryset = pool.filter(is_newsroom=True).order_by("name")

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and starts > ends:
            self.add_error("ends_on", _("The campaign cannot end before it starts."))
        return data


class DocumentForm(forms.Form):
    number = forms.CharField(label=_("Number and symbol"), max_length=100, required=False)
    issued_on = forms.DateField(label=_("Dated"), required=False, widget=DATE)
    issuer = forms.CharField(label=_("Issued by"), max_length=200, required=False)
    summary = forms.CharField(label=_("About"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if any(data.get(f) for f in ("number", "issued_on", "issuer", "summary")):
            for field in ("number", "issued_on", "issuer"):
                if not data.get(field) and field not in self.errors:
                    self.add_error(field, _("Give the number, the date and the issuer."))
        return data


class TaskForm(forms.Form):
    audience = forms.ChoiceField(label=_("For"), required=False)
    description = forms.CharField(
        label=_("Task"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    times = forms.IntegerField(label=_("At least (times)"), required=False, min_value=1)

    def __init__(self, *args, relay=False, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [c for c in TaskAudience.choices if not (relay and c[0] == TaskAudience.CENTRE)]
        self.fields["audience"].choices = [("", "---------"), *choices]

    def clean(self):
        data = super().clean()
        if data.get("description") and not data.get("audience"):
            self.add_error("audience", _("Choose who this task is for."))
        if (data.get("audience") or data.get("times")) and not data.get("description"):
            self.add_error("description", _("Describe the task: what must be done."))
        return data


DocumentFormSet = forms.formset_factory(DocumentForm, extra=2, max_num=20, absolute_max=20)
TaskFormSet = forms.formset_factory(TaskForm, extra=3, max_num=30, absolute_max=30)


def filled(formset) -> list[dict]:
    """The rows a person typed into, in order (blank extra rows are left out)."""
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and any(v not in (None, "") for v in form.cleaned_data.values())
    ]


class MaterialForm(SubmissionTokenMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MaterialKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File (image, PDF, DOCX)"), required=False)
    url = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")
    text = forms.CharField(
        label=_("Text to broadcast"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            try:
                upload.verified_type = verify_upload(
                    upload, MATERIAL_TYPES, settings.CAMPAIGN_MATERIAL_MAX_BYTES
                )
            except UnrecognisedFile as exc:
                raise forms.ValidationError(str(exc)) from None
        return upload

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        needed = {MaterialKind.FILE: "file", MaterialKind.LINK: "url", MaterialKind.TEXT: "text"}
        field = needed.get(kind)
        if field and not data.get(field) and field not in self.errors:
            self.add_error(
                field,
                {
                    "file": _("Choose the file to attach."),
                    "url": _("Give the link."),
                    "text": _("Write the text to broadcast."),
                }[field],
            )
        return data


class SendForm(SubmitForm):
    confirm = forms.BooleanField(
        label=_("I have checked the list of recipients above"),
        error_messages={"required": _("Tick the box to confirm the list of recipients.")},
    )
