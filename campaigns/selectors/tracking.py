"""Recipients and their reports: the issuer's tracking, a recipient's own part."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from campaigns.enums import CampaignStatus, RecipientStatus, TaskAudience
from campaigns.models import Campaign, CampaignTask, Recipient, TaskReport
from portal.scoping import get_for, scope_for


def recipients_for(user) -> QuerySet[Recipient]:
    """Rows of campaigns the user's organisation issued or received; reviewers see
    their province's."""
    rows = Recipient.objects.select_related("campaign", "organisation")
    return scope_for(user).filter(
        rows, organisation=("organisation_id", "campaign__issuer_id"), across="campaign__issuer"
    )


def received_for(user) -> QuerySet[Recipient]:
    """Only the user's own organisation's rows: what it must do."""
    rows = Recipient.objects.select_related("campaign__issuer", "organisation")
    return scope_for(user).filter(rows, organisation="organisation_id")


def get_received_for(user, campaign_pk, *, perm: str | None = None, done=None) -> Recipient:
    """The user's organisation's row of one campaign: 404 when it did not receive it."""
    rows = received_for(user).filter(campaign_id=campaign_pk)
    row_pk = rows.values_list("pk", flat=True).first()  # None: the getter's 404
    return get_for(user, rows, row_pk, perm, done=done)


def own_row(user, campaign: Campaign) -> Recipient | None:
    return received_for(user).filter(campaign=campaign).first()


def reports_for(user) -> QuerySet[TaskReport]:
    reports = TaskReport.objects.select_related("recipient__campaign", "recipient__organisation")
    return reports.filter(recipient__in=recipients_for(user))


def get_report_for(user, pk, *, perm: str | None = None) -> TaskReport:
    return get_for(user, reports_for(user), pk, perm)


def tasks_of(campaign: Campaign, kind: str | None = None) -> QuerySet[CampaignTask]:
    tasks = campaign.tasks.all()
    if kind:
        tasks = tasks.filter(audience__in=[TaskAudience.ALL, kind])
    return tasks


def task_for(recipient: Recipient, task_pk) -> CampaignTask:
    """One task the recipient's kind was given (404 otherwise)."""
    tasks = tasks_of(recipient.campaign, recipient.kind)
    return get_for(None, tasks, task_pk)


def reports_by_task(recipient: Recipient) -> dict[int, TaskReport]:
    reports = recipient.reports.select_related("publication__channel", "reported_by")
    return {report.task_id: report for report in reports}


def overdue_q(today=None) -> Q:
    today = today or timezone.localdate()
    return Q(campaign__ends_on__lt=today) & ~Q(status=RecipientStatus.REPORTED)


def tracking_rows(campaign: Campaign) -> QuerySet[Recipient]:
    """Recipients × status with their reports (the tracking table), in a fixed number of
    queries whatever the number of recipients."""
    reports = TaskReport.objects.select_related("task", "publication__channel").order_by(
        "task__position", "task_id"
    )
    return (
        campaign.recipients.select_related("organisation", "acknowledged_by", "campaign")
        .prefetch_related(Prefetch("reports", queryset=reports))
        .order_by("organisation__name")
    )


def task_completion(campaign: Campaign) -> list[dict]:
    """Per task: how many recipients it concerns and how many reported it (two queries)."""
    by_kind = dict(
        campaign.recipients.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    everyone = sum(by_kind.values())
    rows = []
    for task in campaign.tasks.annotate(done=Count("reports")):
        concerned = everyone if task.audience == TaskAudience.ALL else by_kind.get(task.audience, 0)
        rows.append({"task": task, "concerned": concerned, "done": task.done})
    return rows


def status_counts(campaign: Campaign) -> dict[str, int]:
    counts = dict.fromkeys(RecipientStatus.values, 0)
    counts.update(
        campaign.recipients.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    counts["overdue"] = campaign.recipients.filter(overdue_q()).count()
    counts["total"] = sum(counts[s] for s in RecipientStatus.values)
    return counts


def relays_of(campaign: Campaign) -> QuerySet[Campaign]:
    """The centres' relays of this campaign, with their own recipients' progress."""
    return campaign.relays.select_related("issuer").annotate(
        recipient_count=Count("recipients", distinct=True),
        acknowledged_count=Count(
            "recipients",
            filter=Q(recipients__acknowledged_at__isnull=False),
            distinct=True,
        ),
        reported_count=Count(
            "recipients", filter=Q(recipients__status=RecipientStatus.REPORTED), distinct=True
        ),
    )


def due_for(user) -> QuerySet[Recipient]:
    """Campaigns the user's organisation still has to carry out (the home panel)."""
    return (
        received_for(user)
        .filter(campaign__status=CampaignStatus.SENT)
        .exclude(status=RecipientStatus.REPORTED)
        .annotate(done=Count("reports"))
        .order_by("campaign__ends_on", "campaign_id")
    )
