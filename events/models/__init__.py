# One module per feature; import every model here so Django finds it.
from events.models.invitations import PressInvitation
from events.models.notices import Notice, NoticeAttachment, attachment_path

__all__ = ["Notice", "NoticeAttachment", "PressInvitation", "attachment_path"]
