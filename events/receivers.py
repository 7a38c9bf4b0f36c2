"""The events app's own listeners to its domain signals (connected in EventsConfig.ready)."""

from events.models import SeriesOccurrence


def detach_moved_occurrence(sender, notice, change, by=None, **kwargs):
    """An occurrence moved or relocated on its own (the ordinary edit page) is no longer
    the series' to change: a later "this and following" leaves it alone."""
    SeriesOccurrence.objects.filter(notice_id=notice.pk, detached=False).update(detached=True)


def rollup_after_migrate(sender, using="default", **kwargs):
    """After `migrate`: a database that has notices but no compliance rollup yet (the
    migration that adds it, on a deployment with data) gets it built once."""
    from django.db import connections

    from events.models import ComplianceMonth, Notice
    from events.services.compliance_months import rebuild

    connection = connections[using]
    if ComplianceMonth._meta.db_table not in connection.introspection.table_names():
        return  # migrated back to before the rollup
    if Notice.objects.using(using).exists() and not ComplianceMonth.objects.using(using).exists():
        rebuild()
