from django.conf import settings
from django.db import migrations, models

# Every existing entry gets its owner's name (frozen SQL: valid on SQLite and PostgreSQL).
BACKFILL = """
UPDATE contacts_presscontact SET owner_name = COALESCE(
    (SELECT name FROM contacts_pressagency WHERE id = contacts_presscontact.press_agency_id),
    (SELECT name FROM contacts_organisation WHERE id = contacts_presscontact.organisation_id),
    ''
)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0011_organisation_province"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="presscontact",
            name="owner_name",
            field=models.CharField(blank=True, default="", editable=False, max_length=255),
        ),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="presscontact",
            index=models.Index(
                fields=["owner_name", "role", "full_name"], name="contacts_pr_owner_n_48fb54_idx"
            ),
        ),
    ]
