"""The events app's own listeners to its domain signals (connected in EventsConfig.ready)."""

from events.models import SeriesOccurrence


def detach_moved_occurrence(sender, notice, change, by=None, **kwargs):
    """An occurrence moved or relocated on its own (the ordinary edit page) is no longer
    the series' to change: a later "this and following" leaves it alone."""
    SeriesOccurrence.objects.filter(notice_id=notice.pk, detached=False).update(detached=True)
