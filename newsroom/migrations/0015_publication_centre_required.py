"""Every publication now has its centre (0014 filled it in); a separate migration, so the
backfill's deferred foreign-key checks have run before PostgreSQL alters the table."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0014_publication_centre"),
    ]

    operations = [
        migrations.AlterField(
            model_name="publication",
            name="centre",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="contacts.organisation",
                verbose_name="media centre",
            ),
        ),
        migrations.AddIndex(
            model_name="publication",
            index=models.Index(
                fields=["centre", "published_at"], name="newsroom_pu_centre__f623a3_idx"
            ),
        ),
    ]
