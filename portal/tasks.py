from celery import shared_task
from django.utils import timezone

from portal import outbox
from portal.models import Heartbeat


@shared_task(name="portal.send_outbox_message", ignore_result=True)
def send_outbox_message(message_id: int) -> str:
    return outbox.deliver(message_id)


@shared_task(name="portal.sweep_outbox", ignore_result=True)
def sweep_outbox() -> int:
    """Every minute: free rows stuck in 'sending', then fan the due ones out to workers."""
    return outbox.sweep()


@shared_task(name="portal.heartbeat", ignore_result=True)
def heartbeat() -> None:
    Heartbeat.objects.update_or_create(name="worker", defaults={"beat_at": timezone.now()})


@shared_task(name="portal.prune_old_rows", ignore_result=True)
def prune_old_rows() -> dict[str, int]:
    """Nightly: outbox, notifications, sessions and the apps' rows past their retention."""
    from portal import retention

    return retention.prune()
