from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0013_compliance_month"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="notice",
            index=models.Index(
                condition=models.Q(("public", True)),
                fields=["ends_at"],
                include=("updated_at", "status"),
                name="notice_public_feed_idx",
            ),
        ),
    ]
