# One module per feature; import every model here so Django finds it.
from newsroom.models.publications import Channel, Publication  # noqa: I001 - first: others use it
from newsroom.models.assignments import Assignment
from newsroom.models.availability import Absence, BusyPeriod
from newsroom.models.letters import AgencyLetter
from newsroom.models.monitoring import MonitoringItem
from newsroom.models.plan import PlanItem
from newsroom.models.reminders import Reminder
from newsroom.models.reports import ReportSettings, WeeklyReport
from newsroom.models.resources import Resource, ResourceBooking
from newsroom.models.travel import TravelTime
from newsroom.models.triage import NoticeDecision

__all__ = [
    "Absence",
    "BusyPeriod",
    "AgencyLetter",
    "Assignment",
    "Channel",
    "MonitoringItem",
    "NoticeDecision",
    "PlanItem",
    "Publication",
    "Reminder",
    "ReportSettings",
    "Resource",
    "ResourceBooking",
    "TravelTime",
    "WeeklyReport",
]
