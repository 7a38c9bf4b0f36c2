"""Dry runs of an import: each one belongs to the person who uploaded the file."""

from django.db.models import QuerySet

from contacts.models import ImportDryRun
from portal.scoping import get_for, scope_for


def dry_runs_for(user) -> QuerySet[ImportDryRun]:
    """Only the owner's own: a colleague, a director or a reviewer sees none of them."""
    return scope_for(user).filter(ImportDryRun.objects.all(), own="owner_id")


def get_dry_run_for(user, pk: int) -> ImportDryRun:
    return get_for(user, dry_runs_for(user), pk)
