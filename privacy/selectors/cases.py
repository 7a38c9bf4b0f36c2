"""The reviewers' and administrators' view of requests about personal data."""

from django.db.models import QuerySet

from portal.scoping import NATIONWIDE, get_for, scope_for
from privacy.enums import RequestStatus
from privacy.models import DataRequest
from privacy.permissions import is_administrator


def cases_for(user) -> QuerySet[DataRequest]:
    """Verified requests: every one for reviewers (with a province: a request is about
    the shared press directory, not one province's records) and administrators."""
    cases = DataRequest.objects.exclude(status=RequestStatus.UNVERIFIED)
    if is_administrator(user):
        return cases
    return scope_for(user).filter(cases, across=NATIONWIDE)


def open_cases_for(user) -> QuerySet[DataRequest]:
    return cases_for(user).select_related("answered_by").order_by("status", "due_on", "pk")


def get_case_for(user, pk: int) -> DataRequest:
    return get_for(user, cases_for(user).select_related("answered_by"), pk)
