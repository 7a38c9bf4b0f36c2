from django.db import models
from django.utils.translation import gettext_lazy as _


class ChannelKind(models.TextChoices):
    RADIO = "radio", _("Radio")
    WEBSITE = "website", _("Website")
    TELEVISION = "tv", _("Television")
    NEWSPAPER = "newspaper", _("Newspaper")
    SOCIAL = "social", _("Social media")


class AssignmentRole(models.TextChoices):
    WRITER = "writer", _("Writer")
    CAMERA = "camera", _("Camera")
    PHOTO = "photo", _("Photo")


class AssignmentStatus(models.TextChoices):
    ACTIVE = "active", _("Assigned")
    CONFIRMED = "confirmed", _("Confirmed")
    COVERED = "covered", _("Covered")
    CANCELLED = "cancelled", _("Cancelled")
    DECLINED = "declined", _("Declined by the reporter")


class QueuedAction(models.TextChoices):
    """What a reporter's phone may queue offline and send later."""

    CONFIRM = "confirm", _("Accept")
    DECLINE = "decline", _("Decline")
    COVERED = "covered", _("Mark covered")
    NOTE = "note", _("Save note")


class OverrideKind(models.TextChoices):
    """Why an assignment may overlap another of the same reporter (the database refuses
    an overlap for NONE only)."""

    NONE = "none", _("No overlap allowed")
    DIRECTOR = "director", _("Double-booked by the director")
    MOVED_BY_AGENCY = "agency_move", _("Overlaps since the agency moved the event")


# Statuses that hold the reporter's time: the double-booking rule applies to them.
BUSY_STATUSES = (AssignmentStatus.ACTIVE, AssignmentStatus.CONFIRMED, AssignmentStatus.COVERED)


class DeclineReason(models.TextChoices):
    SEND_STORY = "send_story", _("Please send a contributor story")
    NO_REPORTER = "no_reporter", _("No reporter is free")
    OUTSIDE_REMIT = "outside_remit", _("Outside our remit")
    TOO_LATE = "too_late", _("Received too late to cover")
    OTHER = "other", _("Other reason")


class PlanFormat(models.TextChoices):
    REPORTAGE = "reportage", _("Reportage")
    NEWS = "news", _("News")
    TALK = "talk", _("Talk")


class Period(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")


class ReminderKind(models.TextChoices):
    ASSIGNMENT_EVENING = "reminder_evening", _("Assignment tomorrow")
    ASSIGNMENT_SOON = "reminder_2h", _("Assignment in 2 hours")
    NOTICE_UNASSIGNED = "reminder_unassigned", _("Notice soon without a reporter")
    COMPLIANCE_MONTHLY = "compliance_monthly", _("Monthly lead-time compliance")


class ReminderState(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    FAILED = "failed", _("Failed")


class Assessment(models.TextChoices):
    POSITIVE = "positive", _("Positive")
    NEUTRAL = "neutral", _("Neutral")
    NEGATIVE = "negative", _("Negative")
    INACCURATE = "inaccurate", _("Inaccurate")


class ResponseStatus(models.TextChoices):
    NOT_NEEDED = "not_needed", _("No response needed")
    PENDING = "pending", _("Response awaited")
    RESPONDED = "responded", _("Responded")


class AbsenceKind(models.TextChoices):
    LEAVE = "leave", _("Leave")
    SICK = "sick", _("Sick")
    BUSINESS_TRIP = "trip", _("Business trip")
    TRAINING = "training", _("Training")
    SHIFT = "shift", _("Shift (e.g. evening shift)")


class AbsenceStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


# Absences that hold the reporter's time: nobody can be assigned over them.
BLOCKING_ABSENCE_STATUSES = (AbsenceStatus.PENDING, AbsenceStatus.APPROVED)


class BusySource(models.TextChoices):
    ASSIGNMENT = "assignment", _("Assignment")
    ABSENCE = "absence", _("Absence")


class ResourceKind(models.TextChoices):
    CAR = "car", _("Car")
    CAMERA = "camera", _("Camera")
    FLYCAM = "flycam", _("Drone / flycam")
    LIVESTREAM = "livestream", _("Livestream kit")
    RECORDER = "recorder", _("Recorder")


class BookingKind(models.TextChoices):
    BOOKING = "booking", _("Booking")
    BLOCKED = "blocked", _("Blocked (maintenance)")


class HandoverBookings(models.TextChoices):
    """What a handover does with a booking that cannot follow the assignment to its new
    window (the resource is taken at the new times)."""

    ASK = "", _("Stop and tell me")
    KEEP = "keep", _("Keep it on its earlier times")
    DROP = "drop", _("Release it (with a message)")


class BookingStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CANCELLED = "cancelled", _("Cancelled")
