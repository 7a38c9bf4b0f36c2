# One module per feature; import every model here so Django finds it.
from newsroom.models.assignments import Assignment
from newsroom.models.plan import PlanItem
from newsroom.models.publications import Channel, Publication
from newsroom.models.triage import NoticeDecision

__all__ = ["Assignment", "Channel", "NoticeDecision", "PlanItem", "Publication"]
