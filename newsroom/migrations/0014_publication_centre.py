"""Publications carry their centre (copied from the notice or the story), so a centre's
publications are one indexed column instead of an OR across two LEFT JOINs."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


# Frozen SQL, the same on SQLite and PostgreSQL: a publication is of a notice or of a story
# (the check constraint), and both carry the centre.
BACKFILL = """
UPDATE {table} SET centre_id = COALESCE(
    (SELECT n.centre_id FROM events_notice n WHERE n.id = {table}.notice_id),
    (SELECT s.centre_id FROM events_story s WHERE s.id = {table}.story_id)
)
WHERE centre_id IS NULL
"""


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0006_merge_0005_import_dry_run_0005_leaders_calendar"),
        ("events", "0007_scale_indexes"),
        ("newsroom", "0013_report_pdf_and_signature"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalpublication",
            name="centre",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="contacts.organisation",
                verbose_name="media centre",
            ),
        ),
        migrations.AddField(
            model_name="publication",
            name="centre",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="contacts.organisation",
                verbose_name="media centre",
            ),
        ),
        migrations.RunSQL(BACKFILL.format(table="newsroom_publication"), migrations.RunSQL.noop),
        migrations.RunSQL(
            BACKFILL.format(table="newsroom_historicalpublication"), migrations.RunSQL.noop
        ),
    ]
