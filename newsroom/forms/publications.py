from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from newsroom.models import Channel, Publication
from newsroom.selectors.publications import active_channels
from portal.forms import DateTimeLocalInput


class PublicationForm(forms.ModelForm):
    link = forms.URLField(label=_("link"), required=False, assume_scheme="https")

    class Meta:
        model = Publication
        fields = ["channel", "published_at", "link", "air_slot", "duration_minutes"]
        widgets = {"published_at": DateTimeLocalInput()}
        help_texts = {"air_slot": _("For radio and TV, e.g. “Thời sự 19:00”.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = active_channels()
        self.fields["published_at"].input_formats = settings.DATETIME_INPUT_FORMATS

    def clean(self):
        data = super().clean()
        if not (data.get("link") or data.get("air_slot")):
            raise forms.ValidationError(_("Give a link or an air slot."))
        return data


class PublicationFilterForm(forms.Form):
    channel = forms.ModelChoiceField(
        label=_("Channel"), queryset=None, required=False, empty_label=_("All channels")
    )
    month = forms.DateField(
        label=_("Month"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"invalid": _("Choose a month as year and month, e.g. 2026-11.")},
    )
    source = forms.ChoiceField(
        label=_("Source"),
        required=False,
        choices=[("", _("Notices and stories")), ("notice", _("Notices")), ("story", _("Stories"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = Channel.objects.order_by("position", "name")

    def filters(self) -> dict:
        """The valid filters; a bad one is ignored (and shown as an error on the form)."""
        if not self.is_bound:
            return {}
        if not self.is_valid():
            return {
                name: self.cleaned_data[name]
                for name in ("channel", "month", "source")
                if name in self.cleaned_data
            }
        return dict(self.cleaned_data)
