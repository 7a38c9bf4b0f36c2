"""The public events feed: only accepted public notices, no private field, valid ICS and
Atom, filters, conditional GET."""

from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree

import icalendar
import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from events.enums import NoticeStatus
from events.services.notices import cancel_notice, update_notice
from newsroom.services.assignments import assign_reporter
from tests.events.test_notice_views import form_data
from tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False) as traveller, translation.override("vi"):
        yield traveller


@pytest.fixture
def feed(world):
    """One accepted public notice, and the ones that must stay out of the feed."""
    world.shown = NoticeFactory(
        agency=world.agency, locality=world.locality, title="Lễ hội văn hóa", public=True
    )
    assign_reporter(world.shown, world.reporter, by=world.director)
    NoticeFactory(agency=world.agency, title="Chưa nhận", public=True)  # not yet accepted
    private = NoticeFactory(
        agency=world.agency,
        title="Họp nội bộ",
        public=False,
        starts_at=NOW + timedelta(days=5),
    )
    assign_reporter(private, world.reporter, by=world.director)
    declined = NoticeFactory(
        agency=world.agency2, title="Bị từ chối", public=True, status=NoticeStatus.DECLINED
    )
    world.covered = NoticeFactory(
        agency=world.agency2,
        title="Hội thi đã đưa tin",
        public=True,
        status=NoticeStatus.COVERED,
        locality=world.locality,
        starts_at=NOW + timedelta(days=4),
    )
    del declined
    return world


def titles(response):
    return [event.title for event in response.context["events"]]


def test_the_page_shows_only_accepted_public_notices_without_login(feed, client):
    response = client.get(reverse("events:public_events"))
    assert titles(response) == ["Lễ hội văn hóa", "Hội thi đã đưa tin"]
    assert "0912000000" not in response.text
    assert "Trần Thị Mai" not in response.text


def test_the_ics_parses_and_carries_no_private_field(feed, client):
    response = client.get("/events/public.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Lễ hội văn hóa", "Hội thi đã đưa tin"]
    assert events[0]["DTSTART"].dt == feed.shown.starts_at
    assert str(events[0]["LOCATION"]) == "Hội trường UBND, Xã Đăk Ruồng"
    assert b"0912000000" not in response.content
    assert "Trần Thị Mai".encode() not in response.content


def test_the_atom_feed_parses(feed, client):
    response = client.get(reverse("events:public_atom"))
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own output)
    assert [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")] == [
        "Lễ hội văn hóa",
        "Hội thi đã đưa tin",
    ]
    assert b"0912000000" not in response.content


def test_the_feed_filters_by_organisation_and_locality(feed, client):
    by_agency = client.get(reverse("events:public_events"), {"organisation": feed.agency2.pk})
    by_locality = client.get(reverse("events:public_events"), {"locality": feed.locality.pk})
    assert (titles(by_agency), titles(by_locality)) == (
        ["Hội thi đã đưa tin"],
        ["Lễ hội văn hóa", "Hội thi đã đưa tin"],
    )


def test_a_bad_filter_value_is_ignored_with_a_message(feed, client):
    response = client.get(reverse("events:public_events"), {"organisation": "abc"})
    assert titles(response) == ["Lễ hội văn hóa", "Hội thi đã đưa tin"]
    assert 'data-testid="filter-errors"' in response.text


def test_conditional_get_answers_304_until_something_changes(feed, client, frozen_clock):
    url = "/events/public.ics"
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    assert client.get(url, headers={"if-modified-since": modified}).status_code == 304
    frozen_clock.shift(timedelta(minutes=5))
    update_notice(
        feed.shown,
        by=feed.agency_user,
        data={
            "starts_at": feed.shown.starts_at + timedelta(hours=1),
            "ends_at": feed.shown.ends_at + timedelta(hours=1),
        },
        reason="Đổi giờ",
    )
    moved = client.get(url, headers={"if-none-match": etag})
    assert moved.status_code == 200
    event = icalendar.Calendar.from_ical(moved.content).walk("VEVENT")[0]
    assert event["DTSTART"].dt == NOW + timedelta(days=3, hours=1)


