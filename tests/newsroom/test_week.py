"""The centre's week (/newsroom/week/): who sees which lanes, clashes, bad input, queries."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from events.services.notices import update_notice
from newsroom.enums import ResourceKind
from newsroom.models import Assignment
from newsroom.selectors.week import _ITEM_PROVIDERS, WeekItem, register_week_items
from newsroom.services.assignments import assign_reporter, unassign
from newsroom.services.resources import add_resource, book_alone, book_for_assignment
from tests.factories import ReporterFactory
from tests.newsroom.helpers import NOW, at, notice_at

pytestmark = pytest.mark.django_db
WEEK = reverse("newsroom:week")


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def lane_titles(grid, reporter):
    lane = next(lane for lane in grid.lanes if lane.reporter.pk == reporter.pk)
    return [[a.notice.title for a in day] for day in lane.days]


def unassigned_titles(grid):
    return [[n.title for n in day] for day in grid.unassigned_by_day]


def test_director_sees_assignments_in_lanes_and_unassigned_notices_on_top(client_for, world):
    covered = notice_at(world, at(24, 8), at(24, 10), title="Hội nghị tổng kết")
    assign_reporter(covered, world.reporter, by=world.director)
    waiting = notice_at(world, at(26, 14), at(26, 16), title="Lễ khai mạc hội thao")
    notice_at(world, at(30, 8), at(30, 9), title="Tuần sau")  # next week's Monday
    idle = ReporterFactory(username="idle", full_name="Trần Văn Rảnh", organisation=world.centre)

    response = client_for(world.director).get(WEEK)

    grid = response.context["grid"]
    assert (grid.iso, grid.previous_iso, grid.next_iso) == ("2026-W48", "2026-W47", "2026-W49")
    assert lane_titles(grid, world.reporter) == [[], ["Hội nghị tổng kết"], [], [], [], [], []]
    assert lane_titles(grid, idle) == [[]] * 7
    assert unassigned_titles(grid) == [[], [], [], ["Lễ khai mạc hội thao"], [], [], []]
    html = response.content.decode()
    assert reverse("newsroom:notice", args=[waiting.pk]) in html
    assert 'href="?week=2026-W49"' in html and 'href="?week=2026-W47"' in html
    assert 'data-testid="verdict-badge"' in html


def test_an_iso_week_parameter_opens_that_week(client_for, world):
    notice_at(world, at(30, 8), at(30, 9), title="Tuần sau")
    grid = client_for(world.director).get(WEEK, {"week": "2026-W49"}).context["grid"]
    assert (str(grid.monday), unassigned_titles(grid)[0]) == ("2026-11-30", ["Tuần sau"])


@pytest.mark.parametrize("value", ["2026-W60", "tuần 50", "2026-50", "0000-W01"])
def test_a_bad_week_is_explained_and_the_current_week_shown(client_for, world, value):
    response = client_for(world.director).get(WEEK, {"week": value})
    assert response.status_code == 200
    assert str(response.context["grid"].monday) == "2026-11-23"
    [message] = [str(m) for m in response.context["messages"]]
    assert "2026-W50" in message and value.upper() in message


def test_clashes_and_flagged_overrides_are_shown(client_for, world):
    first = notice_at(world, at(25, 8), at(25, 10), title="Hội nghị A")
    second = notice_at(world, at(25, 9), at(25, 11), title="Hội nghị B")
    moved = notice_at(world, at(27, 8), at(27, 10), title="Hội nghị C")
    fourth = notice_at(world, at(27, 14), at(27, 16), title="Hội nghị D")
    assign_reporter(first, world.reporter, by=world.director)
    assign_reporter(second, world.reporter, by=world.director, override_reason="Đi cùng xe")
    assign_reporter(moved, world.reporter, by=world.director)
    assign_reporter(fourth, world.reporter, by=world.director)
    update_notice(
        fourth,
        by=world.agency_user,
        data={"starts_at": at(27, 9), "ends_at": at(27, 11)},
        reason="Đổi giờ",
    )

    response = client_for(world.director).get(WEEK)

    grid = response.context["grid"]
    assert (grid.clashes, grid.flagged) == (4, 2)
    html = response.content.decode()
    assert html.count('data-testid="week-flagged"') == 2  # grid and day list
    assert html.count('data-testid="week-override"') == 2
    assert 'data-testid="week-warnings"' in html


def test_a_reporter_sees_only_their_own_lane_and_no_triage_lane(client_for, world):
    other = ReporterFactory(username="other", organisation=world.centre)
    mine = notice_at(world, at(24, 8), at(24, 10), title="Của tôi")
    theirs = notice_at(world, at(24, 8), at(24, 10), title="Của người khác")
    notice_at(world, at(25, 8), at(25, 10), title="Chưa phân công")
    assign_reporter(mine, world.reporter, by=world.director)
    assign_reporter(theirs, other, by=world.director)

    response = client_for(world.reporter).get(WEEK)

    grid = response.context["grid"]
    assert [lane.reporter for lane in grid.lanes] == [world.reporter]
    assert lane_titles(grid, world.reporter)[1] == ["Của tôi"]
    assert grid.shows_unassigned is False
    html = response.content.decode()
    assert "Lễ phát động" not in html and "Của người khác" not in html
    assert reverse("events:detail", args=[mine.pk]) in html


def test_agency_staff_see_only_their_agencys_notices(client_for, world):
    ours = notice_at(world, at(24, 8), at(24, 10), title="Của phòng")
    theirs = notice_at(world, at(24, 8), at(24, 10), title="Của xã", agency=world.agency2)
    notice_at(world, at(25, 8), at(25, 10), title="Phòng chưa ai nhận")
    notice_at(world, at(25, 8), at(25, 10), title="Xã chưa ai nhận", agency=world.agency2)
    assign_reporter(ours, world.reporter, by=world.director)
    other = ReporterFactory(username="other", organisation=world.centre)
    assign_reporter(theirs, other, by=world.director)

    response = client_for(world.agency_user).get(WEEK)

    grid = response.context["grid"]
    assert [lane.reporter for lane in grid.lanes] == [world.reporter]
    assert lane_titles(grid, world.reporter)[1] == ["Của phòng"]
    assert unassigned_titles(grid)[2] == ["Phòng chưa ai nhận"]
    html = response.content.decode()
    assert "Của xã" not in html and "Xã chưa ai nhận" not in html


def test_the_other_centres_director_sees_none_of_this_centre(client_for, world):
    covered = notice_at(world, at(24, 8), at(24, 10), title="Hội nghị tổng kết")
    assign_reporter(covered, world.reporter, by=world.director)
    notice_at(world, at(25, 8), at(25, 10), title="Lễ phát động")

    response = client_for(world.director2).get(WEEK)

    grid = response.context["grid"]
    assert (grid.lanes, unassigned_titles(grid)) == ([], [[]] * 7)
    html = response.content.decode()
    assert "Hội nghị tổng kết" not in html and "Lễ phát động" not in html


def test_the_reviewer_and_strangers_may_not_open_the_week(client, client_for, world):
    assert client_for(world.reviewer).get(WEEK).status_code == 403
    client.logout()
    assert client.get(WEEK).status_code == 302


def test_an_unassigned_notice_returns_to_the_top_lane(client_for, world):
    notice = notice_at(world, at(24, 8), at(24, 10), title="Hội nghị tổng kết")
    assignment = assign_reporter(notice, world.reporter, by=world.director)
    unassign(Assignment.objects.get(pk=assignment.pk), by=world.director)
    grid = client_for(world.director).get(WEEK).context["grid"]
    assert unassigned_titles(grid)[1] == ["Hội nghị tổng kết"]
    assert lane_titles(grid, world.reporter)[1] == []


def test_other_features_add_items_through_the_hook(client_for, world):
    def leaders(user, start, end):
        return [WeekItem(day=start.date() + timedelta(days=3), title="Họp giao ban UBND")]

    register_week_items(leaders)
    try:
        response = client_for(world.director).get(WEEK)
    finally:
        _ITEM_PROVIDERS.remove(leaders)
    assert [[i.title for i in d] for d in response.context["grid"].items_by_day][3] == [
        "Họp giao ban UBND"
    ]
    assert 'data-testid="week-items-lane"' in response.content.decode()


def test_the_printable_week_is_a4_landscape(client_for, world):
    notice_at(world, at(25, 8), at(25, 10), title="Chưa phân công")
    response = client_for(world.director).get(reverse("newsroom:week_print"), {"week": "2026-W48"})
    html = response.content.decode()
    assert "Chưa phân công" in html and 'data-testid="week-grid"' in html
    assert 'class="navbar' not in html
    css = response.context["grid"] and open("static/css/week.css", encoding="utf-8").read()
    assert "@page { size: A4 landscape;" in css


@pytest.mark.parametrize(("reporters", "assignments"), [(1, 5), (10, 50), (1, 50), (10, 5)])
def test_week_queries_do_not_grow_with_reporters_or_assignments(
    client_for, world, reporters, assignments, django_assert_num_queries
):
    staff = [world.reporter] + [
        ReporterFactory(username=f"r{i}", organisation=world.centre) for i in range(reporters - 1)
    ]
    for index in range(assignments):
        start = at(23 + index % 7, 7) + timedelta(minutes=10 * (index // 7))
        notice = notice_at(world, start, start + timedelta(hours=1))
        assign_reporter(notice, staff[index % reporters], by=world.director, override_reason="x")
    notice_at(world, at(26, 8), at(26, 9), title="Chưa phân công")
    client = client_for(world.director)
    # +1: django-otp loads the verified session's device; +1: the leaders' calendar lane;
    # +1: the reporters' absences; +1: the resources booked for the assignments;
    # +1: the resources booked on their own or blocked (the resources lane)
    with django_assert_num_queries(12):
        response = client.get(WEEK)
    grid = response.context["grid"]
    assert (len(grid.lanes), sum(len(d.assignments) for d in grid.days)) == (
        reporters,
        assignments,
    )


def booking_lane(grid):
    return [[(b.resource.name, b.kind, b.purpose) for b in day] for day in grid.bookings_by_day]


def test_director_sees_standalone_bookings_and_maintenance_in_the_resources_lane(client_for, world):
    car = add_resource(world.centre, kind=ResourceKind.CAR, name="Xe 82A-001")
    flycam = add_resource(world.centre, kind=ResourceKind.FLYCAM, name="Flycam DJI")
    job = assign_reporter(
        notice_at(world, at(24, 8), at(24, 10)), world.reporter, by=world.director
    )
    book_for_assignment(car, job, by=world.director)  # shown on the assignment's card
    book_alone(
        car, by=world.director, starts_at=at(25, 13), ends_at=at(25, 17), purpose="Đưa đoàn khách"
    )
    book_alone(  # Thursday evening to Saturday noon: every day it touches
        flycam,
        by=world.director,
        starts_at=at(26, 18),
        ends_at=at(28, 12),
        purpose="Thay cánh quạt",
        blocked=True,
    )
    book_alone(  # next week: not in this one
        car, by=world.director, starts_at=at(30, 8), ends_at=at(30, 9), purpose="Tuần sau"
    )

    response = client_for(world.director).get(WEEK)

    grid = response.context["grid"]
    blocked = ("Flycam DJI", "blocked", "Thay cánh quạt")
    assert booking_lane(grid) == [
        [],
        [],
        [("Xe 82A-001", "booking", "Đưa đoàn khách")],
        [blocked],
        [blocked],
        [blocked],
        [],
    ]
    html = response.content.decode()
    assert html.count('data-testid="week-resources-lane"') == 1
    assert "Bảo dưỡng" in html and "Đưa đoàn khách" in html
    # The grid's lane and the phone's list by day show the same cards.
    assert html.count('data-testid="week-booking"') == 2 * 4


def test_reporters_and_agency_staff_see_no_resources_lane(client_for, world):
    car = add_resource(world.centre, kind=ResourceKind.CAR, name="Xe 82A-001")
    book_alone(car, by=world.director, starts_at=at(25, 13), ends_at=at(25, 17), purpose="Đưa")
    for user in (world.reporter, world.agency_user):
        response = client_for(user).get(WEEK)
        grid = response.context["grid"]
        assert (grid.has_bookings, "week-resources-lane" in response.content.decode()) == (
            False,
            False,
        )


def test_a_cancelled_booking_leaves_the_resources_lane(client_for, world):
    from newsroom.services.resources import cancel_booking

    car = add_resource(world.centre, kind=ResourceKind.CAR, name="Xe 82A-001")
    booking = book_alone(
        car, by=world.director, starts_at=at(25, 13), ends_at=at(25, 17), purpose="Đưa"
    )
    cancel_booking(booking)
    assert client_for(world.director).get(WEEK).context["grid"].has_bookings is False


@pytest.mark.parametrize("bookings", [1, 12])
def test_week_queries_do_not_grow_with_standalone_bookings(
    client_for, world, bookings, django_assert_num_queries
):
    job = assign_reporter(
        notice_at(world, at(24, 8), at(24, 10)), world.reporter, by=world.director
    )
    car = add_resource(world.centre, kind=ResourceKind.CAR, name="Xe 82A-001")
    book_for_assignment(car, job, by=world.director)
    for index in range(bookings):
        resource = add_resource(world.centre, kind=ResourceKind.CAMERA, name=f"Máy quay {index}")
        book_alone(
            resource,
            by=world.director,
            starts_at=at(23 + index % 7, 8),
            ends_at=at(23 + index % 7, 9),
            purpose=f"Việc {index}",
            blocked=index % 2 == 1,
        )
    client = client_for(world.director)
    with django_assert_num_queries(12):
        response = client.get(WEEK)
    assert sum(len(day) for day in response.context["grid"].bookings_by_day) == bookings
