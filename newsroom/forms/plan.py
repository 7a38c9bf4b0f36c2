from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.forms.channels import limit_channel_choice
from newsroom.models import PlanItem
from portal.idempotency import SubmissionTokenMixin
from portal.selectors import centre_reporters


class PlanItemForm(SubmissionTokenMixin, forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = [
            "year",
            "quarter",
            "topic",
            "format",
            "duration_minutes",
            "channel",
            "responsible_user",
            "responsible",
        ]
        help_texts = {"responsible": _("A name outside the centre, if nobody above fits.")}

    def __init__(self, *args, centre_id, **kwargs):
        super().__init__(*args, **kwargs)
        limit_channel_choice(self.fields["channel"], centre_id)
        self.fields["responsible_user"].queryset = centre_reporters(centre_id)
        self.fields["quarter"].widget = forms.Select(choices=[(q, q) for q in range(1, 5)])

    def validate_unique(self):
        pass  # the service checks (centre is not on the form)


class PublicationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, publication):
        source = publication.notice or publication.story
        when = timezone.localtime(publication.published_at).strftime("%d/%m/%Y %H:%M")
        return f"{when} · {source.title}" if source else when


class LinkPublicationForm(forms.Form):
    publication = PublicationChoiceField(label=_("Publication"), queryset=None)

    def __init__(self, *args, publications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publication"].queryset = publications
