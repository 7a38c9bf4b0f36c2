"""Thin Celery wrappers of the contacts app: the services do the work."""

from celery import shared_task

from contacts.services import imports


@shared_task(name="contacts.prune_import_dry_runs", ignore_result=True)
def prune_import_dry_runs() -> int:
    """Hourly (beat): delete import dry runs past their retention."""
    return imports.prune_dry_runs()


@shared_task(name="contacts.rebuild_public_exports", ignore_result=True)
def rebuild_public_exports() -> None:
    """After a change of the public list (and hourly, in case a change's task was lost):
    write the public CSV, Excel and vCard files once for every visitor."""
    from contacts.services import public_exports

    public_exports.rebuild()
