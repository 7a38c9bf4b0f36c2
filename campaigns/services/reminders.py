"""Reminders to recipients who are behind (beat, hourly): not acknowledged N days after
sending (CAMPAIGN_ACK_REMIND_AFTER_DAYS), or not reported once the end date has passed.
Each reminder goes once per recipient; the row records that it went."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from campaigns.enums import CampaignStatus, RecipientStatus
from campaigns.models import Recipient
from campaigns.services.campaigns import tell_recipient


def _open_rows():
    return Recipient.objects.filter(campaign__status=CampaignStatus.SENT).select_related(
        "campaign", "organisation"
    )


@transaction.atomic
def send_reminders(now=None) -> int:
    """Remind who is behind; returns how many organisations were reminded."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.CAMPAIGN_ACK_REMIND_AFTER_DAYS)
    reminded = 0
    not_acknowledged = _open_rows().filter(
        acknowledged_at__isnull=True, sent_at__lte=cutoff, ack_reminded_at__isnull=True
    )
    for recipient in not_acknowledged.select_for_update(of=("self",)):
        tell_recipient(recipient, "campaign_ack_reminder")
        Recipient.objects.filter(pk=recipient.pk).update(ack_reminded_at=now)
        reminded += 1
    not_reported = (
        _open_rows()
        .filter(campaign__ends_on__lt=timezone.localdate(now), report_reminded_at__isnull=True)
        .exclude(status=RecipientStatus.REPORTED)
    )
    for recipient in not_reported.select_for_update(of=("self",)):
        tell_recipient(recipient, "campaign_report_reminder")
        Recipient.objects.filter(pk=recipient.pk).update(report_reminded_at=now)
        reminded += 1
    return reminded
