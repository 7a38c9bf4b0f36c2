"""The breach register, for reviewers and administrators. A breach concerns the shared
press directory, not one province: every reviewer with a province reads the register."""

from django.db.models import QuerySet

from portal.models import User
from portal.scoping import NATIONWIDE, get_for, scope_for
from privacy.models import Breach
from privacy.permissions import is_administrator


def breaches_for(user) -> QuerySet[Breach]:
    breaches = Breach.objects.select_related("recorded_by").order_by("-discovered_at", "-pk")
    if is_administrator(user):
        return breaches
    return scope_for(user).filter(breaches, across=NATIONWIDE)


def get_breach_for(user, pk: int) -> Breach:
    return get_for(user, breaches_for(user), pk)


def administrators() -> QuerySet[User]:
    return User.objects.filter(is_superuser=True, is_active=True).order_by("pk")
