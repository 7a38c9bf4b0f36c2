"""The director's channel form, and the channel choice every other form offers."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from newsroom.models import Channel
from newsroom.selectors.channels import channels_of_centre
from portal.idempotency import SubmissionTokenMixin

NOT_OURS = _("Choose one of the centre's active channels.")


def limit_channel_choice(field: forms.ModelChoiceField, centre_id: int | None) -> None:
    """Offer only the centre's active channels; another centre's (or a retired) channel
    posted anyway is refused with a message, not a 500."""
    field.queryset = channels_of_centre(centre_id)
    field.error_messages["invalid_choice"] = NOT_OURS


def normal_name(name: str) -> str:
    return " ".join(name.split())


class ChannelForm(SubmissionTokenMixin, forms.ModelForm):
    """Add or rename a channel; names are unique in the centre whatever their case."""

    class Meta:
        model = Channel
        fields = ["name", "kind", "position"]
        labels = {
            "name": pgettext_lazy("channel", "Name"),
            "kind": _("Kind"),
            "position": _("Position in lists"),
        }
        help_texts = {
            "name": _("E.g. “Fanpage”, “Zalo OA”, “Báo và Phát thanh, Truyền hình Quảng Ngãi”."),
            "position": _("Smaller numbers come first."),
        }

    def __init__(self, *args, centre_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.centre_id = centre_id
        self.fields["position"].required = False

    def clean_name(self):
        name = normal_name(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("Give the channel a name."))
        others = Channel.objects.filter(centre_id=self.centre_id).exclude(pk=self.instance.pk)
        taken = {other.casefold() for other in others.values_list("name", flat=True)}
        if name.casefold() in taken:
            raise forms.ValidationError(
                _("The centre already has a channel named “%(name)s”.") % {"name": name}
            )
        return name

    def validate_unique(self):
        pass  # clean_name checks (the centre is not on the form); the index settles races
