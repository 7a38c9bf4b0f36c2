from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class NoticeKind(models.TextChoices):
    PLANNED = "planned", _("Planned")
    URGENT = "urgent", _("Urgent")
    EMERGENCY = "emergency", _("Emergency")


class EmergencyCause(models.TextChoices):
    NATURAL_DISASTER = "disaster", _("Natural disaster")
    FIRE = "fire", _("Fire")
    OTHER = "other", _("Other pressing matter")


class Verdict(models.TextChoices):
    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late")
    AFTER_THE_FACT = "after_fact", _("After the fact")
    EXEMPT = "exempt", _("Exempt")


class NoticeStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ASSIGNED = "assigned", _("Assigned")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")
    COVERED = "covered", _("Covered")
    PUBLISHED = "published", _("Published")


class ReceivedVia(models.TextChoices):
    WEB = "web", _("Web form")
    PHONE = "phone", _("Phone call")
    LEADERS_CALENDAR = "leaders", _("Leaders' calendar")
    EMAIL = "email", _("E-mail")


class AttachmentKind(models.TextChoices):
    INVITATION = "invitation", _("Invitation")
    PRESS_RELEASE = "press_release", _("Press release")
    SPEECH = "speech", _("Speech")
    OTHER = "other", _("Other document")


class StoryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")


class StoryAction(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    CLAIMED = "claimed", _("Taken for review")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    PUBLISHED = "published", _("Publication recorded")


class NoticeAction(models.TextChoices):
    """What happens to a notice; NOTICE_TRANSITIONS in events.services.notices says from where."""

    # Labels are history lines ("Declined: <reason>"), not statuses: hence the context.
    ACCEPT = "accept", pgettext_lazy("notice action", "Accepted: reporter assigned")
    REOPEN = "reopen", pgettext_lazy("notice action", "No reporter left on it")
    DECLINE = "decline", pgettext_lazy("notice action", "Declined")
    COVER = "cover", pgettext_lazy("notice action", "Covered by")
    PUBLISH = "publish", pgettext_lazy("notice action", "Published on")
    CANCEL = "cancel", pgettext_lazy("notice action", "Cancelled")


class NoticeChangeKind(models.TextChoices):
    """A change of a notice that the people working on it must hear about."""

    RESCHEDULED = "rescheduled", _("Moved")
    RELOCATED = "relocated", _("Place changed")
    RECLASSIFIED = "reclassified", _("Kind changed")
    CANCELLED = "cancelled", _("Cancelled")


class CalendarVersionState(models.TextChoices):
    """A leaders' calendar upload: a dry run until confirmed, then the week's calendar
    until a newer version replaces it."""

    DRAFT = "draft", _("Dry run")
    APPLIED = "applied", _("Current")
    SUPERSEDED = "superseded", _("Replaced by a newer version")
