"""Thin Celery wrappers of the intake app: ids in, services do the work."""

import logging

from celery import shared_task

from intake.services import intake, mailboxes

log = logging.getLogger(__name__)


@shared_task(name="intake.poll_mailboxes", ignore_result=True)
def poll_mailboxes() -> int:
    """Every minute (beat): each configured mailbox, then every mail not yet read (also
    those a crashed worker left). Nothing to do until a director configures a mailbox."""
    count = 0
    for mailbox_id in mailboxes.configured_mailboxes().values_list("pk", flat=True):
        try:
            mailboxes.poll_mailbox(mailbox_id)
        except Exception:  # noqa: BLE001 - one centre's trouble must not stop the others
            log.exception("polling mailbox %s failed", mailbox_id)
        count += intake.process_pending(mailbox_id)
    return count
