"""One-tap answers to an assignment: the signed link in the e-mail, and the escalation of
assignments nobody answered in time.

The link carries the assignment and its reporter, signed with the secret key and the
time it was made (django.core.signing): it expires, it is refused when tampered with or
when the assignment now belongs to someone else, and it works once, because it answers
only an assignment still waiting for its reporter (an accepted, declined or handed-over
one shows what became of it). Opening it changes nothing (mail scanners open links);
the answer is the button on the page it shows.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from events.enums import NoticeKind
from events.services.notices import centre_editors_of
from newsroom.enums import AssignmentStatus
from newsroom.models import Assignment
from newsroom.selectors.assignments import free_reporters
from portal.outbox import notify

SALT = "newsroom.assignment-answer"


def answer_token(assignment: Assignment) -> str:
    return signing.dumps({"a": assignment.pk, "r": assignment.reporter_id}, salt=SALT)


def answer_url(assignment: Assignment) -> str:
    return reverse("newsroom:assignment_answer", args=[answer_token(assignment)])


@dataclass(frozen=True)
class Answerable:
    assignment: Assignment | None
    problem: str = ""  # why the link cannot answer (shown on the page); empty when it can

    @property
    def can_answer(self) -> bool:
        return not self.problem


def read_answer_token(token: str) -> Answerable:
    """The assignment the link answers, or why it cannot (expired, tampered, not the
    reporter's any more, already answered)."""
    max_age = timedelta(hours=settings.ASSIGNMENT_ANSWER_LINK_HOURS)
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired:
        return Answerable(None, _("This link has expired. Open your assignments in the portal."))
    except signing.BadSignature:
        return Answerable(None, _("This link is not valid. Open your assignments in the portal."))
    assignment = (
        Assignment.objects.select_related("notice", "notice__locality", "reporter")
        .filter(pk=payload.get("a"), reporter_id=payload.get("r"))
        .first()
    )
    if assignment is None:
        return Answerable(None, _("This link is not valid. Open your assignments in the portal."))
    if assignment.status in (AssignmentStatus.CONFIRMED, AssignmentStatus.COVERED):
        return Answerable(assignment, _("You already accepted this assignment."))
    if assignment.status == AssignmentStatus.DECLINED:
        return Answerable(assignment, _("You already declined this assignment."))
    if assignment.status == AssignmentStatus.CANCELLED:
        return Answerable(
            assignment, _("This assignment is no longer yours: it was cancelled or handed over.")
        )
    return Answerable(assignment)


def answer_minutes(notice) -> int:
    if notice.kind in (NoticeKind.URGENT, NoticeKind.EMERGENCY):
        return settings.ASSIGNMENT_ANSWER_MINUTES_URGENT
    return settings.ASSIGNMENT_ANSWER_MINUTES


def escalate_unanswered(now=None) -> int:
    """Tell the director, once, of each assignment not accepted in time (with the next
    free reporters). The claim (escalated_at set by one UPDATE) makes a second sweep, or
    two sweeps at once, tell nobody again."""
    now = now or timezone.now()
    shortest = min(settings.ASSIGNMENT_ANSWER_MINUTES, settings.ASSIGNMENT_ANSWER_MINUTES_URGENT)
    candidates = Assignment.objects.filter(
        status=AssignmentStatus.ACTIVE,
        escalated_at__isnull=True,
        created_at__lte=now - timedelta(minutes=shortest),
        notice__ends_at__gt=now,
    ).select_related("notice", "reporter")
    told = 0
    for assignment in candidates:
        if assignment.created_at + timedelta(minutes=answer_minutes(assignment.notice)) > now:
            continue
        told += _escalate(assignment, now)
    return told


@transaction.atomic
def _escalate(assignment: Assignment, now) -> int:
    claimed = Assignment.objects.filter(
        pk=assignment.pk, status=AssignmentStatus.ACTIVE, escalated_at__isnull=True
    ).update(escalated_at=now)
    if claimed != 1:
        return 0
    suggestions = free_reporters(assignment.notice, exclude_id=assignment.reporter_id)
    for editor in centre_editors_of(assignment.notice):
        notify(
            editor,
            "assignment_unanswered",
            {
                "assignment": assignment,
                "notice": assignment.notice,
                "suggestions": suggestions,
                "minutes": answer_minutes(assignment.notice),
            },
            url=reverse("newsroom:notice", args=[assignment.notice_id]),
        )
    return 1


def refuse_unless_answerable(found: Answerable) -> Assignment:
    if not found.can_answer:
        raise ValidationError(found.problem)
    return found.assignment
