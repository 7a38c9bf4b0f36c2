"""The database itself refuses double booking on PostgreSQL, even under a race."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, transaction

from newsroom.enums import AssignmentStatus, OverrideKind
from newsroom.models import Assignment
from newsroom.models.assignments import ASSIGNMENT_OVERLAP_CONSTRAINT
from newsroom.services.assignments import assign_reporter
from tests.newsroom.helpers import at, notice_at
from tests.world import build_world


def constraint_names():
    with connection.cursor() as cursor:
        return set(connection.introspection.get_constraints(cursor, "newsroom_assignment"))


@pytest.mark.django_db
def test_the_exclusion_constraint_exists_only_on_postgresql():
    present = ASSIGNMENT_OVERLAP_CONSTRAINT in constraint_names()
    assert present == (connection.vendor == "postgresql")


@pytest.mark.postgres
@pytest.mark.django_db
def test_constraint_refuses_overlap_written_past_the_service():
    world = build_world()
    first = notice_at(world, at(25, 8), at(25, 10))
    second = notice_at(world, at(25, 9), at(25, 11))
    fields = {"reporter": world.reporter, "assigned_by": world.director}
    Assignment.objects.create(notice=first, window_start=at(25, 7), window_end=at(25, 11), **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(
            notice=second, window_start=at(25, 8), window_end=at(25, 12), **fields
        )
    # Touching, cancelled and overridden rows are allowed.
    Assignment.objects.create(
        notice=second, window_start=at(25, 11), window_end=at(25, 12), **fields
    )
    Assignment.objects.create(
        notice=second,
        window_start=at(25, 8),
        window_end=at(25, 12),
        status=AssignmentStatus.CANCELLED,
        **fields,
    )
    Assignment.objects.create(
        notice=second,
        window_start=at(25, 8),
        window_end=at(25, 12),
        override_kind=OverrideKind.DIRECTOR,
        override_reason="Cùng địa điểm",
        **fields,
    )
    Assignment.objects.create(
        notice=second,
        window_start=at(25, 8),
        window_end=at(25, 12),
        override_kind=OverrideKind.MOVED_BY_AGENCY,
        **fields,
    )
    # A reason alone no longer exempts a row: the kind says why it may overlap.
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(
            notice=second,
            window_start=at(25, 8),
            window_end=at(25, 12),
            override_reason="Chỉ có lý do",
            **fields,
        )
    assert Assignment.objects.count() == 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_directors_assigning_at_once_book_the_reporter_only_once():
    world = build_world()
    first = notice_at(world, at(25, 8), at(25, 10), title="Hội nghị A")
    second = notice_at(world, at(25, 9), at(25, 11), title="Hội nghị B")
    barrier = threading.Barrier(2)
    results = {}

    def director_assigns(notice):
        try:
            barrier.wait(timeout=10)
            assign_reporter(notice, world.reporter, by=world.director)
            results[notice.title] = "ok"
        except ValidationError as exc:
            results[notice.title] = exc.messages[0]
        finally:
            connections.close_all()

    threads = [threading.Thread(target=director_assigns, args=(n,)) for n in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(results.values(), key=lambda v: v != "ok")[0] == "ok"
    assert list(results.values()).count("ok") == 1
    refused = next(v for v in results.values() if v != "ok")
    winner = Assignment.objects.get()
    assert winner.notice.title in refused  # the refusal names the assignment that won
