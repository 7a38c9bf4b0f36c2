"""On PostgreSQL the database itself keeps assignments off absences, even under a race."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, transaction

from newsroom.enums import AbsenceKind, AbsenceStatus
from newsroom.models import Absence, Assignment
from newsroom.models.availability import ABSENCE_OVERLAP_CONSTRAINT
from newsroom.services.assignments import assign_reporter
from newsroom.services.availability import record_absence
from tests.newsroom.helpers import at, notice_at
from tests.world import build_world

OVERLAPS = """
    SELECT count(*) FROM newsroom_busyperiod a JOIN newsroom_busyperiod b
      ON a.reporter_id = b.reporter_id AND a.source = 'assignment' AND b.source = 'absence'
     AND a.blocking AND b.blocking
     AND tstzrange(a.window_start, a.window_end, '[)')
         && tstzrange(b.window_start, b.window_end, '[)')
"""


@pytest.mark.django_db
def test_the_absence_constraint_exists_only_on_postgresql():
    with connection.cursor() as cursor:
        names = set(connection.introspection.get_constraints(cursor, "newsroom_busyperiod"))
    assert (ABSENCE_OVERLAP_CONSTRAINT in names) == (connection.vendor == "postgresql")


@pytest.mark.postgres
@pytest.mark.django_db
def test_constraint_refuses_an_absence_written_past_the_service():
    world = build_world()
    notice = notice_at(world, at(25, 8), at(25, 10))
    Assignment.objects.create(
        notice=notice,
        reporter=world.reporter,
        assigned_by=world.director,
        window_start=at(25, 7),
        window_end=at(25, 11),
    )
    fields = {"centre": world.centre, "reporter": world.reporter, "recorded_by": world.director}
    with pytest.raises(IntegrityError), transaction.atomic():
        Absence.objects.create(starts_at=at(25, 10), ends_at=at(25, 12), **fields)
    # Touching, rejected and cancelled absences are allowed; absences may overlap each other.
    Absence.objects.create(starts_at=at(25, 11), ends_at=at(25, 12), **fields)
    Absence.objects.create(starts_at=at(25, 11), ends_at=at(25, 13), **fields)
    Absence.objects.create(
        starts_at=at(25, 8), ends_at=at(25, 9), status=AbsenceStatus.REJECTED, **fields
    )
    Absence.objects.create(
        starts_at=at(25, 8), ends_at=at(25, 9), status=AbsenceStatus.CANCELLED, **fields
    )
    # And the other way round: an assignment over a blocking absence.
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(
            notice=notice,
            reporter=world.reporter,
            assigned_by=world.director,
            window_start=at(25, 11, 30),
            window_end=at(25, 14),
        )
    assert (Absence.objects.count(), Assignment.objects.count()) == (4, 1)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_attempts_never_store_an_assignment_over_a_leave():
    """One director records a week's leave while 49 others assign the reporter to 49
    events inside it (touching each other, so only the leave can refuse them)."""
    world = build_world()
    notices = [
        notice_at(
            world,
            at(23, 1) + timedelta(hours=3 * i),
            at(23, 2) + timedelta(hours=3 * i),
            title=f"Sự kiện {i}",
        )
        for i in range(49)
    ]
    barrier = threading.Barrier(50)
    outcomes = []

    def attempt(action):
        try:
            barrier.wait(timeout=30)
            action()
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    def leave():
        record_absence(
            world.reporter,
            by=world.director,
            kind=AbsenceKind.LEAVE,
            starts_at=at(23, 0),
            ends_at=at(30, 0),
        )

    actions = [leave] + [
        (lambda n=n: assign_reporter(n, world.reporter, by=world.director)) for n in notices
    ]
    threads = [threading.Thread(target=attempt, args=(a,)) for a in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert len(outcomes) == 50
    with connection.cursor() as cursor:
        cursor.execute(OVERLAPS)
        assert cursor.fetchone()[0] == 0
    stored = (Absence.objects.count(), Assignment.objects.count())
    # Either the leave won (no assignment) or at least one assignment won (no leave).
    assert stored == (1, 0) or (stored[0] == 0 and stored[1] >= 1)
    assert outcomes.count("ok") == stored[0] + stored[1]
