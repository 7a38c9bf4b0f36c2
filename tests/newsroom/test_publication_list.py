"""The centre's publications list: what was aired or posted, filtered, scoped, constant cost."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from newsroom.models import Publication
from tests.factories import NoticeFactory, StoryFactory

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def radio(world):
    return world.channels["radio"]


@pytest.fixture
def website(world):
    return world.channels["website"]


def publish(world, channel, when, *, story=False, agency=None, minutes=None):
    agency = agency or world.agency
    source = (
        {"story": StoryFactory(agency=agency, title=f"Tin {when:%d/%m}")}
        if story
        else {"notice": NoticeFactory(agency=agency, title=f"Sự kiện {when:%d/%m}")}
    )
    return Publication.objects.create(
        channel=channel,
        published_at=when,
        air_slot="Thời sự 19:00",
        duration_minutes=minutes,
        recorded_by=world.director,
        **source,
    )


def test_centre_staff_see_notice_and_story_publications_of_their_centre_only(
    world, client_for, radio
):
    mine = publish(world, radio, datetime(2026, 11, 20, 19, tzinfo=HCM), minutes=3)
    story = publish(world, radio, datetime(2026, 11, 21, 19, tzinfo=HCM), story=True, minutes=5)
    publish(world, radio, datetime(2026, 11, 21, 19, tzinfo=HCM), agency=world.agency_other)
    for user in (world.director, world.reporter):
        response = client_for(user).get(reverse("newsroom:publication_list"))
        assert list(response.context["page"]) == [story, mine]
        assert response.context["totals"] == {"count": 2, "minutes": 8}
    everything = client_for(world.reviewer).get(reverse("newsroom:publication_list"))
    assert everything.context["totals"]["count"] == 3
    assert client_for(world.director2).get(reverse("newsroom:publication_list")).context[
        "totals"
    ] == {"count": 1, "minutes": None}


def test_agency_staff_cannot_open_the_list(world, client_for):
    assert (
        client_for(world.agency_user).get(reverse("newsroom:publication_list")).status_code == 403
    )


def test_filters_by_channel_month_and_source(world, client_for, radio, website):
    october = publish(world, radio, datetime(2026, 10, 31, 23, 30, tzinfo=HCM))
    november = publish(world, website, datetime(2026, 11, 1, 0, 30, tzinfo=HCM), story=True)
    client = client_for(world.director)
    url = reverse("newsroom:publication_list")
    assert list(client.get(url, {"month": "2026-10"}).context["page"]) == [october]
    assert list(client.get(url, {"channel": website.pk}).context["page"]) == [november]
    assert list(client.get(url, {"source": "notice"}).context["page"]) == [october]
    assert list(client.get(url, {"source": "story", "month": "2026-10"}).context["page"]) == []


def test_a_bad_filter_is_a_message_and_the_rest_still_applies(world, client_for, radio, website):
    publish(world, radio, datetime(2026, 11, 2, 8, tzinfo=HCM))
    kept = publish(world, website, datetime(2026, 11, 3, 8, tzinfo=HCM))
    response = client_for(world.director).get(
        reverse("newsroom:publication_list"), {"month": "tháng mười", "channel": website.pk}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["month"]
    assert list(response.context["page"]) == [kept]


def test_empty_state_explains_where_publications_come_from(world, client_for):
    response = client_for(world.director).get(reverse("newsroom:publication_list"))
    assert "Chưa có bài nào được đăng phát" in response.content.decode()


@pytest.mark.parametrize("rows", [1, 8])
def test_publication_list_queries_do_not_grow_with_rows(
    world, client_for, radio, django_assert_num_queries, rows
):
    for day in range(1, rows + 1):
        publish(world, radio, datetime(2026, 11, day, 19, tzinfo=HCM), story=day % 2 == 0)
    client = client_for(world.director)
    # session, user, navbar organisation, unread count, channels (filter), page count,
    # the page's keys, its rows, totals
    with django_assert_num_queries(10):
        response = client.get(reverse("newsroom:publication_list"))
    assert len(response.context["page"]) == rows


@pytest.mark.parametrize("rows", [1, 8])
def test_reviewer_publication_list_queries_do_not_grow_with_rows(
    world, client_for, radio, django_assert_num_queries, rows
):
    for day in range(1, rows + 1):
        publish(world, radio, datetime(2026, 11, day, 19, tzinfo=HCM), story=day % 2 == 0)
    client = client_for(world.reviewer)
    # the same as the director's: the reviewer's centre-less list costs no more
    with django_assert_num_queries(10):
        response = client.get(reverse("newsroom:publication_list"))
    assert len(response.context["page"]) == rows


def test_a_publication_carries_the_centre_of_its_notice_or_story(world, radio):
    of_notice = publish(world, radio, datetime(2026, 11, 20, 19, tzinfo=HCM))
    of_story = publish(
        world, radio, datetime(2026, 11, 21, 19, tzinfo=HCM), story=True, agency=world.agency_other
    )
    assert Publication.objects.get(pk=of_notice.pk).centre_id == world.centre.pk
    assert Publication.objects.get(pk=of_story.pk).centre_id == world.centre2.pk
