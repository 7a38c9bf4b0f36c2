from celery import shared_task
from django.utils import timezone

from portal import idempotency, outbox, pending
from portal.models import Heartbeat


@shared_task(name="portal.send_outbox_message", ignore_result=True)
def send_outbox_message(message_id: int) -> str:
    return outbox.deliver(message_id)


@shared_task(name="portal.send_outbox_messages", ignore_result=True)
def send_outbox_messages(message_ids: list[int]) -> list[str]:
    """The rows one request (or one sweep) queued, over one mail-server connection; each
    is claimed, so a repeat is harmless."""
    return outbox.deliver_many(message_ids)


@shared_task(name="portal.sweep_outbox", ignore_result=True)
def sweep_outbox() -> int:
    """Every minute: free rows stuck in 'sending', then fan the due ones out to workers."""
    return outbox.sweep()


@shared_task(name="portal.heartbeat", ignore_result=True)
def heartbeat() -> None:
    Heartbeat.objects.update_or_create(name="worker", defaults={"beat_at": timezone.now()})


@shared_task(name="portal.prune_submission_tokens", ignore_result=True)
def prune_submission_tokens() -> int:
    """Hourly: forget form tokens that are too old to be sent again."""
    return idempotency.prune_expired()


@shared_task(name="portal.prune_pending_uploads", ignore_result=True)
def prune_pending_uploads() -> int:
    """Hourly: delete files of refused forms that nobody sent again within a day."""
    return pending.prune()


@shared_task(name="portal.prune_old_rows", ignore_result=True)
def prune_old_rows() -> dict[str, int]:
    """Nightly: outbox, notifications, sessions and the apps' rows past their retention."""
    from portal import retention

    return retention.prune()
