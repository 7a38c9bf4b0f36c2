"""The quarterly reportage plan and its progress from publications; the demo seed."""

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from events.enums import NoticeStatus
from newsroom.models import Assignment, PlanItem, Publication
from newsroom.services.assignments import assign_reporter, mark_covered
from newsroom.services.publications import record_publication
from tests.forms import with_token
from tests.newsroom.helpers import NOW, at, notice_at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def channel(world):
    return world.channels["tv"]


def item_data(channel, **overrides):
    data = {
        "year": 2026,
        "quarter": 4,
        "topic": "Chuyển đổi số ở cơ sở",
        "format": "reportage",
        "duration_minutes": 5,
        "channel": channel.pk,
        "responsible": "Đài PT-TH tỉnh",
    }
    data.update(overrides)
    return with_token(data)


def published(world, channel):
    notice = notice_at(world, at(20, 8), at(20, 10))
    assignment = assign_reporter(notice, world.reporter, by=world.director)
    mark_covered(assignment, by=world.reporter)
    return record_publication(
        notice,
        by=world.director,
        data={"channel": channel, "published_at": at(21, 19), "air_slot": "Thời sự 19:00"},
    )


def test_director_adds_a_plan_item_and_links_a_publication(client_for, world, channel):
    client = client_for(world.director)
    response = client.post(reverse("newsroom:plan"), item_data(channel))
    assert response.status_code == 302
    item = PlanItem.objects.get()
    assert (item.centre, item.quarter, item.topic) == (world.centre, 4, "Chuyển đổi số ở cơ sở")
    page = client.get(reverse("newsroom:plan"), {"year": 2026})
    assert [(q["planned"], q["done"]) for q in page.context["quarters"]] == [
        (0, 0),
        (0, 0),
        (0, 0),
        (1, 0),
    ]
    publication = published(world, channel)
    client.post(reverse("newsroom:plan_item", args=[item.pk]), {"publication": publication.pk})
    page = client.get(reverse("newsroom:plan"), {"year": 2026})
    assert [(q["planned"], q["done"]) for q in page.context["quarters"]][3] == (1, 1)


def test_a_story_publication_fulfils_a_plan_item_too(client_for, world, channel):
    from tests.factories import StoryFactory

    item = PlanItem.objects.create(
        centre=world.centre, year=2026, quarter=4, topic="Nông thôn mới", channel=channel
    )
    story = StoryFactory(agency=world.agency, title="Xã Tân Lập làm đường")
    aired = Publication.objects.create(
        story=story, channel=channel, published_at=at(21, 19), recorded_by=world.director
    )
    client = client_for(world.director)
    page = client.get(reverse("newsroom:plan_item", args=[item.pk]))
    assert "21/11/2026 19:00 · Xã Tân Lập làm đường" in page.content.decode()
    client.post(reverse("newsroom:plan_item", args=[item.pk]), {"publication": aired.pk})
    assert list(item.publications.all()) == [aired]


def test_duplicate_topic_and_bad_quarter_are_refused(client_for, world, channel):
    client = client_for(world.director)
    client.post(reverse("newsroom:plan"), item_data(channel))
    response = client.post(reverse("newsroom:plan"), item_data(channel))
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Chủ đề này đã có trong kế hoạch của quý đó."
    ]
    response = client.post(reverse("newsroom:plan"), item_data(channel, quarter=5, topic="X"))
    assert response.status_code == 400
    assert PlanItem.objects.count() == 1


def test_plan_is_the_directors_own_centres(client_for, world, channel):
    item = PlanItem.objects.create(
        centre=world.centre, year=2026, quarter=1, topic="A", channel=channel
    )
    assert (
        client_for(world.director2).get(reverse("newsroom:plan_item", args=[item.pk])).status_code
        == 404
    )
    assert client_for(world.reporter).get(reverse("newsroom:plan")).status_code == 403
    assert client_for(world.agency_user).get(reverse("newsroom:plan")).status_code == 403


def test_another_centres_publication_cannot_be_linked(client_for, world, channel):
    item = PlanItem.objects.create(
        centre=world.centre2, year=2026, quarter=4, topic="A", channel=channel
    )
    publication = published(world, channel)
    client_for(world.director2).post(
        reverse("newsroom:plan_item", args=[item.pk]), {"publication": publication.pk}
    )
    assert item.publications.count() == 0


def test_seed_demo_loads_the_2023_plan_assignments_and_a_publication_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    notice_publications = Publication.objects.filter(notice__isnull=False)
    counts = (
        PlanItem.objects.filter(year=2023).count(),
        Assignment.objects.count(),
        notice_publications.count(),
    )
    call_command("seed_demo", verbosity=0)
    assert counts == (10, 5, 1)
    assert (
        PlanItem.objects.filter(year=2023).count(),
        Assignment.objects.count(),
        notice_publications.count(),
    ) == counts
    assert [PlanItem.objects.filter(year=2023, quarter=q).count() for q in (1, 2, 3, 4)] == [
        2,
        3,
        3,
        2,
    ]
    assert notice_publications.get().notice.status == NoticeStatus.PUBLISHED
