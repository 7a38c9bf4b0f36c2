"""Which channels a user wants per kind of message.

Apps register the kinds a person may tune (`register_kind` in their AppConfig.ready);
portal knows nothing about them beyond a label. Kinds never registered, or with no
stored preference, go out on both channels.
"""

from dataclasses import dataclass

from django.db import transaction

from portal.models import NotificationPreference, User

KINDS: dict[str, object] = {}
# kind → the roles that can receive it (absent: every role). The settings page lists
# only these, so agency staff are not offered reporters' reminders.
ROLES: dict[str, frozenset[str]] = {}


def register_kind(kind: str, label, roles=None) -> None:
    KINDS[kind] = label
    if roles is not None:
        ROLES[kind] = frozenset(str(role) for role in roles)


def kinds_for(user: User) -> list[str]:
    """The kinds this user's role can receive; a user without a role (an administrator)
    sees every kind."""
    role = user.role
    return [kind for kind in KINDS if not role or kind not in ROLES or role in ROLES[kind]]


@dataclass(frozen=True)
class Channels:
    email: bool = True
    in_app: bool = True


def channels_for(user: User, kind: str) -> Channels:
    pref = NotificationPreference.objects.filter(user=user, kind=kind).first()
    return Channels(pref.email, pref.in_app) if pref else Channels()


def preferences_of(user: User) -> dict[str, Channels]:
    """Every kind the user can receive with their current choice (defaults filled in)."""
    stored = {p.kind: Channels(p.email, p.in_app) for p in user.notification_preferences.all()}
    return {kind: stored.get(kind, Channels()) for kind in kinds_for(user)}


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
