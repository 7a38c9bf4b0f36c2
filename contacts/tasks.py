"""Thin Celery wrappers of the contacts app: the services do the work."""

from celery import shared_task

from contacts.services import imports


@shared_task(name="contacts.prune_import_dry_runs", ignore_result=True)
def prune_import_dry_runs() -> int:
    """Hourly (beat): delete import dry runs past their retention."""
    return imports.prune_dry_runs()
