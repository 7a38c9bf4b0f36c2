"""Signals the portal sends for apps above it to hook into (they cannot be imported here).

`prune_old_rows` is sent by the nightly retention task (`portal.retention.prune`) with
`now=<aware datetime>`; each receiver deletes its app's rows that are past their
retention and returns ``{"label": deleted_count}``.
"""

from django.dispatch import Signal

prune_old_rows = Signal()
