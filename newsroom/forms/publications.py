from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from newsroom.forms.channels import limit_channel_choice
from newsroom.models import Publication
from portal.forms import DateTimeLocalInput, WebAddressField
from portal.idempotency import SubmissionTokenMixin


class PublicationForm(SubmissionTokenMixin, forms.ModelForm):
    link = WebAddressField(label=_("link"), required=False)

    class Meta:
        model = Publication
        fields = ["channel", "published_at", "link", "air_slot", "duration_minutes"]
        widgets = {"published_at": DateTimeLocalInput()}
        help_texts = {"air_slot": _("For radio and TV, e.g. “Thời sự 19:00”.")}

    def __init__(self, *args, centre_id, **kwargs):
        super().__init__(*args, **kwargs)
        limit_channel_choice(self.fields["channel"], centre_id)
        self.fields["published_at"].input_formats = settings.DATETIME_INPUT_FORMATS

    def clean(self):
        data = super().clean()
        if not (data.get("link") or data.get("air_slot")):
            raise forms.ValidationError(_("Give a link or an air slot."))
        return data
