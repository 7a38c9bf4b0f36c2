"""The access log's one writer."""

from django.conf import settings
from django.db import connection, transaction

from contacts.models import AccessRecord


def record_read(user, what: str, *, entry_id: int | None = None, detail: str = "") -> None:
    """One INSERT (no lookups, no signals). On PostgreSQL, outside a larger transaction,
    its commit does not wait for the WAL to reach the disk (`synchronous_commit off` for
    this transaction only): the page does not pay a disk flush for its log row, and at
    worst a crash loses the last fraction of a second of log rows, never other data.
    ACCESS_LOG_ENABLED exists for scripts/benchmark_access_log.py to compare a page with
    and without it."""
    if not settings.ACCESS_LOG_ENABLED:
        return
    row = AccessRecord(
        user_id=user.pk if user.is_authenticated else None,
        what=what,
        entry_id=entry_id,
        detail=detail[:300],
    )
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
            row.save(force_insert=True)
        return
    row.save(force_insert=True)
