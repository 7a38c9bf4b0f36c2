"""Domain signals of a notice's life, sent only by `events.services.notices` after the change.

They are sent inside the writer's transaction, so rows a receiver writes (newsroom moves
or cancels assignments, schedules reminders, queues messages) commit or roll back with
the change itself. Every signal has `sender=Notice` and these keyword arguments:

    notice_status_changed   notice, action (NoticeAction), old_status, by
    notice_rescheduled      notice, change (NoticeChange: old/new start and end), by
    notice_relocated        notice, change (old/new place), by
    notice_reclassified     notice, change (old/new kind), by
    notice_cancelled        notice, change (the reason), by

`events` never imports `newsroom`: newsroom connects its receivers in its AppConfig.
"""

from django.dispatch import Signal

notice_status_changed = Signal()
notice_rescheduled = Signal()
notice_relocated = Signal()
notice_reclassified = Signal()
notice_cancelled = Signal()

# A change of these kinds reaches everyone working on the notice (see NoticeChangeKind).
CHANGE_SIGNALS = {
    "rescheduled": notice_rescheduled,
    "relocated": notice_relocated,
    "reclassified": notice_reclassified,
    "cancelled": notice_cancelled,
}
