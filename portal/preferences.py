"""Which channels a user wants per kind of message.

Apps register the kinds a person may tune (`register_kind` in their AppConfig.ready);
portal knows nothing about them beyond a label. Kinds never registered, or with no
stored preference, go out on both channels.
"""

from dataclasses import dataclass

from django.db import transaction

from portal.models import NotificationPreference, User

KINDS: dict[str, object] = {}


def register_kind(kind: str, label) -> None:
    KINDS[kind] = label


@dataclass(frozen=True)
class Channels:
    email: bool = True
    in_app: bool = True


def channels_for(user: User, kind: str) -> Channels:
    pref = NotificationPreference.objects.filter(user=user, kind=kind).first()
    return Channels(pref.email, pref.in_app) if pref else Channels()


def preferences_of(user: User) -> dict[str, Channels]:
    """Every registered kind with the user's current choice (defaults filled in)."""
    stored = {p.kind: Channels(p.email, p.in_app) for p in user.notification_preferences.all()}
    return {kind: stored.get(kind, Channels()) for kind in KINDS}


@transaction.atomic
def save_preferences(user: User, choices: dict[str, Channels]) -> None:
    for kind, channels in choices.items():
        if kind not in KINDS:
            continue
        NotificationPreference.objects.update_or_create(
            user=user,
            kind=kind,
            defaults={"email": channels.email, "in_app": channels.in_app},
        )
