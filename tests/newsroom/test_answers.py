"""One-tap answers: accept / decline from the phone page and the signed e-mail link, and
the escalation of assignments nobody accepted in time."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.enums import NoticeKind, NoticeStatus
from newsroom.enums import AssignmentStatus
from newsroom.models import Assignment
from newsroom.services.answers import SALT, answer_token, answer_url, escalate_unanswered
from newsroom.services.assignments import (
    assign_reporter,
    confirm,
    decline,
    mark_covered,
    reassign,
    unassign,
)
from newsroom.tasks import escalate_unanswered as escalate_task
from portal.models import Notification
from tests.factories import ReporterFactory
from tests.newsroom.helpers import NOW, at, notice_at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def job(world):
    notice = notice_at(world, at(25, 8), at(25, 10), title="Hội nghị")
    return assign_reporter(notice, world.reporter, by=world.director)


def to_director(world, kind):
    return list(
        Notification.objects.filter(recipient=world.director, kind=kind).values_list(
            "title", flat=True
        )
    )


# --- Decline and accept --------------------------------------------------------------------


def test_a_decline_frees_the_reporter_reopens_the_notice_and_tells_the_director(world, job):
    free = ReporterFactory(organisation=world.centre, full_name="Lê Văn Rảnh")
    decline(job, by=world.reporter, reason="Đang ốm")
    job.refresh_from_db()
    job.notice.refresh_from_db()
    assert (job.status, job.decline_reason, job.notice.status) == (
        AssignmentStatus.DECLINED,
        "Đang ốm",
        NoticeStatus.RECEIVED,
    )
    assert job.busy_period.blocking is False
    [body] = Notification.objects.filter(
        recipient=world.director, kind="assignment_declined"
    ).values_list("body", flat=True)
    assert ("Đang ốm" in body, free.display_name in body, world.reporter.display_name) == (
        True,
        True,
        world.reporter.display_name,
    )
    assert job.history.first().history_change_reason.endswith("Đang ốm")


def test_declining_needs_a_reason(world, job, client_for):
    client = client_for(world.reporter)
    client.post(reverse("newsroom:decline_assignment", args=[job.pk]), {"reason": " "})
    job.refresh_from_db()
    assert job.status == AssignmentStatus.ACTIVE


def test_declining_from_the_phone_page_and_twice_is_once(world, job, client_for):
    client = client_for(world.reporter)
    url = reverse("newsroom:decline_assignment", args=[job.pk])
    assert client.post(url, {"reason": "Trùng lịch họp cơ quan"}).status_code == 302
    assert client.post(url, {"reason": "Trùng lịch họp cơ quan"}).status_code == 302
    assert len(to_director(world, "assignment_declined")) == 1


def test_decline_owner_colleague_outsider(world, job, client_for):
    url = reverse("newsroom:decline_assignment", args=[job.pk])
    data = {"reason": "Không đi được"}
    assert client_for(world.director2).post(url, data).status_code == 404
    assert client_for(ReporterFactory(organisation=world.centre)).post(url, data).status_code == 404
    assert client_for(world.agency_user).post(url, data).status_code == 404
    job.refresh_from_db()
    assert job.status == AssignmentStatus.ACTIVE


def test_accepting_is_in_the_history_and_tells_the_director(world, job):
    confirm(job, by=world.reporter)
    assert len(to_director(world, "assignment_accepted")) == 1
    assert job.history.first().history_user == world.reporter


# --- The signed link -----------------------------------------------------------------------


def test_the_assignment_email_carries_the_signed_link(world, job, mailoutbox):
    [body] = Notification.objects.filter(
        recipient=world.reporter, kind="assignment_new"
    ).values_list("body", flat=True)
    assert answer_url(job) in body


def test_the_link_accepts_once_without_a_password(world, job, client):
    url = answer_url(job)
    page = client.get(url)
    assert (page.status_code, 'data-testid="answer-form"' in page.content.decode()) == (200, True)
    job.refresh_from_db()
    assert job.status == AssignmentStatus.ACTIVE  # opening the link changes nothing
    assert client.post(url, {"answer": "accept"}).status_code == 200
    job.refresh_from_db()
    assert job.status == AssignmentStatus.CONFIRMED
    again = client.post(url, {"answer": "decline", "reason": "Đổi ý"})
    assert again.status_code == 410
    job.refresh_from_db()
    assert job.status == AssignmentStatus.CONFIRMED
    assert len(to_director(world, "assignment_accepted")) == 1


def test_the_link_declines_with_a_reason_only(world, job, client):
    url = answer_url(job)
    assert client.post(url, {"answer": "decline", "reason": ""}).status_code == 400
    job.refresh_from_db()
    assert job.status == AssignmentStatus.ACTIVE
    client.post(url, {"answer": "decline", "reason": "Xe hỏng"})
    job.refresh_from_db()
    assert (job.status, job.decline_reason) == (AssignmentStatus.DECLINED, "Xe hỏng")


def test_an_expired_link_changes_nothing(world, job, client, frozen_clock, settings):
    url = answer_url(job)
    frozen_clock.shift(timedelta(hours=settings.ASSIGNMENT_ANSWER_LINK_HOURS, minutes=1))
    response = client.post(url, {"answer": "accept"})
    assert response.status_code == 400
    assert 'data-testid="answer-problem"' in response.content.decode()
    job.refresh_from_db()
    assert job.status == AssignmentStatus.ACTIVE


def test_a_tampered_link_changes_nothing(world, job, client):
    token = answer_token(job)
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    response = client.post(
        reverse("newsroom:assignment_answer", args=[forged]), {"answer": "accept"}
    )
    assert response.status_code == 400
    job.refresh_from_db()
    assert job.status == AssignmentStatus.ACTIVE


def test_a_link_handed_over_to_another_reporter_no_longer_answers(world, job, client):
    url = answer_url(job)
    other = ReporterFactory(organisation=world.centre)
    new = reassign(job, other, by=world.director)
    response = client.post(url, {"answer": "accept"})
    assert response.status_code == 410
    new.refresh_from_db()
    assert new.status == AssignmentStatus.ACTIVE


def test_a_link_made_for_another_reporter_does_not_answer(world, job, client):
    other = ReporterFactory(organisation=world.centre)
    token = signing.dumps({"a": job.pk, "r": other.pk}, salt=SALT)
    response = client.post(
        reverse("newsroom:assignment_answer", args=[token]), {"answer": "accept"}
    )
    assert response.status_code == 400
    job.refresh_from_db()
    assert job.status == AssignmentStatus.ACTIVE


# --- Escalation ----------------------------------------------------------------------------


def test_not_accepted_in_time_escalates_once_with_suggestions(world, job, frozen_clock, settings):
    free = ReporterFactory(organisation=world.centre, full_name="Lê Văn Rảnh")
    frozen_clock.shift(timedelta(minutes=settings.ASSIGNMENT_ANSWER_MINUTES - 1))
    assert escalate_unanswered() == 0
    frozen_clock.shift(timedelta(minutes=1))
    assert escalate_unanswered() == 1
    assert escalate_unanswered() == 0
    [body] = Notification.objects.filter(
        recipient=world.director, kind="assignment_unanswered"
    ).values_list("body", flat=True)
    assert free.display_name in body
    assert Assignment.objects.get(pk=job.pk).escalated_at == NOW + timedelta(
        minutes=settings.ASSIGNMENT_ANSWER_MINUTES
    )


def test_accepted_in_time_nothing_is_escalated(world, job, frozen_clock, settings):
    confirm(job, by=world.reporter)
    frozen_clock.shift(timedelta(minutes=settings.ASSIGNMENT_ANSWER_MINUTES + 5))
    assert escalate_unanswered() == 0
    assert to_director(world, "assignment_unanswered") == []


def test_urgent_notices_escalate_sooner(world, frozen_clock, settings):
    notice = notice_at(world, at(23, 10), at(23, 11), kind=NoticeKind.URGENT)
    assign_reporter(notice, world.reporter, by=world.director)
    frozen_clock.shift(timedelta(minutes=settings.ASSIGNMENT_ANSWER_MINUTES_URGENT))
    assert escalate_unanswered() == 1


def test_the_beat_task_runs_the_escalation(world, job, frozen_clock, settings):
    frozen_clock.shift(timedelta(minutes=settings.ASSIGNMENT_ANSWER_MINUTES))
    assert escalate_task.delay().get() == 1
    assert "newsroom.escalate_unanswered" in {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }


def test_the_phone_page_shows_the_decline_form(world, job, client_for):
    page = client_for(world.reporter).get(reverse("newsroom:my_assignments")).content.decode()
    assert re.search(rf'action="/newsroom/assignments/{job.pk}/decline/"', page)


def test_a_declined_assignment_cannot_be_covered_and_unassigning_it_is_a_no_op(world, job):
    decline(job, by=world.reporter, reason="Ốm")
    with pytest.raises(ValidationError):
        mark_covered(job, by=world.reporter)
    assert unassign(job, by=world.director).status == AssignmentStatus.DECLINED
