"""The nightly retention task (portal.retention) purges personal data too."""

from django.dispatch import receiver

from portal.signals import prune_old_rows
from privacy.services import retention


@receiver(prune_old_rows, dispatch_uid="privacy.retention.purge")
def purge_personal_data(sender, now, **kwargs):
    return {f"privacy_{kind}": count for kind, count in retention.purge(now).items()}
