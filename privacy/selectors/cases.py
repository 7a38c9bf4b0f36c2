"""The reviewers' and administrators' view of requests about personal data."""

from django.db.models import QuerySet

from portal.scoping import get_for, scope_for
from privacy.enums import RequestStatus
from privacy.models import DataRequest
from privacy.permissions import is_administrator


def cases_for(user) -> QuerySet[DataRequest]:
    """Verified requests: every one for reviewers and administrators, none for others."""
    cases = DataRequest.objects.exclude(status=RequestStatus.UNVERIFIED)
    if is_administrator(user):
        return cases
    return scope_for(user).filter(cases, across=True)


def open_cases_for(user) -> QuerySet[DataRequest]:
    return cases_for(user).select_related("answered_by").order_by("status", "due_on", "pk")


def get_case_for(user, pk: int) -> DataRequest:
    return get_for(user, cases_for(user).select_related("answered_by"), pk)
