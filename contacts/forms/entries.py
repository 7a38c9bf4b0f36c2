from django import forms
from django.utils.translation import gettext_lazy as _

from contacts.enums import ContactRole
from contacts.models import Organisation, PressContact
from contacts.selectors.directory import active_press_agencies
from contacts.selectors.review import ENTRY_FIELDS
from portal.idempotency import SubmissionTokenMixin


class ContactForm(forms.ModelForm):
    """A new entry or an edit, as proposed by staff. Also validates imported rows."""

    reason = forms.CharField(
        label=_("Note for the reviewer"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = PressContact
        fields = ENTRY_FIELDS
        help_texts = {
            "phone": _(
                "Shown on the public list only once the person consents (they are sent a "
                "notice), or as a spokesperson's official duty."
            ),
            "email": _(
                "Shown on the public list only once the person consents (they are sent a "
                "notice), or as a spokesperson's official duty."
            ),
            "internal_phone": _("Only centre, agency and provincial staff see it."),
            "internal_email": _("Only centre, agency and provincial staff see it."),
            "area": _("District, commune or beat the reporter covers."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["press_agency"].queryset = active_press_agencies()
        self.fields["organisation"].queryset = Organisation.objects.filter(is_active=True).order_by(
            "name"
        )
        self.fields["press_agency"].help_text = _("For a representative office or a reporter.")
        self.fields["organisation"].help_text = _("For a communications officer or a spokesperson.")

    def clean_full_name(self):
        return " ".join(self.cleaned_data["full_name"].split())

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if role in ContactRole.press_roles():
            if not data.get("press_agency"):
                self.add_error("press_agency", _("Choose the press agency."))
            data["organisation"] = None
        elif role in ContactRole.organisation_roles():
            if not data.get("organisation"):
                self.add_error("organisation", _("Choose the organisation."))
            data["press_agency"] = None
        return data

    def _post_clean(self):
        # The entry is not saved by the form: a proposal is. Skip model validation of
        # the instance (verified_on is set on approval).
        pass


class NewContactForm(SubmissionTokenMixin, ContactForm):
    """The new-entry page's form, with its one-time token (the import checks its rows with
    `ContactForm` itself)."""


class RetireForm(SubmissionTokenMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why should this entry be retired?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
