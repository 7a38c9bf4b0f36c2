"""The reporter's iCalendar feed: no login, secret token, right times, cancellations."""

from datetime import datetime

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from newsroom.services.assignments import assign_reporter, unassign
from tests.factories import ReporterFactory
from tests.newsroom.helpers import HCM, NOW, at, notice_at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def feed(client, user):
    return client.get(reverse("newsroom:calendar_feed", args=[user.calendar_token]))


def test_feed_parses_with_local_times_vtimezone_and_cancellations(client, world):
    kept = assign_reporter(
        notice_at(world, at(25, 8), at(25, 10), title="Hội nghị"), world.reporter, by=world.director
    )
    dropped = assign_reporter(
        notice_at(world, at(26, 14), at(26, 15), title="Lễ ra quân"),
        world.reporter,
        by=world.director,
    )
    unassign(dropped, by=world.director)
    response = feed(client, world.reporter)  # anonymous: the token is the key
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    zones = [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]
    assert zones == ["Asia/Ho_Chi_Minh"]
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert sorted(events) == ["Hội nghị (Viết tin)", "Lễ ra quân (Viết tin)"]
    meeting = events["Hội nghị (Viết tin)"]
    assert meeting.decoded("DTSTART") == datetime(2026, 11, 25, 8, 0, tzinfo=HCM)
    assert str(meeting["DTSTART"].params["TZID"]) == "Asia/Ho_Chi_Minh"
    assert meeting.decoded("DTEND") == datetime(2026, 11, 25, 10, 0, tzinfo=HCM)
    assert str(meeting["STATUS"]) == "TENTATIVE"
    assert str(meeting["UID"]) == f"assignment-{kept.pk}@testserver"
    assert "0912000000" in str(meeting["DESCRIPTION"])
    assert str(events["Lễ ra quân (Viết tin)"]["STATUS"]) == "CANCELLED"


def test_uid_is_stable_between_fetches(client, world):
    assign_reporter(notice_at(world, at(25, 8), at(25, 10)), world.reporter, by=world.director)
    first = Calendar.from_ical(feed(client, world.reporter).content).walk("VEVENT")[0]["UID"]
    second = Calendar.from_ical(feed(client, world.reporter).content).walk("VEVENT")[0]["UID"]
    assert first == second


def test_a_change_raises_sequence_and_last_modified_so_apps_update_their_copy(
    client, world, frozen_clock
):
    from datetime import timedelta

    from events.services.notices import update_notice
    from newsroom.services.assignments import confirm

    notice = notice_at(world, at(25, 8), at(25, 10))
    assignment = assign_reporter(notice, world.reporter, by=world.director)

    def event():
        return Calendar.from_ical(feed(client, world.reporter).content).walk("VEVENT")[0]

    first = event()
    assert (first["SEQUENCE"], first.decoded("LAST-MODIFIED")) == (0, NOW)
    frozen_clock.move_to(NOW + timedelta(minutes=10))
    update_notice(
        notice,
        by=world.agency_user,
        data={"starts_at": at(25, 9), "ends_at": at(25, 11)},
        reason="Đổi giờ",
    )
    moved = event()
    assert moved["SEQUENCE"] > first["SEQUENCE"]
    assert moved.decoded("LAST-MODIFIED") == NOW + timedelta(minutes=10)
    assert moved.decoded("DTSTART") == at(25, 9)
    frozen_clock.move_to(NOW + timedelta(minutes=20))
    confirm(assignment, by=world.reporter)
    assert event()["SEQUENCE"] > moved["SEQUENCE"]
    assert str(event()["STATUS"]) == "CONFIRMED"


def test_each_feed_shows_only_its_owner(client, world):
    colleague = ReporterFactory(username="reporter2", organisation=world.centre)
    assign_reporter(notice_at(world, at(25, 8), at(25, 10)), colleague, by=world.director)
    assert Calendar.from_ical(feed(client, world.reporter).content).walk("VEVENT") == []
    assert world.reporter.calendar_token != colleague.calendar_token
    assert len(world.reporter.calendar_token) >= 40  # 256 random bits, url-safe


def test_unknown_token_is_404(client, world):
    url = reverse("newsroom:calendar_feed", args=["khong-dung"])
    assert client.get(url).status_code == 404


def test_regenerating_the_token_retires_the_old_address(client_for, world):
    old = world.reporter.calendar_token
    client = client_for(world.reporter)
    assert client.get(reverse("newsroom:calendar_regenerate")).status_code == 405
    client.post(reverse("newsroom:calendar_regenerate"))
    world.reporter.refresh_from_db()
    assert world.reporter.calendar_token != old
    client.logout()
    assert client.get(reverse("newsroom:calendar_feed", args=[old])).status_code == 404
    assert feed(client, world.reporter).status_code == 200


def test_agency_staff_cannot_regenerate_a_calendar(client_for, world):
    response = client_for(world.agency_user).post(reverse("newsroom:calendar_regenerate"))
    assert response.status_code == 403
