"""Each centre keeps its own publication channels; its director adds, renames and retires
them, and every form that picks a channel offers only the centre's active ones."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from events.enums import NoticeStatus, StoryStatus
from newsroom.models import Channel, PlanItem, Publication
from newsroom.services.assignments import assign_reporter, mark_covered
from newsroom.services.channels import add_channel, set_channel_active
from newsroom.services.publications import record_publication
from newsroom.services.reports import build_data
from portal.idempotency import FIELD
from tests.factories import ChannelFactory, NoticeFactory, StoryFactory
from tests.forms import with_token
from tests.newsroom.helpers import NOW, at, notice_at

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
LIST = "newsroom:channels"
NOT_OURS = "Hãy chọn một trong các kênh đang dùng của trung tâm."


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def foreign(world):
    """A channel of the other centre."""
    return ChannelFactory(centre=world.centre2, name="Fanpage Đắk Hà", kind="social")


def published(world, channel, when=None, **kwargs):
    notice = NoticeFactory(agency=world.agency, status=NoticeStatus.PUBLISHED, **kwargs)
    return Publication.objects.create(
        notice=notice,
        channel=channel,
        published_at=when or NOW - timedelta(days=1),
        air_slot="Thời sự 19:00",
        recorded_by=world.director,
    )


def covered_notice(world):
    notice = notice_at(world, at(22, 8), at(22, 10))
    mark_covered(assign_reporter(notice, world.reporter, by=world.director), by=world.reporter)
    return notice


# --- The model ----------------------------------------------------------------------------


def test_two_centres_may_have_a_channel_of_the_same_name(world):
    mine = add_channel(world.centre, name="Zalo OA", kind="social")
    theirs = add_channel(world.centre2, name="Zalo OA", kind="social")
    assert (mine.centre, theirs.centre, mine.name == theirs.name) == (
        world.centre,
        world.centre2,
        True,
    )


def test_one_centre_cannot_have_two_channels_named_alike_whatever_the_case(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Channel.objects.create(centre=world.centre, name="FANPAGE", kind="social")
    with pytest.raises(ValidationError) as refused:
        add_channel(world.centre, name="fanpage", kind="social")
    assert refused.value.messages == ["Trung tâm đã có kênh tên “fanpage”."]


def test_a_new_channel_goes_to_the_end_of_the_list(world):
    channel = add_channel(world.centre, name="Zalo OA", kind="social")
    assert channel.position == 5
    assert list(Channel.objects.filter(centre=world.centre).values_list("name", flat=True))[-1] == (
        "Zalo OA"
    )


# --- The director's pages -----------------------------------------------------------------


def test_the_list_shows_the_centres_channels_with_how_often_they_are_used(world, client_for):
    published(world, world.channels["radio"])
    published(world, world.channels["radio"])
    ChannelFactory(centre=world.centre2, name="Kênh của Đắk Hà")
    response = client_for(world.director).get(reverse(LIST))
    counts = {c.name: c.publication_count for c in response.context["channels"]}
    assert counts == {
        "Đài truyền thanh Trung tâm (FM)": 2,
        "Trang thông tin điện tử Trung tâm": 0,
        "Báo và Phát thanh, Truyền hình Quảng Ngãi": 0,
        "Fanpage": 0,
    }
    page = response.content.decode()
    assert ("table-cards" in page, "Kênh của Đắk Hà" in page) == (True, False)


def test_a_centre_without_channels_sees_the_empty_state(world, client_for):
    page = client_for(world.director2).get(reverse(LIST)).content.decode()
    assert ('data-testid="no-channels"' in page, 'data-testid="channel"' in page) == (True, False)


def test_the_directors_menu_links_to_the_channels(world, client_for):
    page = client_for(world.director).get(reverse("newsroom:triage")).content.decode()
    assert reverse(LIST) in page
    page = client_for(world.reporter).get(reverse("newsroom:my_assignments")).content.decode()
    assert reverse(LIST) not in page


@pytest.mark.parametrize("rows", [1, 8])
def test_channel_list_queries_do_not_grow(world, client_for, rows, django_assert_num_queries):
    Channel.objects.filter(centre=world.centre).delete()
    for i in range(rows):
        channel = ChannelFactory(centre=world.centre, name=f"Kênh {i}")
        published(world, channel)
        PlanItem.objects.create(
            centre=world.centre, year=2026, quarter=4, topic=f"Chủ đề {i}", channel=channel
        )
    client = client_for(world.director)
    with django_assert_num_queries(6):
        response = client.get(reverse(LIST))
    assert response.content.decode().count('data-testid="channel"') == rows


def test_the_director_adds_a_channel(world, client_for):
    response = client_for(world.director).post(
        reverse(LIST), with_token(name="  Cổng TTĐT   xã Đăk Ruồng ", kind="website", position="")
    )
    assert response.status_code == 302
    channel = Channel.objects.get(centre=world.centre, name="Cổng TTĐT xã Đăk Ruồng")
    assert (channel.kind, channel.is_active) == ("website", True)
    page = client_for(world.director).get(response.url).content.decode()
    assert "Đã thêm kênh “Cổng TTĐT xã Đăk Ruồng”." in page


def test_a_duplicate_name_is_refused_and_what_was_typed_is_kept(world, client_for):
    response = client_for(world.director).post(
        reverse(LIST), with_token(name="fanpage", kind="social", position="9")
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"name": ["Trung tâm đã có kênh tên “fanpage”."]}
    page = response.content.decode()
    assert ('value="fanpage"' in page, 'value="9"' in page) == (True, True)
    assert Channel.objects.filter(centre=world.centre).count() == 4


def test_sending_the_add_form_twice_creates_one_channel(world, client_for):
    client = client_for(world.director)
    data = with_token(name="Zalo OA", kind="social", position="")
    first = client.post(reverse(LIST), data)
    second = client.post(reverse(LIST), data)
    assert (first.status_code, second.status_code, second.url) == (302, 302, first.url)
    assert Channel.objects.filter(centre=world.centre, name="Zalo OA").count() == 1
    assert data[FIELD]


def test_the_director_renames_a_channel_and_a_clash_keeps_the_typed_name(world, client_for):
    channel = world.channels["website"]
    url = reverse("newsroom:channel_edit", args=[channel.pk])
    client = client_for(world.director)
    refused = client.post(url, {"name": "FANPAGE", "kind": "website", "position": "2"})
    assert refused.status_code == 400
    assert 'value="FANPAGE"' in refused.content.decode()
    channel.refresh_from_db()
    assert channel.name == "Trang thông tin điện tử Trung tâm"
    saved = client.post(url, {"name": "Cổng thông tin Trung tâm", "kind": "website"})
    assert saved.status_code == 302
    channel.refresh_from_db()
    assert (channel.name, channel.position) == ("Cổng thông tin Trung tâm", 2)


def test_retire_and_reactivate_with_confirmation_twice_is_a_no_op(world, client_for):
    channel = world.channels["tv"]
    client = client_for(world.director)
    retire = reverse("newsroom:channel_retire", args=[channel.pk])
    page = client.post(retire, follow=True).content.decode()
    assert "không còn được đưa vào danh sách chọn" in page
    assert "đã ngừng dùng từ trước" in client.post(retire, follow=True).content.decode()
    channel.refresh_from_db()
    assert channel.is_active is False
    page = client.post(
        reverse("newsroom:channel_reactivate", args=[channel.pk]), follow=True
    ).content.decode()
    assert "được dùng lại" in page
    channel.refresh_from_db()
    assert channel.is_active is True


def test_a_channel_in_use_cannot_be_removed_only_retired(world, client_for):
    used, unused = world.channels["radio"], world.channels["social"]
    published(world, used)
    client = client_for(world.director)
    page = client.post(
        reverse("newsroom:channel_remove", args=[used.pk]), follow=True
    ).content.decode()
    assert "hãy ngừng dùng kênh này" in page
    assert client.post(reverse("newsroom:channel_remove", args=[unused.pk])).status_code == 302
    assert set(Channel.objects.filter(centre=world.centre).values_list("pk", flat=True)) == {
        used.pk,
        world.channels["website"].pk,
        world.channels["tv"].pk,
    }


def test_channel_pages_owner_reporter_outsider_anonymous(world, client, client_for):
    channel = world.channels["radio"]
    edit = reverse("newsroom:channel_edit", args=[channel.pk])
    retire = reverse("newsroom:channel_retire", args=[channel.pk])
    remove = reverse("newsroom:channel_remove", args=[channel.pk])
    anonymous = [client.get(reverse(LIST)), client.get(edit), client.post(retire)]
    assert all(r.status_code == 302 and "/login/" in r.url for r in anonymous)
    assert client_for(world.director2).get(edit).status_code == 404
    assert client_for(world.director2).post(retire).status_code == 404
    assert client_for(world.director2).post(remove).status_code == 404
    assert client_for(world.reporter).get(reverse(LIST)).status_code == 403
    assert client_for(world.reporter).get(edit).status_code == 404
    assert client_for(world.reporter).post(retire).status_code == 404
    assert client_for(world.agency_user).get(reverse(LIST)).status_code == 403
    assert client_for(world.reviewer).get(reverse(LIST)).status_code == 403
    channel.refresh_from_db()
    assert channel.is_active is True
    assert client_for(world.director).get(edit).status_code == 200


# --- Choosing a channel elsewhere ---------------------------------------------------------


def test_recording_a_publication_offers_only_the_centres_active_channels(world, client_for):
    foreign = ChannelFactory(centre=world.centre2, name="Zalo Đắk Hà")
    set_channel_active(world.channels["social"], False)
    notice = covered_notice(world)
    response = client_for(world.director).get(reverse("newsroom:notice", args=[notice.pk]))
    offered = list(response.context["publication_form"].fields["channel"].queryset)
    assert offered == [world.channels["radio"], world.channels["website"], world.channels["tv"]]
    assert foreign not in offered


def test_another_centres_channel_posted_for_a_publication_is_a_form_error(
    world, client_for, foreign
):
    notice = covered_notice(world)
    data = {"channel": foreign.pk, "published_at": "22/11/2026 19:00", "air_slot": "Thời sự"}
    response = client_for(world.director).post(
        reverse("newsroom:publish", args=[notice.pk]), with_token(data)
    )
    assert response.status_code == 400
    assert response.context["publication_form"].errors["channel"] == [NOT_OURS]
    assert Publication.objects.count() == 0


def test_a_retired_channel_posted_for_a_publication_is_a_form_error(world, client_for):
    retired = world.channels["tv"]
    set_channel_active(retired, False)
    notice = covered_notice(world)
    data = {"channel": retired.pk, "published_at": "22/11/2026 19:00", "air_slot": "Thời sự"}
    response = client_for(world.director).post(
        reverse("newsroom:publish", args=[notice.pk]), with_token(data)
    )
    assert response.context["publication_form"].errors["channel"] == [NOT_OURS]
    assert Publication.objects.count() == 0


def test_another_centres_channel_posted_for_a_story_publication_is_a_form_error(
    world, client_for, foreign
):
    story = StoryFactory(agency=world.agency, status=StoryStatus.APPROVED)
    url = reverse("newsroom:story_publication_new", args=[story.pk])
    client = client_for(world.director)
    offered = list(client.get(url).context["form"].fields["channel"].queryset)
    assert offered == list(Channel.objects.filter(centre=world.centre).order_by("position"))
    data = {"channel": foreign.pk, "published_at": "2026-11-22T17:00", "air_slot": "Thời sự"}
    response = client.post(url, with_token(data))
    assert response.status_code == 200
    assert response.context["form"].errors["channel"] == [NOT_OURS]
    assert Publication.objects.count() == 0


def test_another_centres_channel_posted_for_a_plan_item_is_a_form_error(world, client_for, foreign):
    data = {
        "year": 2026,
        "quarter": 4,
        "topic": "Chuyển đổi số",
        "format": "reportage",
        "duration_minutes": 5,
        "channel": foreign.pk,
    }
    response = client_for(world.director).post(reverse("newsroom:plan"), with_token(data))
    assert response.status_code == 400
    assert response.context["form"].errors["channel"] == [NOT_OURS]
    assert PlanItem.objects.count() == 0


def test_the_service_refuses_another_centres_channel_too(world, foreign):
    notice = covered_notice(world)
    data = {"channel": foreign, "published_at": NOW, "air_slot": "Thời sự"}
    with pytest.raises(ValidationError):
        record_publication(notice, by=world.director, data=data)
    assert Publication.objects.count() == 0


def test_the_publication_filter_offers_the_centres_channels_retired_ones_too(world, client_for):
    ChannelFactory(centre=world.centre2, name="Kênh Đắk Hà")
    set_channel_active(world.channels["tv"], False)
    form = client_for(world.director).get(reverse("newsroom:publication_list")).context["form"]
    labels = [label for value, label in form.fields["channel"].choices if value]
    assert labels == [
        "Đài truyền thanh Trung tâm (FM)",
        "Trang thông tin điện tử Trung tâm",
        "Báo và Phát thanh, Truyền hình Quảng Ngãi (ngừng dùng)",
        "Fanpage",
    ]


# --- History ------------------------------------------------------------------------------


def test_a_retired_channel_still_counts_in_the_weekly_report_and_its_link(world, client_for):
    radio = world.channels["radio"]
    mine = published(world, radio, when=datetime(2026, 11, 17, 19, tzinfo=HCM))
    set_channel_active(radio, False)
    data = build_data(world.centre, date(2026, 11, 16), date(2026, 11, 22))
    assert data["publications"] == [
        {"channel": "Đài truyền thanh Trung tâm (FM)", "channel_id": radio.pk, "count": 1}
    ]
    listed = client_for(world.director).get(
        reverse("newsroom:publication_list"), {"channel": radio.pk}
    )
    assert list(listed.context["page"]) == [mine]
    mine.refresh_from_db()
    assert mine.channel.name == "Đài truyền thanh Trung tâm (FM)"


def test_seed_demo_gives_each_centre_its_2026_channels(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    active = Channel.objects.filter(is_active=True)
    names = {}
    for channel in active.select_related("centre"):
        names.setdefault(channel.centre.short_name, set()).add(channel.name)
    assert names == {
        "TT VH-TT-TT khu vực Kon Rẫy": {
            "Trang thông tin điện tử Trung tâm",
            "Đài truyền thanh Trung tâm (FM)",
            "Fanpage",
            "Zalo OA",
            "Báo và Phát thanh, Truyền hình Quảng Ngãi",
            "Cổng TTĐT xã Đăk Ruồng",
        },
        "TT VH-TT-TT khu vực Đắk Hà": {
            "Trang thông tin điện tử Trung tâm",
            "Đài truyền thanh Trung tâm (FM)",
            "Fanpage",
            "Zalo OA",
            "Báo và Phát thanh, Truyền hình Quảng Ngãi",
        },
    }
    assert not Channel.objects.filter(name__icontains="huyện", is_active=True).exists()
    assert all(p.channel.centre_id == p.centre_id for p in Publication.objects.all())
