"""Travel time by commune: the buffer around a job, and the time between two jobs."""

import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from newsroom.enums import OverrideKind
from newsroom.models import Assignment, TravelTime
from newsroom.services.assignments import assign_reporter
from newsroom.services.travel import set_travel_time
from tests.factories import LocalityFactory
from tests.newsroom.helpers import NOW, at, notice_at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def far(world):
    """Two communes 20 minutes from the centre each, 90 minutes from one another."""
    near = world.locality
    other = LocalityFactory(name="Xã Đăk Pne", centre=world.centre)
    set_travel_time(world.centre, origin=None, destination=near, minutes=20)
    set_travel_time(world.centre, origin=None, destination=other, minutes=20)
    set_travel_time(world.centre, origin=near, destination=other, minutes=90)
    return near, other


def test_the_buffer_is_the_travel_time_from_the_centre(world, far):
    notice = notice_at(world, at(25, 8), at(25, 10))
    assignment = assign_reporter(notice, world.reporter, by=world.director)
    assert (assignment.window_start, assignment.window_end) == (at(25, 7, 40), at(25, 10, 20))


def test_without_a_recorded_time_the_global_buffer_applies(world, settings):
    settings.ASSIGNMENT_TRAVEL_BUFFER_MINUTES = 45
    notice = notice_at(world, at(25, 8), at(25, 10))
    assignment = assign_reporter(notice, world.reporter, by=world.director)
    assert (assignment.window_start, assignment.window_end) == (at(25, 7, 15), at(25, 10, 45))


def test_two_jobs_90_minutes_apart_with_60_minutes_between_are_refused(world, far):
    near, other = far
    first = notice_at(world, at(25, 8), at(25, 10), locality=near, title="Họp dân")
    second = notice_at(world, at(25, 11), at(25, 12), locality=other, title="Lễ hội")
    assign_reporter(first, world.reporter, by=world.director)
    with pytest.raises(ValidationError) as refused:
        assign_reporter(second, world.reporter, by=world.director)
    message = refused.value.messages[0]
    assert ("Họp dân" in message, "Lễ hội" in message, "90" in message, "60" in message) == (
        True,
        True,
        True,
        True,
    )
    assert Assignment.objects.count() == 1


def test_the_time_between_communes_counts_both_ways_and_before_a_job(world, far):
    near, other = far
    later = notice_at(world, at(25, 11), at(25, 12), locality=near)
    earlier = notice_at(world, at(25, 8), at(25, 10), locality=other)
    assign_reporter(later, world.reporter, by=world.director)
    with pytest.raises(ValidationError):
        assign_reporter(earlier, world.reporter, by=world.director)


def test_with_an_override_the_second_job_is_stored_and_flagged(world, far):
    near, other = far
    first = notice_at(world, at(25, 8), at(25, 10), locality=near)
    second = notice_at(world, at(25, 11), at(25, 12), locality=other)
    assign_reporter(first, world.reporter, by=world.director)
    stored = assign_reporter(
        second, world.reporter, by=world.director, override_reason="Có xe đưa đón riêng"
    )
    assert (stored.override_kind, stored.override_reason, stored.override_by) == (
        OverrideKind.DIRECTOR,
        "Có xe đưa đón riêng",
        world.director,
    )


def test_enough_time_between_communes_is_fine(world, far):
    near, other = far
    first = notice_at(world, at(25, 8), at(25, 10), locality=near)
    second = notice_at(world, at(25, 11, 30), at(25, 12), locality=other)
    assign_reporter(first, world.reporter, by=world.director)
    assert assign_reporter(second, world.reporter, by=world.director).status == "active"


def test_setting_a_pair_again_changes_the_one_row_either_way(world, far):
    near, other = far
    set_travel_time(world.centre, origin=other, destination=near, minutes=70)
    assert list(
        TravelTime.objects.filter(origin__isnull=False).values_list("minutes", flat=True)
    ) == [70]


# --- Pages ---------------------------------------------------------------------------------


def test_the_triage_pages_show_the_travel_time(world, far, client_for):
    notice = notice_at(world, at(25, 8), at(25, 10))
    client = client_for(world.director)
    page = client.get(reverse("newsroom:notice", args=[notice.pk])).content.decode()
    assert re.search(r'data-testid="travel">\s*20 ', page)
    queue = client.get(reverse("newsroom:triage")).content.decode()
    assert re.search(r'<span data-testid="travel">\s*20 ', queue)


def test_the_director_sets_a_travel_time(world, client_for):
    client = client_for(world.director)
    response = client.post(
        reverse("newsroom:travel_times"), {"destination": world.locality.pk, "minutes": 35}
    )
    assert response.status_code == 302
    assert list(TravelTime.objects.values_list("centre", "origin", "destination", "minutes")) == [
        (world.centre.pk, None, world.locality.pk, 35)
    ]


def test_bad_travel_times_are_refused_and_nothing_changes(world, client_for):
    client = client_for(world.director)
    url = reverse("newsroom:travel_times")
    assert client.post(url, {"destination": world.locality.pk, "minutes": -5}).status_code == 400
    same = {"origin": world.locality.pk, "destination": world.locality.pk, "minutes": 5}
    assert client.post(url, same).status_code == 400
    # A commune of another centre is not a choice.
    assert client.post(url, {"destination": world.locality2.pk, "minutes": 5}).status_code == 400
    assert TravelTime.objects.count() == 0


def test_travel_page_owner_reporter_outsider(world, far, client_for):
    row = TravelTime.objects.filter(origin__isnull=True).first()
    url = reverse("newsroom:travel_time_remove", args=[row.pk])
    assert client_for(world.reporter).get(reverse("newsroom:travel_times")).status_code == 403
    assert client_for(world.reporter).post(url).status_code == 403
    assert client_for(world.director2).post(url).status_code == 404
    assert TravelTime.objects.filter(pk=row.pk).exists()
    assert client_for(world.director).post(url).status_code == 302
    assert not TravelTime.objects.filter(pk=row.pk).exists()


def test_another_centres_director_sees_none_of_its_times(world, far, client_for):
    page = client_for(world.director2).get(reverse("newsroom:travel_times")).content.decode()
    assert page.count('data-testid="travel-time"') == 0


@pytest.mark.parametrize("rows", [1, 10])
def test_travel_page_queries_do_not_grow(world, client_for, rows, django_assert_num_queries):
    for i in range(rows):
        place = LocalityFactory(centre=world.centre)
        set_travel_time(world.centre, origin=None, destination=place, minutes=10 + i)
    client = client_for(world.director)
    with django_assert_num_queries(8):
        response = client.get(reverse("newsroom:travel_times"))
    assert response.content.decode().count('data-testid="travel-time"') == rows
