"""The access log's one writer.

A read is recorded by `record_read` while the page is being made; the rows of a request
are written together by `AccessLogMiddleware` with one INSERT when the view has returned
(or raised), before the response leaves the server. So:

- the page pays one statement for its log, whatever number of reads it records, and no
  lookup (the user's id is on the request already, the entry's id is given);
- a row is never lost for a page whose data was shown: the rows are written before a byte
  of the response is sent, also when the view fails after rendering (the 500 page still
  goes through the middleware), and a failure to write the log turns the page into an
  error instead of showing the data unlogged. Writing after the response was sent (off the
  critical path entirely) would lose the row of a page already delivered whenever that
  write failed, which the law does not allow; the write is made cheap instead;
- on PostgreSQL, in autocommit, the INSERT tells its own transaction not to wait for the
  WAL flush (`set_config('synchronous_commit', 'off', true)` in the same statement): the
  page does not pay a disk flush for its log row; a crash of the database server could
  lose the last fraction of a second of rows, never other data. Inside a larger
  transaction (a test, a caller's atomic block) it is a plain INSERT in that transaction.

Outside a request (a task, the shell) `record_read` writes at once.
ACCESS_LOG_ENABLED (and `logging_disabled()`) exist for scripts/benchmark_access_log.py
to compare a page with and without the log.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connection

from contacts.models import AccessRecord

_pending: ContextVar[list | None] = ContextVar("access_log_pending", default=None)
_disabled: ContextVar[bool] = ContextVar("access_log_disabled", default=False)


def _enabled() -> bool:
    return settings.ACCESS_LOG_ENABLED and not _disabled.get()


@contextmanager
def logging_disabled(disabled: bool = True):
    """The benchmark's switch, per request and without touching settings."""
    token = _disabled.set(disabled)
    try:
        yield
    finally:
        _disabled.reset(token)


def record_read(user, what: str, *, entry_id: int | None = None, detail: str = "") -> None:
    if not _enabled():
        return
    row = AccessRecord(
        user_id=user.pk if user.is_authenticated else None,
        what=what,
        entry_id=entry_id,
        detail=detail[:300],
    )
    pending = _pending.get()
    if pending is None:
        write([row])
    else:
        pending.append(row)


@contextmanager
def collecting():
    """Rows recorded inside are written in one INSERT when the block ends, also when it
    ends with an exception (the data may have been rendered before it)."""
    pending: list = []
    token = _pending.set(pending)
    try:
        yield pending
    finally:
        _pending.reset(token)
        if pending:
            write(pending)


def write(rows: list) -> None:
    if not rows:
        return
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        _write_without_flush_wait(rows)
        return
    AccessRecord.objects.bulk_create(rows)


def _write_without_flush_wait(rows: list) -> None:
    table = connection.ops.quote_name(AccessRecord._meta.db_table)
    values, params = [], []
    for row in rows:
        values.append("(%s::integer, %s::timestamptz, %s::varchar, %s::integer, %s::varchar)")
        params += [row.user_id, row.at, row.what, row.entry_id, row.detail]
    sql = (
        "WITH quick AS (SELECT set_config('synchronous_commit', 'off', true)) "  # noqa: S608 - table name and placeholders only
        f"INSERT INTO {table} (user_id, at, what, entry_id, detail) "
        f"SELECT v.* FROM (VALUES {', '.join(values)}) "
        "AS v (user_id, at, what, entry_id, detail), quick"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


class AccessLogMiddleware:
    """Collects the request's log rows and writes them at once when the view is done."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with collecting():
            return self.get_response(request)
