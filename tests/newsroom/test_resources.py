"""Cars, cameras and kits: booked with an assignment or alone, never twice at once."""

import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.services.notices import update_notice
from newsroom.enums import BookingStatus, ResourceKind
from newsroom.models import Resource, ResourceBooking
from newsroom.selectors.resources import suggested_resources
from newsroom.services.assignments import assign_reporter, decline
from newsroom.services.resources import add_resource, book_alone, book_for_assignment
from newsroom.services.travel import set_travel_time
from tests.factories import ReporterFactory
from tests.forms import with_token
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
    notice = notice_at(world, at(25, 8), at(25, 10), title="Hội nghị", needs_camera=True)
    return assign_reporter(notice, world.reporter, by=world.director)


def test_a_booking_with_an_assignment_holds_its_window_travel_included(world, car, job):
    booking = book_for_assignment(car, job, by=world.director)
    assert (booking.window_start, booking.window_end) == (at(25, 7), at(25, 11))
    assert book_for_assignment(car, job, by=world.director) == booking  # idempotent


def test_the_travel_buffer_of_the_commune_counts(world, car):
    set_travel_time(world.centre, origin=None, destination=world.locality, minutes=30)
    notice = notice_at(world, at(25, 8), at(25, 10))
    job = assign_reporter(notice, world.reporter, by=world.director)
    booking = book_for_assignment(car, job, by=world.director)
    assert (booking.window_start, booking.window_end) == (at(25, 7, 30), at(25, 10, 30))


def test_one_car_cannot_be_booked_twice_at_once(world, car, job):
    book_for_assignment(car, job, by=world.director)
    other = ReporterFactory(organisation=world.centre)
    second = assign_reporter(
        notice_at(world, at(25, 10), at(25, 12), title="Lễ hội"), other, by=world.director
    )
    with pytest.raises(ValidationError) as refused:
        book_for_assignment(car, second, by=world.director)
    assert "Hội nghị" in refused.value.messages[0]
    assert ResourceBooking.objects.count() == 1


def test_a_blocked_period_refuses_bookings(world, car, job):
    book_alone(
        car,
        by=world.director,
        starts_at=at(25, 0),
        ends_at=at(26, 0),
        purpose="Bảo dưỡng",
        blocked=True,
    )
    with pytest.raises(ValidationError) as refused:
        book_for_assignment(car, job, by=world.director)
    assert "Bảo dưỡng" in refused.value.messages[0]


def test_a_booking_alone_needs_a_purpose_and_an_end_after_the_start(world, car):
    with pytest.raises(ValidationError):
        book_alone(car, by=world.director, starts_at=at(25, 8), ends_at=at(25, 9), purpose=" ")
    with pytest.raises(ValidationError):
        book_alone(car, by=world.director, starts_at=at(25, 9), ends_at=at(25, 8), purpose="Đi")
    assert ResourceBooking.objects.count() == 0


def test_a_declined_assignment_frees_its_resources(world, car, job):
    booking = book_for_assignment(car, job, by=world.director)
    decline(job, by=world.reporter, reason="Ốm")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_a_moved_event_moves_its_bookings(world, car, job):
    booking = book_for_assignment(car, job, by=world.director)
    update_notice(
        job.notice,
        by=world.agency_user,
        data={"starts_at": at(26, 14), "ends_at": at(26, 16)},
        reason="Đổi giờ",
    )
    booking.refresh_from_db()
    assert (booking.window_start, booking.window_end, booking.status) == (
        at(26, 13),
        at(26, 17),
        BookingStatus.ACTIVE,
    )


def test_needs_camera_suggests_a_free_camera(world, job):
    camera = add_resource(world.centre, kind=ResourceKind.CAMERA, name="Sony A7")
    add_resource(world.centre, kind=ResourceKind.LIVESTREAM, name="Bộ livestream")
    add_resource(world.centre2, kind=ResourceKind.CAMERA, name="Máy của trung tâm khác")
    assert suggested_resources(job.notice, job.window_start, job.window_end) == [camera]
    book_for_assignment(camera, job, by=world.director)
    assert suggested_resources(job.notice, job.window_start, job.window_end) == []


# --- Pages ---------------------------------------------------------------------------------


def test_the_director_books_from_the_triage_page_and_the_reporter_sees_it(
    world, car, job, client_for
):
    client = client_for(world.director)
    page = client.get(reverse("newsroom:notice", args=[job.notice_id])).content.decode()
    assert f'action="/newsroom/assignments/{job.pk}/book/"' in page
    client.post(reverse("newsroom:assignment_book", args=[job.pk]), {"resource": car.pk})
    assert ResourceBooking.objects.get().assignment == job
    phone = client_for(world.reporter).get(reverse("newsroom:my_assignments")).content.decode()
    assert "Xe 82A-001" in phone
    week = client_for(world.director).get(reverse("newsroom:week") + "?week=2026-W48")
    assert re.search(r'data-testid="week-resource">\s*Xe 82A-001', week.content.decode())