def test_a_cancelled_event_stays_marked_cancelled_and_pollers_see_it(feed, client, frozen_clock):
    url = reverse("events:public_events")
    modified = client.get(url)["Last-Modified"]
    frozen_clock.shift(timedelta(minutes=5))
    cancel_notice(feed.shown, by=feed.agency_user, reason="Hoãn")
    never_shown = NoticeFactory(agency=feed.agency, title="Chưa nhận đã hủy", public=True)
    cancel_notice(never_shown, by=feed.agency_user, reason="Thôi")

    response = client.get(url, headers={"if-modified-since": modified})
    assert (response.status_code, titles(response)) == (
        200,
        ["Lễ hội văn hóa", "Hội thi đã đưa tin"],
    )
    assert response.text.count('data-testid="event-cancelled"') == 1
    assert "Chưa nhận đã hủy" not in response.text and "Hoãn" not in response.text

    events = icalendar.Calendar.from_ical(client.get("/events/public.ics").content).walk("VEVENT")
    assert [(str(e["SUMMARY"]), str(e["STATUS"])) for e in events] == [
        ("Lễ hội văn hóa", "CANCELLED"),
        ("Hội thi đã đưa tin", "CONFIRMED"),
    ]
    atom = ElementTree.fromstring(client.get("/events/public.atom").content)  # noqa: S314
    assert [e.find(f"{ATOM}title").text for e in atom.iter(f"{ATOM}entry")] == [
        "Đã hủy: Lễ hội văn hóa",
        "Hội thi đã đưa tin",
    ]


def test_a_cancelled_event_leaves_the_feed_after_the_retention_window(feed, client, frozen_clock):
    from events.selectors.public_feed import CANCELLED_DAYS

    later = NoticeFactory(
        agency=feed.agency,
        title="Hội chợ cuối năm",
        public=True,
        starts_at=NOW + timedelta(days=60),
        ends_at=NOW + timedelta(days=60, hours=3),
    )
    assign_reporter(later, feed.reporter, by=feed.director)
    cancel_notice(later, by=feed.agency_user, reason="Hoãn")
    url = reverse("events:public_events")
    frozen_clock.shift(timedelta(days=CANCELLED_DAYS - 1))
    assert "Hội chợ cuối năm" in titles(client.get(url))
    frozen_clock.shift(timedelta(days=2))
    assert "Hội chợ cuối năm" not in titles(client.get(url))


def test_a_moved_event_carries_the_new_time_and_a_higher_sequence(feed, client, frozen_clock):
    def event():
        return icalendar.Calendar.from_ical(client.get("/events/public.ics").content).walk(
            "VEVENT"
        )[0]

    before = event()
    frozen_clock.shift(timedelta(minutes=5))
    update_notice(
        feed.shown,
        by=feed.agency_user,
        data={
            "starts_at": feed.shown.starts_at + timedelta(hours=2),
            "ends_at": feed.shown.ends_at + timedelta(hours=2),
        },
        reason="Đổi giờ",
    )
    after = event()
    assert str(after["UID"]) == str(before["UID"])
    assert after["DTSTART"].dt == before["DTSTART"].dt + timedelta(hours=2)
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert str(after["STATUS"]) == "CONFIRMED"


def test_the_agency_marks_a_notice_public_in_its_form(world, client_for):
    client = client_for(world.agency_user)
    client.post(
        reverse("events:create"), form_data(world, starts_in=timedelta(days=10), title="Riêng")
    )
    client.post(
        reverse("events:create"),
        form_data(world, starts_in=timedelta(days=10), title="Công khai", public="on"),
    )
    assert dict(world.agency.notices.values_list("title", "public")) == {
        "Riêng": False,
        "Công khai": True,
    }


@pytest.mark.parametrize("rows", [1, 8])
def test_the_feed_queries_do_not_grow_with_events(world, client, django_assert_num_queries, rows):
    NoticeFactory.create_batch(rows, agency=world.agency, public=True, status=NoticeStatus.ASSIGNED)
    # stamp, organisation and commune choices (count and rows each), events
    with django_assert_num_queries(6):
        response = client.get(reverse("events:public_events"))
    assert len(response.context["events"]) == rows
    with django_assert_num_queries(2):  # stamp, events
        first = client.get("/events/public.ics")
    with django_assert_num_queries(1):  # the same version: only the stamp, then the built body
        again = client.get("/events/public.ics")
    assert (again.status_code, again.content) == (200, first.content)
