"""Thin Celery wrappers: ids in, a service call, nothing else."""

from celery import shared_task

from newsroom.services import reminders


@shared_task(name="newsroom.sweep_reminders", ignore_result=True)
def sweep_reminders() -> int:
    return reminders.sweep()


@shared_task(name="newsroom.monthly_compliance", ignore_result=True)
def monthly_compliance() -> int:
    return reminders.schedule_monthly_compliance()


@shared_task(name="newsroom.generate_weekly_reports", ignore_result=True)
def generate_weekly_reports() -> int:
    from newsroom.services.reports import generate_all

    return generate_all()
