from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.enums import ReportChannel
from newsroom.enums import ChannelKind
from portal.files import JPEG, PDF, PNG, WEBP, UnrecognisedFile, verify_upload

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EVIDENCE_TYPES = (JPEG, PNG, WEBP, PDF)
# A publication logged by the centre reports on the campaign channel it was made on.
CHANNEL_OF_PUBLICATION = {
    ChannelKind.RADIO: ReportChannel.RADIO,
    ChannelKind.WEBSITE: ReportChannel.WEBSITE,
    ChannelKind.TELEVISION: ReportChannel.TELEVISION,
    ChannelKind.NEWSPAPER: ReportChannel.NEWSPAPER,
    ChannelKind.SOCIAL: ReportChannel.SOCIAL,
}


class PublicationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        item = obj.notice or obj.story
        when = timezone.localtime(obj.published_at).strftime("%d/%m/%Y")
        return f"{obj.channel} · {when} · {item.title if item else ''}"


class ReportForm(forms.Form):
    """What was done for one task. A publication the centre already logged fills in the
    date, the channel and the link when they are left empty."""

    publication = PublicationChoice(
        label=_("A publication already logged by the centre"), queryset=None, required=False
    )
    summary = forms.CharField(
        label=_("What was done"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    done_on = forms.DateField(label=_("When"), required=False, widget=DATE)
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[("", "---------"), *ReportChannel.choices], required=False
    )
    times = forms.IntegerField(label=_("How many times"), min_value=1, initial=1)
    link = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")
    evidence = forms.FileField(label=_("Evidence (photo, screenshot, PDF)"), required=False)

    def __init__(self, *args, publications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publication"].queryset = publications
        if not publications.exists():
            del self.fields["publication"]

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        if upload:
            try:
                upload.verified_type = verify_upload(
                    upload, EVIDENCE_TYPES, settings.CAMPAIGN_EVIDENCE_MAX_BYTES
                )
            except UnrecognisedFile as exc:
                raise forms.ValidationError(str(exc)) from None
        return upload

    def clean(self):
        data = super().clean()
        publication = data.get("publication")
        if publication is not None:
            item = publication.notice or publication.story
            data["summary"] = data.get("summary") or (item.title if item else str(publication))
            data["done_on"] = data.get("done_on") or timezone.localdate(publication.published_at)
            data["channel"] = data.get("channel") or CHANNEL_OF_PUBLICATION.get(
                publication.channel.kind, ReportChannel.OTHER
            )
            data["link"] = data.get("link") or publication.link
        messages = {
            "summary": _("Say what was done."),
            "done_on": _("Say when it was done."),
            "channel": _("Choose the channel."),
        }
        for field, message in messages.items():
            if not data.get(field) and field not in self.errors:
                self.add_error(field, message)
        done_on = data.get("done_on")
        if done_on and done_on > timezone.localdate():
            self.add_error("done_on", _("Report what was done, not what is planned."))
        return data
