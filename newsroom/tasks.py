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
    """Every minute: one task per centre whose report schedule may be due (rows of
    ReportSettings), so the centres' reports are built in parallel. If the broker
    refuses, this worker runs the schedule itself. Returns how many were handed out."""
    from django.utils import timezone

    from newsroom.services.reports import due_schedule_ids, run_schedule_id

    now = timezone.now()
    ids = due_schedule_ids(now)
    for conf_id in ids:
        try:
            run_weekly_report_schedule.apply_async(args=[conf_id, now.isoformat()], retry=False)
        except Exception:  # noqa: BLE001 - broker trouble: do it here rather than not at all
            run_schedule_id(conf_id, now)
    return len(ids)


@shared_task(name="newsroom.run_weekly_report_schedule", ignore_result=True)
def run_weekly_report_schedule(conf_id: int, at: str) -> str:
    """One centre's weekly-report schedule at the sweep's time."""
    from datetime import datetime

    from newsroom.services.reports import run_schedule_id

    return run_schedule_id(conf_id, datetime.fromisoformat(at))
