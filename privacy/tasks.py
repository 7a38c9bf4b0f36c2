from celery import shared_task

from privacy.services import breaches, requests


@shared_task(name="privacy.send_reminders", ignore_result=True)
def send_reminders() -> dict:
    """Every 15 minutes: reviewers are told of requests about personal data due by the
    next working day, and of breaches 48 h and 70 h into their 72-hour clock."""
    return {"requests": requests.remind_due(), "breaches": breaches.send_reminders()}
