"""The lead-time rule of seed 000, as one pure function.

lead = starts_at − received_at. Planned: on time when lead ≥ 24 h; urgent: on time
when lead ≥ 60 min (both thresholds are settings). Emergencies are exempt. A notice
received after the start is "after the fact".
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings

from events.enums import NoticeKind, Verdict


@dataclass(frozen=True)
class Judgement:
    verdict: Verdict
    lead: timedelta
    late_by: timedelta | None  # how far short of the required lead, when late

    @property
    def lead_minutes(self) -> int:
        return int(self.lead.total_seconds() // 60)

    @property
    def late_by_minutes(self) -> int | None:
        if self.late_by is None:
            return None
        return -int(-self.late_by.total_seconds() // 60)  # round up: 30 s short is 1 min late


def required_lead(kind: str) -> timedelta | None:
    if kind == NoticeKind.PLANNED:
        return timedelta(minutes=settings.LEAD_TIME_PLANNED_MINUTES)
    if kind == NoticeKind.URGENT:
        return timedelta(minutes=settings.LEAD_TIME_URGENT_MINUTES)
    return None


def judge(kind: str, starts_at: datetime, received_at: datetime) -> Judgement:
    lead = starts_at - received_at
    required = required_lead(kind)
    if required is None:
        return Judgement(Verdict.EXEMPT, lead, None)
    if received_at > starts_at:
        return Judgement(Verdict.AFTER_THE_FACT, lead, required - lead)
    if lead >= required:
        return Judgement(Verdict.ON_TIME, lead, None)
    return Judgement(Verdict.LATE, lead, required - lead)
