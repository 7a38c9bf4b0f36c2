"""The access log as the reviewers and administrators read it: a reviewer reads the
accesses of their province's people, an administrator everyone's."""

from django.db.models import QuerySet

from contacts.models import AccessRecord
from portal.scoping import scope_for
from privacy.permissions import is_administrator


def access_log_for(user) -> QuerySet[AccessRecord]:
    records = AccessRecord.objects.select_related("user").order_by("-at", "-pk")
    if is_administrator(user):
        return records
    return scope_for(user).filter(records, across="user__organisation")
