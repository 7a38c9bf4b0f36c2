"""The weekly report runs from django-celery-beat's database scheduler, so the director can
change its time in admin. Created here once (not in CELERY_BEAT_SCHEDULE, which would
overwrite admin edits on every beat start): Thursdays 14:00, Asia/Ho_Chi_Minh."""

from django.db import migrations

TASK_NAME = "Weekly report (Thursday, before 15:00)"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="14",
        day_of_week="4",
        day_of_month="*",
        month_of_year="*",
        timezone="Asia/Ho_Chi_Minh",
    )
    PeriodicTask.objects.get_or_create(
        name=TASK_NAME,
        defaults={"task": "newsroom.generate_weekly_reports", "crontab": crontab},
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0004_reports_and_monitoring"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(create_schedule, remove_schedule)]
