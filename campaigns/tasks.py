"""Thin Celery wrappers: ids in, a service call, nothing else."""

from celery import shared_task

from campaigns.services import reminders


@shared_task(name="campaigns.send_reminders", ignore_result=True)
def send_reminders() -> int:
    return reminders.send_reminders()
