"""A handed-over assignment takes its cars and cameras along; one that cannot follow
stops the handover until the director keeps it on its earlier times or releases it with
a message; refused triage and assignment forms come back with what was typed."""

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from events.enums import NoticeKind
from newsroom.enums import AssignmentStatus, BookingStatus, HandoverBookings, ResourceKind
from newsroom.models import Assignment, NoticeDecision, ResourceBooking
from newsroom.services.assignments import assign_reporter, mark_covered, reassign
from newsroom.services.resources import add_resource, book_alone, book_for_assignment
from newsroom.services.travel import set_travel_time
from portal.models import Notification
from tests.factories import ReporterFactory
from tests.newsroom.helpers import NOW, at, notice_at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def car(world):
    return add_resource(world.centre, kind=ResourceKind.CAR, name="Xe 82A-001")


@pytest.fixture
def job(world):
    notice = notice_at(world, at(25, 8), at(25, 10), title="Hội nghị nông thôn mới")
    return assign_reporter(notice, world.reporter, by=world.director)


@pytest.fixture
def colleague(world):
    return ReporterFactory(username="colleague", full_name="Phạm Thu Hà", organisation=world.centre)


def bodies(user, kind):
    return [n.body for n in Notification.objects.filter(recipient=user, kind=kind)]


def taken_after_move(world, car, job):
    """The car is booked for the assignment (07:00–11:00); the commune is now 2 hours
    away, so the new window is 06:00–12:00, and someone took the car at 11:00."""
    booking = book_for_assignment(car, job, by=world.director)
    set_travel_time(world.centre, origin=None, destination=world.locality, minutes=120)
    book_alone(
        car, by=world.director, starts_at=at(25, 11), ends_at=at(25, 13), purpose="Đưa khách"
    )
    return booking


def test_a_handed_over_assignment_takes_its_booking_and_both_reporters_are_told(
    world, car, job, colleague
):
    booking = book_for_assignment(car, job, by=world.director)

    new = reassign(job, colleague, by=world.director)

    booking.refresh_from_db()
    assert (booking.assignment_id, booking.status) == (new.pk, BookingStatus.ACTIVE)
    assert (booking.window_start, booking.window_end) == (at(25, 7), at(25, 11))
    [told_old] = bodies(world.reporter, "assignment_removed")
    [told_new] = bodies(colleague, "assignment_new")
    assert "Phạm Thu Hà" in told_old
    for body in (told_old, told_new):
        assert "Tài nguyên đi cùng nhiệm vụ" in body and "Xe 82A-001" in body


def test_a_booking_follows_the_new_window_when_the_car_is_free_then(world, car, job, colleague):
    booking = book_for_assignment(car, job, by=world.director)
    set_travel_time(world.centre, origin=None, destination=world.locality, minutes=120)

    new = reassign(job, colleague, by=world.director)

    booking.refresh_from_db()
    assert (booking.assignment_id, booking.window_start, booking.window_end) == (
        new.pk,
        at(25, 6),
        at(25, 12),
    )


def test_a_booking_that_cannot_follow_stops_the_handover_and_nothing_changes(
    world, car, job, colleague
):
    booking = taken_after_move(world, car, job)

    with pytest.raises(ValidationError) as refused:
        reassign(job, colleague, by=world.director)

    [message] = refused.value.messages
    assert message.startswith("Không thể chuyển Xe 82A-001 theo giờ mới")
    assert "Đưa khách" in message
    job.refresh_from_db()
    booking.refresh_from_db()
    assert (job.status, booking.assignment_id, booking.status) == (
        AssignmentStatus.ACTIVE,
        job.pk,
        BookingStatus.ACTIVE,
    )
    assert Assignment.objects.filter(reporter=colleague).count() == 0
    assert bodies(colleague, "assignment_new") == []


def test_the_director_keeps_a_booking_on_its_earlier_times(world, car, job, colleague):
    booking = taken_after_move(world, car, job)

    new = reassign(job, colleague, by=world.director, bookings=HandoverBookings.KEEP)

    booking.refresh_from_db()
    assert (booking.assignment_id, booking.status, booking.window_start, booking.window_end) == (
        new.pk,
        BookingStatus.ACTIVE,
        at(25, 7),
        at(25, 11),
    )
    [told_new] = bodies(colleague, "assignment_new")
    assert "giữ theo giờ cũ" in told_new and "Xe 82A-001" in told_new


def test_the_director_releases_a_booking_with_a_message_both_reporters_read(
    world, car, job, colleague
):
    booking = taken_after_move(world, car, job)

    reassign(
        job,
        colleague,
        by=world.director,
        bookings=HandoverBookings.DROP,
        bookings_message="Đi xe máy, xe ô tô bận",
    )

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    for body in bodies(world.reporter, "assignment_removed") + bodies(colleague, "assignment_new"):
        assert "Đã trả lại" in body and "Xe 82A-001" in body and "Đi xe máy, xe ô tô bận" in body


def test_releasing_without_a_message_is_refused(world, car, job, colleague):
    taken_after_move(world, car, job)
    with pytest.raises(ValidationError, match="Hãy viết lời nhắn"):
        reassign(job, colleague, by=world.director, bookings=HandoverBookings.DROP)
    assert ResourceBooking.objects.filter(status=BookingStatus.ACTIVE).count() == 2


