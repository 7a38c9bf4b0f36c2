# One module per feature; import every model here so Django finds it.
from events.models.compliance import ComplianceMonth
from events.models.invitations import PressInvitation
from events.models.leaders import CalendarItem, CalendarVersion
from events.models.notices import Notice, NoticeAttachment, NoticeChange, attachment_path
from events.models.series import NoticeSeries, SeriesOccurrence
from events.models.stories import (
    Story,
    StoryAttachment,
    StoryDecision,
    StoryPhoto,
    story_attachment_path,
    story_photo_path,
    story_thumbnail_path,
)

__all__ = [
    "CalendarItem",
    "CalendarVersion",
    "ComplianceMonth",
    "Notice",
    "NoticeAttachment",
    "NoticeChange",
    "NoticeSeries",
    "PressInvitation",
    "SeriesOccurrence",
    "attachment_path",
    "Story",
    "StoryAttachment",
    "StoryDecision",
    "StoryPhoto",
    "story_attachment_path",
    "story_photo_path",
    "story_thumbnail_path",
]
