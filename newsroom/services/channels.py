"""The director keeps the centre's channels: add, rename, retire, reactivate, remove.

A channel that publications or plan items use is retired, never removed: what was
published keeps its channel and its name, and the weekly report still counts it."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from newsroom.models import Channel

FIELDS = ("name", "kind", "position")


def _name_taken(name: str) -> ValidationError:
    return ValidationError(_("The centre already has a channel named “%(name)s”.") % {"name": name})


def _save(channel: Channel) -> Channel:
    try:
        with transaction.atomic():
            channel.save()
    except IntegrityError:  # two directors typing the same name at once
        raise _name_taken(channel.name) from None
    return channel


@transaction.atomic
def add_channel(centre, *, name: str, kind: str, position: int | None = None) -> Channel:
    """A new active channel; without a position it goes to the end of the list."""
    if position is None:
        last = Channel.objects.filter(centre=centre).aggregate(last=Max("position"))["last"]
        position = (last or 0) + 1
    return _save(Channel(centre=centre, name=name, kind=kind, position=position))


@transaction.atomic
def update_channel(channel: Channel, *, name: str, kind: str, position: int | None) -> Channel:
    channel.name, channel.kind = name, kind
    if position is not None:
        channel.position = position
    return _save(channel)


@transaction.atomic
def set_channel_active(channel: Channel, active: bool) -> bool:
    """Retire or reactivate; True when something changed (doing it twice is a no-op)."""
    return bool(
        Channel.objects.filter(pk=channel.pk, is_active=not active).update(is_active=active)
    )


def is_used(channel: Channel) -> bool:
    return channel.publications.exists() or channel.plan_items.exists()


@transaction.atomic
def remove_channel(channel: Channel) -> None:
    """Only a channel nothing refers to (added by mistake) can be removed."""
    channel = Channel.objects.select_for_update().get(pk=channel.pk)
    if is_used(channel):
        raise ValidationError(
            _("“%(name)s” has publications or plan items: retire it instead.")
            % {"name": channel.name}
        )
    channel.delete()


def check_channel_of(centre_id: int | None, channel: Channel | None) -> None:
    """A new publication or plan item goes on one of its centre's active channels (the
    forms offer only those; this guards every other caller)."""
    if channel is not None and (channel.centre_id != centre_id or not channel.is_active):
        raise ValidationError(_("Choose one of the centre's active channels."))
