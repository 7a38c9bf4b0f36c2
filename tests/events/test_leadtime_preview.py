"""The notice form's live lead-time warning, judged on the server (events.leadtime)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from events.enums import NoticeKind, Verdict
from tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=HCM)
NEW = reverse("events:leadtime_preview")


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def at(delta: timedelta, fmt="%d/%m/%Y %H:%M") -> str:
    return (NOW + delta).strftime(fmt)


def warning(response) -> tuple[str, str]:
    """(verdict shown, the warning's text with spaces collapsed)."""
    assert response.status_code == 200
    ctx = response.context
    verdict = "invalid" if ctx.get("error") else ctx["judgement"] and ctx["judgement"].verdict
    html = response.content.decode()
    start = html.index('id="lead-warning"')
    text = html[html.index(">", start) + 1 : html.index("</div>", start)]
    return verdict, " ".join(text.split())


def test_planned_notice_two_days_ahead_is_on_time_with_the_time_left(client_for, world):
    client = client_for(world.agency_user)
    response = client.get(NEW, {"kind": "planned", "starts_at": at(timedelta(days=1, minutes=71))})
    assert warning(response) == (
        Verdict.ON_TIME,
        "Đúng hạn: còn 1 ngày 1 giờ 11 phút trước giờ bắt đầu; quy định yêu cầu báo trước 1 ngày.",
    )
    assert 'name="confirm_late"' not in response.content.decode()


def test_planned_notice_5h_ahead_is_late_by_19h_and_asks_to_confirm(client_for, world):
    response = client_for(world.agency_user).get(
        NEW, {"kind": "planned", "starts_at": at(timedelta(hours=5), "%Y-%m-%dT%H:%M")}
    )
    assert warning(response) == (
        Verdict.LATE,
        "Trễ 19 giờ: chỉ còn 5 giờ trước giờ bắt đầu, trong khi quy định yêu cầu báo trước "
        "1 ngày. Bạn vẫn có thể gửi nhưng phải xác nhận bên dưới.",
    )
    html = response.content.decode()
    assert 'id="confirm-late-wrapper"' in html
    assert "Tôi biết thông báo này trễ hạn và vẫn muốn gửi" in html
    assert 'name="confirm_late"' in html and "checked" not in html


def test_a_ticked_confirm_box_stays_ticked_while_typing(client_for, world):
    response = client_for(world.agency_user).get(
        NEW, {"kind": "planned", "starts_at": at(timedelta(hours=5)), "confirm_late": "on"}
    )
    assert "checked" in response.content.decode()


def test_urgent_notice_30_min_ahead_is_late_by_30_min(client_for, world):
    response = client_for(world.agency_user).get(
        NEW, {"kind": "urgent", "starts_at": at(timedelta(minutes=30))}
    )
    assert warning(response)[0] == Verdict.LATE
    assert "Trễ 30 phút: chỉ còn 30 phút" in warning(response)[1]


def test_a_notice_after_the_start_is_after_the_fact(client_for, world):
    response = client_for(world.agency_user).get(
        NEW, {"kind": "urgent", "starts_at": at(-timedelta(hours=2))}
    )
    assert warning(response) == (
        Verdict.AFTER_THE_FACT,
        "Sự kiện đã bắt đầu cách đây 2 giờ: đây là thông báo sau khi diễn ra. "
        "Bạn vẫn có thể gửi nhưng phải xác nhận bên dưới.",
    )
    assert 'name="confirm_late"' in response.content.decode()


def test_an_emergency_is_exempt_and_asks_nothing(client_for, world):
    response = client_for(world.agency_user).get(
        NEW, {"kind": "emergency", "starts_at": at(-timedelta(hours=2))}
    )
    assert warning(response) == (
        Verdict.EXEMPT,
        "Trường hợp khẩn cấp được miễn quy định thời gian báo trước.",
    )
    assert 'name="confirm_late"' not in response.content.decode()


def test_an_empty_start_shows_nothing_yet(client_for, world):
    response = client_for(world.agency_user).get(NEW, {"kind": "planned", "starts_at": ""})
    assert response.status_code == 200
    assert response.content.decode().strip() == ""


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"kind": "planned", "starts_at": "31/02/2026 25:00"},
            "Nhập thời gian bắt đầu theo dạng ngày/tháng/năm giờ:phút, ví dụ 25/12/2026 08:00.",
        ),
        (
            {"kind": "holiday", "starts_at": "24/11/2026 08:00"},
            "Chọn loại sự kiện để xem thông báo có đúng hạn không.",
        ),
        ({}, "Chọn loại sự kiện để xem thông báo có đúng hạn không."),
    ],
)
def test_bad_input_gets_a_vietnamese_message_not_an_error(client_for, world, params, message):
    response = client_for(world.agency_user).get(NEW, params)
    assert warning(response) == ("invalid", message)


