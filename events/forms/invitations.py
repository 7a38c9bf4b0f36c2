"""Choosing the press contacts to invite to an event."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from contacts.enums import PressLevel
from contacts.selectors.directory import invitable_contacts
from portal.idempotency import SubmissionTokenMixin


class InviteForm(SubmissionTokenMixin, forms.Form):
    contacts = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Press contacts"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    all_provincial = forms.BooleanField(label=gettext_lazy("All provincial press"), required=False)
    documents = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Attach the notice's documents"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Sent with the calendar file, to every contact invited."),
    )
    message = forms.CharField(
        label=gettext_lazy("Personal message"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Shown at the top of the invitation, as you write it."),
    )

    def __init__(self, *args, notice, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacts"].queryset = invitable_contacts()
        self.fields["documents"].queryset = notice.attachments.order_by("kind", "pk")
        self.fields["documents"].label_from_instance = lambda a: (
            f"{a.get_kind_display()}: {a.original_name}"
        )

    def clean_documents(self):
        documents = list(self.cleaned_data.get("documents") or [])
        limit = settings.PRESS_INVITATION_ATTACHMENT_MAX_BYTES
        if sum(document.size for document in documents) > limit:
            raise forms.ValidationError(
                _("Together the documents may be at most %(limit)s MB; choose fewer.")
                % {"limit": limit // 1024 // 1024}
            )
        return documents

    def clean(self):
        data = super().clean()
        if not data.get("contacts") and not data.get("all_provincial"):
            raise forms.ValidationError(_("Choose at least one press contact."))
        return data

    def chosen(self):
        chosen = list(self.cleaned_data.get("contacts") or [])
        if self.cleaned_data.get("all_provincial"):
            chosen += list(invitable_contacts().filter(press_agency__level=PressLevel.PROVINCIAL))
        return chosen
