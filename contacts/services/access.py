"""The access log's one writer."""

from django.conf import settings

from contacts.models import AccessRecord


def record_read(user, what: str, *, entry_id: int | None = None, detail: str = "") -> None:
    """One INSERT (no lookups, no signals). ACCESS_LOG_ENABLED exists for the benchmark
    (scripts/benchmark_access_log.py) to compare a page with and without it."""
    if not settings.ACCESS_LOG_ENABLED:
        return
    AccessRecord.objects.create(
        user_id=user.pk if user.is_authenticated else None,
        what=what,
        entry_id=entry_id,
        detail=detail[:300],
    )
