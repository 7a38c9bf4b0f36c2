from celery import shared_task

from privacy.services import requests


@shared_task(name="privacy.send_reminders", ignore_result=True)
def send_reminders() -> dict:
    """Every 15 minutes: reviewers are told of requests about personal data due by the
    next working day."""
    return {"requests": requests.remind_due()}