# --- Refused forms come back with what was typed ---


def test_a_refused_handover_shows_the_reason_and_keeps_the_choice(
    client_for, world, car, job, colleague
):
    taken_after_move(world, car, job)

    response = client_for(world.director).post(
        reverse("newsroom:reassign", args=[job.pk]),
        {"reporter": colleague.pk, "override_reason": "Anh Tuấn ốm"},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="reassign-error"' in html and "Không thể chuyển Xe 82A-001" in html
    assert 'value="Anh Tuấn ốm"' in html
    assert f'<option value="{colleague.pk}"\n' in html or f'value="{colleague.pk}" selected' in (
        " ".join(html.split())
    )
    job.refresh_from_db()
    assert (job.status, Assignment.objects.count()) == (AssignmentStatus.ACTIVE, 1)


def test_releasing_on_the_page_without_a_message_keeps_the_choice(
    client_for, world, car, job, colleague
):
    taken_after_move(world, car, job)
    response = client_for(world.director).post(
        reverse("newsroom:reassign", args=[job.pk]),
        {"reporter": colleague.pk, "bookings": "drop", "bookings_message": " "},
    )
    assert response.status_code == 400
    html = " ".join(response.content.decode().split())
    assert "Hãy viết lời nhắn" in html and 'value="drop" selected' in html
    assert Assignment.objects.count() == 1


def test_a_refused_decline_of_a_notice_keeps_the_reason_and_the_explanation(client_for, world):
    notice = notice_at(world, at(26, 8), at(26, 10), title="Lễ phát động")
    response = client_for(world.director).post(
        reverse("newsroom:decline", args=[notice.pk]),
        {"reason": "other", "note": "Đơn vị tự viết tin " * 60},  # over 1000 characters
    )
    notice.refresh_from_db()
    assert (response.status_code, notice.status, NoticeDecision.objects.count()) == (
        400,
        "received",
        0,
    )
    html = " ".join(response.content.decode().split())
    assert "Đơn vị tự viết tin Đơn vị tự viết tin" in html
    assert 'value="other" selected' in html
    assert list(response.context["decline_form"].errors) == ["note"]


def test_a_refused_reclassification_keeps_the_reason_next_to_the_error(client_for, world, job):
    notice = job.notice
    response = client_for(world.director).post(
        reverse("newsroom:reclassify", args=[notice.pk]),
        {"kind": NoticeKind.EMERGENCY, "emergency_cause": "", "reason": "Mưa lũ bất ngờ"},
    )
    notice.refresh_from_db()
    assert (response.status_code, notice.kind) == (400, NoticeKind.PLANNED)
    assert response.context["reclassify_form"].errors == {
        "emergency_cause": ["Cho biết đó là trường hợp khẩn cấp gì."]
    }
    assert "Mưa lũ bất ngờ" in response.content.decode()


def test_keeping_both_without_a_reason_says_so_on_the_triage_page(client_for, world, job):
    response = client_for(world.director).post(
        reverse("newsroom:keep_double_booking", args=[job.pk]), {"reason": "  "}
    )
    assert response.status_code == 400
    assert response.context["keep_form"].errors == {
        "reason": ["Vui lòng ghi lý do giữ cả hai phân công."]
    }


def test_a_reporter_declining_without_a_reason_sees_the_error_under_the_assignment(
    client_for, world, job
):
    response = client_for(world.reporter).post(
        reverse("newsroom:decline_assignment", args=[job.pk]), {"reason": " "}
    )
    job.refresh_from_db()
    assert (response.status_code, job.status) == (400, AssignmentStatus.ACTIVE)
    assert 'data-testid="decline-error"' in response.content.decode()
    assert response.context["refused_pk"] == job.pk


def test_a_refused_decline_by_the_reporter_keeps_what_they_wrote(client_for, world, job):
    mark_covered(job, by=world.reporter)
    response = client_for(world.reporter).post(
        reverse("newsroom:decline_assignment", args=[job.pk]), {"reason": "Con ốm đột xuất"}
    )
    job.refresh_from_db()
    assert (response.status_code, job.status) == (400, AssignmentStatus.COVERED)
    html = response.content.decode()
    assert 'data-testid="decline-refused"' in html and "Con ốm đột xuất" in html


def test_reclassifying_from_the_triage_page_is_for_the_centre_director_only(client_for, world, job):
    url = reverse("newsroom:reclassify", args=[job.notice_id])
    data = {"kind": NoticeKind.URGENT, "reason": "Gọi điện gấp"}
    assert client_for(world.director2).post(url, data).status_code == 404
    assert client_for(world.reporter).post(url, data).status_code in (403, 404)
    assert client_for(world.agency_user).post(url, data).status_code in (403, 404)
    anonymous = Client().post(url, data)
    assert (anonymous.status_code, anonymous.url.split("?")[0]) == (302, reverse("login"))
    job.notice.refresh_from_db()
    assert job.notice.kind == NoticeKind.PLANNED
    ok = client_for(world.director).post(url, data)
    job.notice.refresh_from_db()
    assert (ok.status_code, job.notice.kind) == (302, NoticeKind.URGENT)
