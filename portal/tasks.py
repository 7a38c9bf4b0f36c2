from celery import shared_task
from django.utils import timezone

from portal import outbox
from portal.models import Heartbeat


@shared_task(name="portal.send_outbox_message", ignore_result=True)
def send_outbox_message(message_id: int) -> str:
    return outbox.deliver(message_id)


@shared_task(name="portal.sweep_outbox", ignore_result=True)
def sweep_outbox() -> int:
    """Every minute: free rows stuck in 'sending', then deliver everything due."""
    outbox.release_stuck()
    ids = outbox.due_message_ids()
    for message_id in ids:
        outbox.deliver(message_id)
    return len(ids)


@shared_task(name="portal.heartbeat", ignore_result=True)
def heartbeat() -> None:
    Heartbeat.objects.update_or_create(name="worker", defaults={"beat_at": timezone.now()})
