"""On PostgreSQL the database itself refuses two overlapping bookings of one resource."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, transaction

from newsroom.enums import BookingKind, BookingStatus, ResourceKind
from newsroom.models import ResourceBooking
from newsroom.models.resources import RESOURCE_OVERLAP_CONSTRAINT
from newsroom.services.assignments import assign_reporter
from newsroom.services.resources import add_resource, book_for_assignment
from tests.factories import ReporterFactory
from tests.newsroom.helpers import at, notice_at
from tests.world import build_world


@pytest.mark.django_db
def test_the_resource_constraint_exists_only_on_postgresql():
    with connection.cursor() as cursor:
        names = set(connection.introspection.get_constraints(cursor, "newsroom_resourcebooking"))
    assert (RESOURCE_OVERLAP_CONSTRAINT in names) == (connection.vendor == "postgresql")


@pytest.mark.postgres
@pytest.mark.django_db
def test_constraint_refuses_an_overlapping_booking_written_past_the_service():
    world = build_world()
    car = add_resource(world.centre, kind=ResourceKind.CAR, name="Xe 82A-001")
    fields = {"resource": car, "booked_by": world.director, "purpose": "Đi họp"}
    ResourceBooking.objects.create(window_start=at(25, 8), window_end=at(25, 10), **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        ResourceBooking.objects.create(
            window_start=at(25, 9), window_end=at(25, 11), kind=BookingKind.BLOCKED, **fields
        )
    ResourceBooking.objects.create(window_start=at(25, 10), window_end=at(25, 11), **fields)
    ResourceBooking.objects.create(
        window_start=at(25, 9), window_end=at(25, 11), status=BookingStatus.CANCELLED, **fields
    )
    assert ResourceBooking.objects.count() == 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_directors_booking_one_car_at_once_book_it_once():
    world = build_world()
    car = add_resource(world.centre, kind=ResourceKind.CAR, name="Xe 82A-001")
    jobs = [
        assign_reporter(
            notice_at(world, at(25, 8), at(25, 10), title=f"Sự kiện {i}"),
            ReporterFactory(organisation=world.centre),
            by=world.director,
        )
        for i in range(50)
    ]
    barrier = threading.Barrier(50)
    outcomes = []

    def attempt(job):
        try:
            barrier.wait(timeout=30)
            book_for_assignment(car, job, by=world.director)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert (outcomes.count("ok"), outcomes.count("refused")) == (1, 49)
    assert ResourceBooking.objects.filter(status=BookingStatus.ACTIVE).count() == 1
