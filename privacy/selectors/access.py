"""The access log as the reviewers and administrators read it."""

from django.db.models import QuerySet

from contacts.models import AccessRecord
from portal.scoping import scope_for
from privacy.permissions import is_administrator


def access_log_for(user) -> QuerySet[AccessRecord]:
    records = AccessRecord.objects.select_related("user").order_by("-at", "-pk")
    if is_administrator(user):
        return records
    return scope_for(user).filter(records, across=True)