def test_booking_a_resource_of_another_centre_is_404(world, job, client_for):
    theirs = add_resource(world.centre2, kind=ResourceKind.CAR, name="Xe khác")
    client = client_for(world.director)
    url = reverse("newsroom:assignment_book", args=[job.pk])
    assert client.post(url, {"resource": theirs.pk}).status_code == 404
    alone = reverse("newsroom:resource_book", args=[theirs.pk])
    data = {"starts_at": "2026-11-25T08:00", "ends_at": "2026-11-25T09:00", "purpose": "Đi"}
    assert client.post(alone, data).status_code == 404
    assert ResourceBooking.objects.count() == 0


def test_booking_for_another_centres_assignment_is_404(world, car, job, client_for):
    url = reverse("newsroom:assignment_book", args=[job.pk])
    assert client_for(world.director2).post(url, {"resource": car.pk}).status_code == 404
    assert client_for(world.reporter).post(url, {"resource": car.pk}).status_code == 403


def test_booking_alone_and_cancelling_owner_reporter_outsider(world, car, client_for):
    url = reverse("newsroom:resource_book", args=[car.pk])
    data = {"starts_at": "2026-11-25T08:00", "ends_at": "2026-11-25T09:00", "purpose": "Đi họp"}
    assert client_for(world.reporter).post(url, data).status_code == 403
    assert client_for(world.director2).post(url, data).status_code == 404
    assert client_for(world.director).post(url, data).status_code == 302
    booking = ResourceBooking.objects.get()
    cancel = reverse("newsroom:booking_cancel", args=[booking.pk])
    assert client_for(world.director2).post(cancel).status_code == 404
    assert client_for(world.reporter).post(cancel).status_code == 403
    assert client_for(world.director).post(cancel).status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_bad_booking_input_changes_nothing(world, car, client_for):
    client = client_for(world.director)
    url = reverse("newsroom:resource_book", args=[car.pk])
    client.post(
        url, {"starts_at": "2026-11-25T09:00", "ends_at": "2026-11-25T08:00", "purpose": "x"}
    )
    client.post(url, {"starts_at": "không phải ngày", "ends_at": "", "purpose": ""})
    assert ResourceBooking.objects.count() == 0


def test_the_director_adds_a_resource_once(world, client_for):
    client = client_for(world.director)
    url = reverse("newsroom:resources")
    assert client.post(url, with_token({"kind": "camera", "name": "Sony A7"})).status_code == 302
    assert client.post(url, with_token({"kind": "camera", "name": "Sony A7"})).status_code == 400
    assert (
        client_for(world.reporter).post(url, with_token({"kind": "car", "name": "Xe"})).status_code
        == 403
    )
    assert list(Resource.objects.values_list("centre", "name")) == [(world.centre.pk, "Sony A7")]


def test_the_resources_page_shows_only_the_centres(world, car, client_for):
    add_resource(world.centre2, kind=ResourceKind.CAR, name="Xe khác")
    page = client_for(world.reporter).get(reverse("newsroom:resources")).content.decode()
    assert (page.count('data-testid="resource"'), "Xe khác" in page) == (1, False)
    assert client_for(world.agency_user).get(reverse("newsroom:resources")).status_code == 403


@pytest.mark.parametrize("rows", [1, 8])
def test_resources_page_queries_do_not_grow(world, client_for, rows, django_assert_num_queries):
    for i in range(rows):
        resource = add_resource(world.centre, kind=ResourceKind.CAMERA, name=f"Máy {i}")
        book_alone(
            resource, by=world.director, starts_at=at(25, 8), ends_at=at(25, 9), purpose="Quay"
        )
    client = client_for(world.director)
    with django_assert_num_queries(7):
        response = client.get(reverse("newsroom:resources"))
    assert response.content.decode().count('data-testid="booking"') == rows


def test_a_refused_booking_comes_back_with_what_was_typed_and_the_reason(world, car, client_for):
    url = reverse("newsroom:resource_book", args=[car.pk])
    data = {"starts_at": "2026-11-25T09:00", "ends_at": "2026-11-25T08:00", "purpose": "Đi họp xã"}
    response = client_for(world.director).post(url, data)
    assert response.status_code == 400
    assert response.context["refused_pk"] == car.pk
    assert response.context["refused_booking"].data["purpose"] == "Đi họp xã"
    assert response.context["refused_booking"].errors
    assert "Đi họp xã" in response.content.decode()
    assert ResourceBooking.objects.count() == 0
