from django.db.models import QuerySet

from portal.enums import Role
from portal.models import Notification, User
from portal.scoping import scope_for


def notifications_for(user: User) -> QuerySet[Notification]:
    """One's own notifications, whatever one's role."""
    return (
        scope_for(user)
        .filter(Notification.objects.all(), own="recipient_id")
        .order_by("-created_at")
    )


# --- Who to tell: the one place that says which people an event of a record concerns ------


def members(organisation_id: int | None, role: str) -> QuerySet[User]:
    """Active accounts of one organisation with one role (none without an organisation)."""
    if organisation_id is None:
        return User.objects.none()
    return User.objects.filter(organisation_id=organisation_id, role=role, is_active=True)


def agency_staff(agency_id: int | None) -> QuerySet[User]:
    return members(agency_id, Role.AGENCY_STAFF)


def centre_editors(centre_id: int | None) -> QuerySet[User]:
    return members(centre_id, Role.EDITOR)


def centre_reporters(centre_id: int | None) -> QuerySet[User]:
    return members(centre_id, Role.REPORTER).order_by("full_name", "username")


def reviewers() -> QuerySet[User]:
    """Every province's reviewers: for what belongs to no province (the shared press
    directory's personal data)."""
    return User.objects.filter(role=Role.REVIEWER, is_active=True)


def province_reviewers(province_id: int | None) -> QuerySet[User]:
    """The reviewers of one province (the only ones who can open its records); none
    when there is no province."""
    if province_id is None:
        return User.objects.none()
    return reviewers().filter(organisation__province_id=province_id)