def test_a_phoned_in_notice_is_judged_from_the_call_time(client_for, world):
    response = client_for(world.director).get(
        NEW,
        {
            "kind": "planned",
            "starts_at": at(timedelta(hours=20)),
            "called_at": at(-timedelta(hours=2)),
        },
    )
    verdict, text = warning(response)
    assert (verdict, text.split(":")[0]) == (Verdict.LATE, "Trễ 2 giờ")  # not 4: 22 h lead
    assert "Đã báo cho người gọi biết thông báo trễ hạn" in response.content.decode()


def test_a_bad_call_time_gets_a_vietnamese_message(client_for, world):
    response = client_for(world.director).get(
        NEW, {"kind": "planned", "starts_at": at(timedelta(days=2)), "called_at": "hôm qua"}
    )
    assert warning(response) == (
        "invalid",
        "Nhập thời gian cuộc gọi theo dạng ngày/tháng/năm giờ:phút, ví dụ 25/12/2026 08:00.",
    )


def test_an_agency_cannot_backdate_with_a_call_time(client_for, world):
    """Only centre staff log phoned-in notices; an agency's called_at is ignored."""
    response = client_for(world.agency_user).get(
        NEW,
        {
            "kind": "planned",
            "starts_at": at(timedelta(hours=5)),
            "called_at": at(-timedelta(days=2)),
        },
    )
    assert warning(response)[0] == Verdict.LATE


def test_editing_keeps_the_verdict_of_an_unchanged_start(client_for, world):
    starts_at = NOW + timedelta(hours=30)
    notice = NoticeFactory(
        agency=world.agency,
        locality=world.locality,
        created_by=world.agency_user,
        kind=NoticeKind.PLANNED,
        starts_at=starts_at,
        received_at=NOW - timedelta(days=3),
        judged_at=NOW - timedelta(days=3),
    )
    url = reverse("events:leadtime_preview", args=[notice.pk])
    client = client_for(world.agency_user)
    unchanged = client.get(url, {"kind": "planned", "starts_at": at(timedelta(hours=30))})
    assert warning(unchanged)[0] == Verdict.ON_TIME
    assert "còn 4 ngày 6 giờ" in warning(unchanged)[1]  # measured from the first receipt
    moved = client.get(url, {"kind": "planned", "starts_at": at(timedelta(hours=20))})
    assert warning(moved)[0] == Verdict.LATE  # a new start is measured from now


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(NEW, {"kind": "planned", "starts_at": at(timedelta(days=2))})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_reviewer_who_cannot_add_notices_gets_403(client_for, world):
    response = client_for(world.reviewer).get(NEW, {"kind": "planned"})
    assert response.status_code == 403


@pytest.mark.parametrize("outsider", ["agency2_user", "agency_other_user", "director2"])
def test_outsiders_get_404_for_another_agencys_notice(client_for, world, outsider):
    notice = NoticeFactory(agency=world.agency, locality=world.locality)
    url = reverse("events:leadtime_preview", args=[notice.pk])
    response = client_for(getattr(world, outsider)).get(url, {"kind": "planned"})
    assert response.status_code == 404


def test_centre_staff_who_may_read_but_not_edit_get_403(client_for, world):
    notice = NoticeFactory(agency=world.agency, locality=world.locality)
    url = reverse("events:leadtime_preview", args=[notice.pk])
    assert client_for(world.director).get(url, {"kind": "planned"}).status_code == 403


def test_the_notice_form_wires_the_warning_to_the_server(client_for, world):
    html = client_for(world.agency_user).get(reverse("events:create")).content.decode()
    assert f'hx-get="{NEW}"' in html
    assert "change from:#id_kind" in html
    assert "input changed delay:400ms from:#id_starts_at" in html
    assert "vendor/htmx/htmx.min.js" in html


def test_a_rejected_late_notice_shows_the_warning_and_the_confirm_error(client_for, world):
    from tests.events.test_notice_views import form_data

    response = client_for(world.agency_user).post(
        reverse("events:create"), form_data(world, starts_in=timedelta(hours=5), kind="planned")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Trễ 19 giờ: chỉ còn 5 giờ" in html
    assert 'id="confirm-late-wrapper"' in html
    assert "hãy đánh dấu ô để xác nhận" in html
