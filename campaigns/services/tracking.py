"""A recipient's progress: opened, acknowledged, reported per task (a second report of a
task replaces the first; the history keeps it)."""

from django.db import transaction
from django.utils import timezone

from campaigns.enums import RecipientStatus
from campaigns.models import CampaignTask, Recipient, TaskReport
from campaigns.selectors.tracking import tasks_of
from portal.models import User

REPORT_FIELDS = ("summary", "done_on", "channel", "times", "link", "publication")
ORDER = [s.value for s in RecipientStatus]


def _advance(recipient: Recipient, status: str) -> None:
    """Statuses only move forward (a late acknowledgement after reports stays reported)."""
    if ORDER.index(status) > ORDER.index(recipient.status):
        recipient.status = status


def mark_opened(recipient: Recipient) -> Recipient:
    """The first time someone of the recipient organisation opens the campaign (two
    conditional updates: two people opening it at once change nothing twice)."""
    if recipient.opened_at is None:
        rows = Recipient.objects.filter(pk=recipient.pk)
        rows.filter(opened_at__isnull=True).update(opened_at=timezone.now())
        rows.filter(status=RecipientStatus.SENT).update(status=RecipientStatus.OPENED)
        recipient.refresh_from_db()
    return recipient


@transaction.atomic
def acknowledge(recipient: Recipient, *, by: User) -> Recipient:
    recipient = Recipient.objects.select_for_update().get(pk=recipient.pk)
    if recipient.acknowledged_at is not None:
        return recipient  # idempotent
    now = timezone.now()
    recipient.opened_at = recipient.opened_at or now
    recipient.acknowledged_at = now
    recipient.acknowledged_by = by
    _advance(recipient, RecipientStatus.ACKNOWLEDGED)
    recipient.save()
    return recipient


@transaction.atomic
def report_task(
    recipient: Recipient, task: CampaignTask, *, by: User, data: dict, evidence=None
) -> TaskReport:
    """Record (or replace) what the recipient did for one task. Reporting acknowledges
    receipt too; when every task of the recipient's kind has a report it is 'reported'.
    `evidence` was verified by the form (`portal.files.verify_upload`)."""
    recipient = (
        Recipient.objects.select_for_update().select_related("campaign").get(pk=recipient.pk)
    )
    report = TaskReport.objects.filter(recipient=recipient, task=task).first()
    report = report or TaskReport(recipient=recipient, task=task)
    for field in REPORT_FIELDS:
        setattr(report, field, data.get(field))
    report.link = report.link or ""
    report.times = report.times or 1
    report.reported_by = by
    report.reported_at = timezone.now()
    if evidence is not None:
        report.evidence.save(evidence.name, evidence, save=False)
        report.evidence_name = evidence.name[:255]
        report.evidence_type = evidence.verified_type.mimetype
    report._history_user = by
    report.save()
    now = timezone.now()
    if recipient.acknowledged_at is None:
        recipient.acknowledged_at, recipient.acknowledged_by = now, by
        recipient.opened_at = recipient.opened_at or now
        _advance(recipient, RecipientStatus.ACKNOWLEDGED)
    wanted = set(tasks_of(recipient.campaign, recipient.kind).values_list("pk", flat=True))
    done = set(recipient.reports.values_list("task_id", flat=True))
    if wanted <= done:
        recipient.reported_at = recipient.reported_at or now
        _advance(recipient, RecipientStatus.REPORTED)
    recipient.save()
    return report
