"""Recording a breach and keeping its 72-hour clock: reminders at 48 h and 70 h after
discovery to the administrators, the reviewers and whoever recorded it."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from portal.outbox import notify
from portal.selectors import reviewers
from privacy.models import Breach
from privacy.selectors.breaches import administrators

REMINDERS = ((timedelta(hours=70), "reminded_70_at"), (timedelta(hours=48), "reminded_48_at"))


def _may_record(user) -> None:
    if not user.has_perm("privacy.view_breaches"):
        raise PermissionDenied


@transaction.atomic
def record_breach(form, *, by) -> Breach:
    """Save the register's form (a ModelForm) as a new breach recorded by `by`."""
    _may_record(by)
    breach = form.save(commit=False)
    breach.recorded_by = by
    breach.save()
    form.save_m2m()
    return breach


@transaction.atomic
def update_breach(form, *, by) -> Breach:
    _may_record(by)
    return form.save()


def _people(breach: Breach):
    people = {u.pk: u for u in [*administrators(), *reviewers(), breach.recorded_by]}
    return list(people.values())


def send_reminders(now=None) -> int:
    """Every breach whose authority is not yet notified gets each reminder once; a late
    sweep past both marks sends the later one only."""
    now = now or timezone.now()
    sent = 0
    open_breaches = Breach.objects.filter(notified_authority_at__isnull=True).select_related(
        "recorded_by"
    )
    for breach in open_breaches:
        for after, column in REMINDERS:
            if now < breach.discovered_at + after:
                continue
            if getattr(breach, column) is None:
                stamp = {column: now}
                if column == "reminded_70_at":  # the 48 h one is not sent after it
                    stamp["reminded_48_at"] = Coalesce(F("reminded_48_at"), Value(now))
                updated = Breach.objects.filter(pk=breach.pk, **{f"{column}__isnull": True})
                if updated.update(**stamp):
                    hours = int(after.total_seconds() // 3600)
                    for person in _people(breach):
                        notify(
                            person,
                            "breach_due",
                            {"breach": breach, "hours": hours},
                            url=reverse("privacy:breach", args=[breach.pk]),
                        )
                    sent += 1
            break  # the latest mark passed decides
    return sent
