"""Thin Celery wrappers: ids in, a service call, nothing else."""

from celery import shared_task

from newsroom.services import answers, reminders


@shared_task(name="newsroom.sweep_reminders", ignore_result=True)
def sweep_reminders() -> int:
    return reminders.sweep()


@shared_task(name="newsroom.escalate_unanswered", ignore_result=True)
def escalate_unanswered() -> int:
    return answers.escalate_unanswered()


@shared_task(name="newsroom.monthly_compliance", ignore_result=True)
def monthly_compliance() -> int:
    return reminders.schedule_monthly_compliance()


@shared_task(name="newsroom.sweep_weekly_reports", ignore_result=True)
def sweep_weekly_reports() -> int:
    """Each centre's own report schedule (rows of ReportSettings), every minute."""
    from newsroom.services.reports import sweep

    return sum(1 for result in sweep().values() if result)
