"""Public contact search reads the folded `search_text` column on every database; on
PostgreSQL a pg_trgm GIN index makes `LIKE '%word%'` an index lookup. SQLite: nothing to
do (the operation is a no-op there), the search scans the one column."""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS contacts_presscontact_search_trgm "
    "ON contacts_presscontact USING gin (search_text gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS contacts_presscontact_search_trgm"]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0006_merge_0005_import_dry_run_0005_leaders_calendar"),
    ]

    operations = [
        migrations.RunPython(run(CREATE), run(DROP)),
    ]
