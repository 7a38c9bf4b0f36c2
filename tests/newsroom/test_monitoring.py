"""Press monitoring: the centre logs items, the responsible agency is told and answers."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from newsroom.enums import Assessment, ResponseStatus
from newsroom.models import MonitoringItem
from tests.forms import with_token

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=HCM)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def make_item(world, agency=None, centre=None, **kw):
    data = {
        "centre": centre or world.centre,
        "outlet": "Báo Kon Tum",
        "published_on": date(2026, 11, 24),
        "title": "Phản ánh đường liên xã",
        "assessment": Assessment.NEGATIVE,
        "responsible_agency": agency,
        "created_by": world.director,
    }
    data.update(kw)
    return MonitoringItem.objects.create(**data)


def form_data(world, **overrides):
    data = {
        "outlet": "Báo Kon Tum",
        "url": "https://baokontum.vn/bai-1",
        "published_on": "2026-11-25",
        "title": "Phản ánh chợ xã xuống cấp",
        "summary": "Bài viết phản ánh chợ xã.",
        "assessment": Assessment.INACCURATE,
        "responsible_agency": world.agency.pk,
        "response_due": "2026-11-28",
    }
    data.update(overrides)
    return with_token(data)


def test_logging_an_item_tells_the_responsible_agency(
    world, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.reporter).post(
            reverse("newsroom:monitoring_create"), form_data(world)
        )
    item = MonitoringItem.objects.get()
    assert response.url == reverse("newsroom:monitoring_detail", args=[item.pk])
    assert (item.centre, item.response_status) == (world.centre, ResponseStatus.PENDING)
    assert [m.to for m in mail.outbox] == [[world.agency_user.email]]
    assert mail.outbox[0].subject == "Tin báo chí cần phản hồi: Phản ánh chợ xã xuống cấp"
    assert "Đề nghị phản hồi trước ngày 28/11/2026." in mail.outbox[0].body


def test_a_due_date_without_an_agency_is_refused_and_nothing_stored(world, client_for):
    response = client_for(world.director).post(
        reverse("newsroom:monitoring_create"), form_data(world, responsible_agency="")
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "responsible_agency": ["Hãy chọn cơ quan, đơn vị phải phản hồi trước thời hạn này."]
    }
    assert MonitoringItem.objects.count() == 0


def test_agencies_see_only_their_own_items(world, client_for):
    own = make_item(world, world.agency)
    make_item(world, world.agency2)
    make_item(world, None)
    page = client_for(world.agency_user).get(reverse("newsroom:monitoring_list")).context["page"]
    assert list(page) == [own]


def test_item_access_owner_colleague_outsider(world, client_for):
    item = make_item(
        world, world.agency, response_due=date(2026, 11, 30), response_status=ResponseStatus.PENDING
    )
    url = reverse("newsroom:monitoring_detail", args=[item.pk])
    statuses = {
        u.username: client_for(u).get(url).status_code
        for u in (
            world.agency_user,
            world.agency2_user,
            world.reporter,
            world.director2,
            world.reviewer,
        )
    }
    assert statuses == {
        "agency": 200,
        "agency2": 404,
        "reporter": 200,
        "director2": 404,
        "reviewer": 200,
    }


def test_agency_records_its_response_once(world, client_for):
    item = make_item(
        world, world.agency, response_due=date(2026, 11, 30), response_status=ResponseStatus.PENDING
    )
    url = reverse("newsroom:monitoring_respond", args=[item.pk])
    assert client_for(world.agency2_user).post(url, {"text": "x"}).status_code == 404
    assert client_for(world.reporter).post(url, {"text": "x"}).status_code == 403
    client = client_for(world.agency_user)
    assert client.post(url, {"text": ""}).status_code == 400
    assert client.post(url, {"text": "Đã có văn bản phản hồi."}).status_code == 302
    assert client.post(url, {"text": "Lần hai"}).status_code == 302
    item.refresh_from_db()
    assert (item.response_status, item.response_text) == (
        ResponseStatus.RESPONDED,
        "Đã có văn bản phản hồi.",
    )


def test_overdue_responses_stand_out(world, client_for):
    late = make_item(
        world, world.agency, response_due=date(2026, 11, 25), response_status=ResponseStatus.PENDING
    )
    make_item(
        world, world.agency, response_due=date(2026, 11, 27), response_status=ResponseStatus.PENDING
    )
    client = client_for(world.director)
    page = client.get(reverse("newsroom:monitoring_list") + "?overdue=1").context["page"]
    assert list(page) == [late]
    html = client.get(reverse("newsroom:monitoring_list")).content.decode()
    assert html.count('data-testid="overdue"') == 1


def test_only_centre_staff_log_items(world, client_for):
    assert (
        client_for(world.agency_user).get(reverse("newsroom:monitoring_create")).status_code == 403
    )
    assert client_for(world.reviewer).get(reverse("newsroom:monitoring_create")).status_code == 403


@pytest.mark.parametrize("count", [1, 6])
def test_monitoring_list_query_count_is_constant(
    world, client_for, count, django_assert_num_queries
):
    for _n in range(count):
        make_item(world, world.agency)
    client = client_for(world.director)
    with django_assert_num_queries(7):
        response = client.get(reverse("newsroom:monitoring_list"))
    assert len(response.context["page"]) == count


def test_centre_staff_correct_an_item_and_a_newly_responsible_agency_is_told(
    world, client_for, django_capture_on_commit_callbacks
):
    item = make_item(world, world.agency, response_due=date(2026, 11, 30))
    url = reverse("newsroom:monitoring_edit", args=[item.pk])
    client = client_for(world.reporter)
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            form_data(
                world, title="Phản ánh chợ xã (đính chính)", responsible_agency=world.agency2.pk
            ),
        )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.responsible_agency) == ("Phản ánh chợ xã (đính chính)", world.agency2)
    assert item.response_status == ResponseStatus.PENDING
    assert [m.to for m in mail.outbox] == [[world.agency2_user.email]]


def test_editing_keeps_an_answer_already_given_and_bad_input_changes_nothing(world, client_for):
    item = make_item(
        world,
        world.agency,
        response_due=date(2026, 11, 30),
        response_status=ResponseStatus.RESPONDED,
        response_text="Đã trả lời.",
    )
    url = reverse("newsroom:monitoring_edit", args=[item.pk])
    client = client_for(world.director)
    refused = client.post(url, form_data(world, response_due="2026-11-01"))
    assert refused.status_code == 200
    assert "Hạn phản hồi không thể trước ngày đăng tin." in refused.content.decode()
    item.refresh_from_db()
    assert item.title == "Phản ánh đường liên xã"
    client.post(url, form_data(world, summary="Tóm tắt mới"))
    item.refresh_from_db()
    assert (item.summary, item.response_status, item.response_text) == (
        "Tóm tắt mới",
        ResponseStatus.RESPONDED,
        "Đã trả lời.",
    )


def test_only_the_items_centre_edits_it(world, client_for):
    item = make_item(world, world.agency)
    url = reverse("newsroom:monitoring_edit", args=[item.pk])
    assert client_for(world.director2).get(url).status_code == 404
    assert client_for(world.agency2_user).get(url).status_code == 404
    assert client_for(world.agency_user).get(url).status_code == 403
    assert client_for(world.reviewer).post(url, form_data(world)).status_code == 403
    item.refresh_from_db()
    assert item.summary == ""


def test_the_centre_learns_of_the_agencys_answer(
    world, client_for, django_capture_on_commit_callbacks
):
    item = make_item(
        world,
        world.agency,
        created_by=world.reporter,
        response_due=date(2026, 11, 30),
        response_status=ResponseStatus.PENDING,
    )
    with django_capture_on_commit_callbacks(execute=True):
        client_for(world.agency_user).post(
            reverse("newsroom:monitoring_respond", args=[item.pk]), {"text": "Đã xác minh, sẽ sửa."}
        )
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == sorted([world.reporter.email, world.director.email])
    assert all(
        m.subject == "Cơ quan đã phản hồi tin báo chí: Phản ánh đường liên xã" for m in mail.outbox
    )
    assert "Đã xác minh, sẽ sửa." in mail.outbox[0].body
