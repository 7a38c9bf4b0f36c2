"""Thin Celery wrappers of the intake app: ids in, services do the work."""

from celery import shared_task

from intake.services import intake, mailboxes


@shared_task(name="intake.poll_mailboxes", ignore_result=True)
def poll_mailboxes() -> int:
    """Every minute (beat): each configured mailbox, then every mail not yet read (also
    those a crashed worker left). Nothing to do until a director configures a mailbox."""
    count = 0
    for mailbox_id in mailboxes.configured_mailboxes().values_list("pk", flat=True):
        mailboxes.poll_mailbox(mailbox_id)
        count += intake.process_pending(mailbox_id)
    return count
