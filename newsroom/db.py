"""Database helpers for PostgreSQL-only features, with the SQLite path left honest.

The double-booking exclusion constraint is created only on PostgreSQL. It is kept out
of the model's Meta (SQLite cannot express it), so the migration state never holds it
and `makemigrations --check` stays clean on both databases; the service checks overlaps
inside the same transaction on SQLite, whose writers are serialised (BEGIN IMMEDIATE).
"""

from django.db import migrations
from django.db.models import Func, Q


class TsTzRange(Func):
    function = "TSTZRANGE"

    @property
    def output_field(self):
        from django.contrib.postgres.fields import DateTimeRangeField

        return DateTimeRangeField()


ASSIGNMENT_OVERLAP_CONSTRAINT = "assignment_no_double_booking"


def assignment_overlap_constraint():
    from django.contrib.postgres.constraints import ExclusionConstraint
    from django.contrib.postgres.fields import RangeBoundary, RangeOperators

    from newsroom.enums import BUSY_STATUSES

    return ExclusionConstraint(
        name=ASSIGNMENT_OVERLAP_CONSTRAINT,
        index_type="gist",
        expressions=[
            ("reporter", RangeOperators.EQUAL),
            (
                TsTzRange(
                    "window_start",
                    "window_end",
                    RangeBoundary(inclusive_lower=True, inclusive_upper=False),
                ),
                RangeOperators.OVERLAPS,
            ),
        ],
        condition=Q(status__in=[str(s) for s in BUSY_STATUSES], override_reason=""),
    )


class AddPostgresOnlyConstraint(migrations.operations.base.Operation):
    """Add a constraint on PostgreSQL only; a no-op on other databases and in the state."""

    reversible = True

    def __init__(self, model_name, constraint_factory):
        self.model_name = model_name
        self.constraint_factory = constraint_factory

    def state_forwards(self, app_label, state):
        pass  # not part of the model state: Meta does not declare it

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = to_state.apps.get_model(app_label, self.model_name)
        schema_editor.add_constraint(model, self.constraint_factory())

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = from_state.apps.get_model(app_label, self.model_name)
        schema_editor.remove_constraint(model, self.constraint_factory())

    def describe(self):
        return f"Add a PostgreSQL-only constraint to {self.model_name}"

    def deconstruct(self):
        return (
            self.__class__.__qualname__,
            [self.model_name, self.constraint_factory],
            {},
        )
