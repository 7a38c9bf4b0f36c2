"""The calendar feed rings at the portal's reminder times and lists the booked resources."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from newsroom.enums import ResourceKind
from newsroom.services.assignments import assign_reporter, decline
from newsroom.services.reminders import EVENING_HOUR, SOON_BEFORE
from newsroom.services.resources import add_resource, book_for_assignment
from tests.newsroom.helpers import HCM, NOW, at, notice_at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def events_of(client, user) -> dict:
    response = client.get(reverse("newsroom:calendar_feed", args=[user.calendar_token]))
    return {str(e["SUMMARY"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


def test_each_open_assignment_has_alarms_at_the_reminder_times(client, world):
    assign_reporter(
        notice_at(world, at(25, 8), at(25, 10), title="Hội nghị"), world.reporter, by=world.director
    )
    [event] = events_of(client, world.reporter).values()
    triggers = sorted(alarm.decoded("TRIGGER") for alarm in event.walk("VALARM"))
    assert triggers == [
        datetime(2026, 11, 24, EVENING_HOUR, 0, tzinfo=HCM),
        at(25, 8) - SOON_BEFORE,
    ]
    assert {str(alarm["ACTION"]) for alarm in event.walk("VALARM")} == {"DISPLAY"}


def test_a_declined_assignment_rings_no_more_and_shows_cancelled(client, world):
    job = assign_reporter(
        notice_at(world, at(25, 8), at(25, 10), title="Hội nghị"), world.reporter, by=world.director
    )
    decline(job, by=world.reporter, reason="Ốm")
    [event] = events_of(client, world.reporter).values()
    assert (str(event["STATUS"]), event.walk("VALARM")) == ("CANCELLED", [])


def test_the_feed_lists_the_resources_booked(client, world):
    job = assign_reporter(
        notice_at(world, at(25, 8), at(25, 10), title="Hội nghị"), world.reporter, by=world.director
    )
    car = add_resource(world.centre, kind=ResourceKind.CAR, name="Xe 82A-001")
    book_for_assignment(car, job, by=world.director)
    [event] = events_of(client, world.reporter).values()
    assert "Xe 82A-001" in str(event["DESCRIPTION"])


def test_a_reminder_already_past_when_assigned_has_no_alarm(client, world):
    # Assigned at 08:00 on 23/11 for 09:30 the same day: only the 2-hour one would be
    # due, and it is already past too.
    assign_reporter(
        notice_at(world, NOW + timedelta(minutes=90), NOW + timedelta(hours=3)),
        world.reporter,
        by=world.director,
    )
    [event] = events_of(client, world.reporter).values()
    assert event.walk("VALARM") == []
