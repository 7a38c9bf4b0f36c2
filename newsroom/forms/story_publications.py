"""Recording where an approved contributor story went out: the form."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.forms.channels import limit_channel_choice
from newsroom.models import Publication
from portal.forms import DateTimeLocalInput, WebAddressField
from portal.idempotency import SubmissionTokenMixin


class StoryPublicationForm(SubmissionTokenMixin, forms.ModelForm):
    link = WebAddressField(label=_("link"), required=False, max_length=200)

    class Meta:
        model = Publication
        fields = ("channel", "published_at", "air_slot", "duration_minutes", "link")
        widgets = {"published_at": DateTimeLocalInput()}
        help_texts = {
            "air_slot": _("For radio or television, e.g. “Thời sự 17h”."),
            "link": _("For the website, newspaper or social media."),
        }

    def __init__(self, *args, centre_id, **kwargs):
        super().__init__(*args, **kwargs)
        limit_channel_choice(self.fields["channel"], centre_id)
        self.fields["published_at"].input_formats = settings.DATETIME_INPUT_FORMATS
        if not self.is_bound:
            self.initial.setdefault("published_at", timezone.localtime().replace(second=0))

    def clean_published_at(self):
        published_at = self.cleaned_data["published_at"]
        if published_at > timezone.now() + timezone.timedelta(minutes=5):
            raise forms.ValidationError(_("A publication cannot be recorded in the future."))
        return published_at
