"""On PostgreSQL a handover that moves a car to new times and directors booking the car
at those times at the same moment never end with two bookings on one car."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from newsroom.enums import AssignmentStatus, BookingStatus, ResourceKind
from newsroom.models import Assignment, ResourceBooking
from newsroom.services.assignments import assign_reporter, reassign
from newsroom.services.resources import add_resource, book_alone, book_for_assignment
from newsroom.services.travel import set_travel_time
from tests.factories import ReporterFactory
from tests.newsroom.helpers import at, notice_at
from tests.world import build_world


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_handover_and_twenty_bookings_of_its_car_at_the_new_times_at_once():
    world = build_world()
    car = add_resource(world.centre, kind=ResourceKind.CAR, name="Xe 82A-001")
    job = assign_reporter(
        notice_at(world, at(25, 8), at(25, 10), title="Hội nghị"), world.reporter, by=world.director
    )
    booking = book_for_assignment(car, job, by=world.director)  # 07:00–11:00
    # The commune is now 2 hours away: handed over, the job needs the car 06:00–12:00.
    set_travel_time(world.centre, origin=None, destination=world.locality, minutes=120)
    colleague = ReporterFactory(organisation=world.centre)
    barrier = threading.Barrier(21)
    outcomes = []

    def hand_over():
        try:
            barrier.wait(timeout=30)
            reassign(job, colleague, by=world.director)
            outcomes.append("handed over")
        except ValidationError:
            outcomes.append("handover refused")
        finally:
            connections.close_all()

    def book(i):
        try:
            barrier.wait(timeout=30)
            book_alone(
                car,
                by=world.director,
                starts_at=at(25, 11),
                ends_at=at(25, 12),
                purpose=f"Việc {i}",
            )
            outcomes.append("booked")
        except ValidationError:
            outcomes.append("booking refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=hand_over)]
    threads += [threading.Thread(target=book, args=(i,)) for i in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    active = list(ResourceBooking.objects.filter(resource=car, status=BookingStatus.ACTIVE))
    for i, first in enumerate(active):
        for second in active[i + 1 :]:
            assert not (
                first.window_start < second.window_end and second.window_start < first.window_end
            )
    booking.refresh_from_db()
    job.refresh_from_db()
    if "handed over" in outcomes:  # the handover got the car first: every booking refused
        assert (outcomes.count("booked"), outcomes.count("booking refused")) == (0, 20)
        new = Assignment.objects.get(reporter=colleague)
        assert (booking.assignment_id, booking.window_start, booking.window_end) == (
            new.pk,
            at(25, 6),
            at(25, 12),
        )
    else:  # a booking got 11:00 first: the handover is refused, nothing of it is left
        assert (outcomes.count("handover refused"), outcomes.count("booked")) == (1, 1)
        assert (job.status, booking.assignment_id, booking.window_end) == (
            AssignmentStatus.ACTIVE,
            job.pk,
            at(25, 11),
        )
        assert not Assignment.objects.filter(reporter=colleague).exists()
