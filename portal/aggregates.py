"""SQL aggregates the ORM lacks, with one behaviour on PostgreSQL and SQLite."""

import statistics

from django.db.backends.signals import connection_created
from django.db.models import Aggregate, FloatField


class Median(Aggregate):
    """The median of a column, computed by the database: `percentile_cont(0.5)` on
    PostgreSQL (the mean of the two middle values for an even count, like
    `statistics.median`). SQLite has no percentile function in the builds we ship on, so
    there a `median` aggregate is registered on each connection: it runs inside SQLite's
    grouping (the values never leave the aggregate for the view) but holds one group's
    values in memory, which is fine for a development database and not meant for a
    province's year."""

    function = "PERCENTILE_CONT"
    name = "Median"
    output_field = FloatField()
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    allow_distinct = False

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            function="DUATIN_MEDIAN",
            template="%(function)s(%(expressions)s)",
            **extra_context,
        )


class _SqliteMedian:
    def __init__(self):
        self.values = []

    def step(self, value):
        if value is not None:
            self.values.append(value)

    def finalize(self):
        return float(statistics.median(self.values)) if self.values else None


def register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("DUATIN_MEDIAN", 1, _SqliteMedian)


connection_created.connect(register_sqlite_functions, dispatch_uid="duatin_sqlite_median")
