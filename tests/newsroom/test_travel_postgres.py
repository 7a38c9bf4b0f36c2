"""The time between two jobs in different communes is a rule no constraint can express (it
needs the travel-time table); on PostgreSQL it holds because every write to a reporter's
time first locks the reporter's row (`lock_reporter`), so fifty directors assigning one
reporter at once are checked one at a time and each sees the others' work."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from newsroom.enums import BUSY_STATUSES
from newsroom.models import Assignment
from newsroom.services.assignments import assign_reporter
from newsroom.services.travel import set_travel_time
from tests.factories import LocalityFactory
from tests.newsroom.helpers import at, notice_at
from tests.world import build_world


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_directors_sending_one_reporter_to_two_far_communes_at_once_send_them_once():
    world = build_world()
    near, other = world.locality, LocalityFactory(name="Xã Đăk Pne", centre=world.centre)
    # 10 minutes from the centre each (windows 07:50–09:10 and 09:20–10:40 do not
    # overlap, so no exclusion constraint can help), 60 minutes from one another while
    # there are only 30 between the jobs.
    set_travel_time(world.centre, origin=None, destination=near, minutes=10)
    set_travel_time(world.centre, origin=None, destination=other, minutes=10)
    set_travel_time(world.centre, origin=near, destination=other, minutes=60)
    notices = [
        notice_at(world, at(25, 8), at(25, 9), title=f"Họp {i}", locality=near)
        if i % 2 == 0
        else notice_at(world, at(25, 9, 30), at(25, 10, 30), title=f"Lễ {i}", locality=other)
        for i in range(50)
    ]
    barrier = threading.Barrier(50)
    outcomes = []

    def attempt(notice):
        try:
            barrier.wait(timeout=30)
            assign_reporter(notice, world.reporter, by=world.director)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(notice,)) for notice in notices]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert (outcomes.count("ok"), outcomes.count("refused")) == (1, 49)
    assert Assignment.objects.filter(reporter=world.reporter, status__in=BUSY_STATUSES).count() == 1
