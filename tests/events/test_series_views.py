"""Recurring notices on screen: the form, the series page, the agency's list, edits."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from events.models import Notice, NoticeSeries
from events.recurrence import build_rule
from events.services.series import create_series
from tests.factories import NoticeFactory
from tests.forms import with_token

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=HCM)  # Monday


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def form_data(world, **extra):
    return with_token(
        {
            "title": "Giao ban tuần",
            "kind": "planned",
            "starts_at": "2026-11-26T07:30",
            "ends_at": "2026-11-26T09:00",
            "locality": world.locality.pk,
            "address": "Phòng họp UBND",
            "contact_name": "Chị Mai",
            "contact_phone": "0912000000",
            "frequency": "weekly",
            "weekdays": ["0", "3"],
            "count": "6",
            **extra,
        }
    )


@pytest.fixture
def series(world):
    return create_series(
        agency=world.agency,
        by=world.agency_user,
        data={
            "title": "Giao ban tuần",
            "kind": "planned",
            "starts_at": datetime(2026, 11, 26, 7, 30, tzinfo=HCM),
            "ends_at": datetime(2026, 11, 26, 9, 0, tzinfo=HCM),
            "locality": world.locality,
            "address": "Phòng họp UBND",
            "contact_name": "Chị Mai",
            "contact_phone": "0912000000",
        },
        rule=build_rule(frequency="weekly", weekdays=(3,), count=5),
    )


def test_agency_staff_create_a_weekly_series_from_the_form(client_for, world):
    response = client_for(world.agency_user).post(
        reverse("events:series_create"), form_data(world, exception_dates="30/11/2026")
    )
    series = NoticeSeries.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("events:series_detail", args=[series.pk])
    assert (series.rule, series.exceptions) == ("FREQ=WEEKLY;COUNT=6;BYDAY=MO,TH", ["2026-11-30"])
    starts = [
        n.starts_at.astimezone(HCM).strftime("%d/%m") for n in Notice.objects.order_by("starts_at")
    ]
    assert starts == ["26/11", "03/12", "07/12", "10/12", "14/12"]


def test_the_monthly_first_monday_choice_builds_that_rule(client_for, world):
    client_for(world.agency_user).post(
        reverse("events:series_create"),
        form_data(
            world,
            starts_at="2026-12-07T14:00",
            ends_at="2026-12-07T16:00",
            frequency="monthly",
            monthly_by="weekday",
            nth="1",
            count="",
            until="2027-06-30",
        ),
    )
    assert NoticeSeries.objects.get().rule == "FREQ=MONTHLY;UNTIL=20270630T235959;BYDAY=+1MO"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"count": "", "until": "2031-01-01"}, "Cách lặp này cho hơn 200 lần."),
        ({"count": ""}, "Hãy cho biết sự kiện lặp lại đến ngày nào, hoặc bao nhiêu lần."),
        ({"ends_at": "2026-11-26T07:00"}, "Thời gian kết thúc phải sau thời gian bắt đầu."),
        ({"exception_dates": "ngày mai"}, "“ngày mai” không phải là ngày; hãy viết dd/mm/yyyy."),
        ({"until": "2026-11-01", "count": ""}, "Ngày kết thúc ở trước lần đầu tiên."),
    ],
)
def test_bad_repetitions_are_explained_and_nothing_is_saved(client_for, world, extra, message):
    client = client_for(world.agency_user)
    client.cookies["django_language"] = "vi"
    response = client.post(reverse("events:series_create"), form_data(world, **extra))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (NoticeSeries.objects.count(), Notice.objects.count()) == (0, 0)


def test_the_agency_list_shows_a_series_once_with_its_next_occurrence(client_for, world, series):
    single = NoticeFactory(
        agency=world.agency, title="Lễ khai mạc", starts_at=NOW + timedelta(days=2)
    )
    client = client_for(world.agency_user)
    rows = list(client.get(reverse("events:list")).context["page"])
    first = series.occurrences.order_by("date").first().notice
    assert {n.pk for n in rows} == {single.pk, first.pk}
    html = client.get(reverse("events:list")).content.decode()
    assert reverse("events:series_detail", args=[series.pk]) in html
    # A filter shows every occurrence of the month.
    rows = client.get(reverse("events:list"), {"month": "2026-12"}).context["page"]
    assert len(rows) == 4
    with time_machine.travel(NOW + timedelta(days=4), tick=False):
        client = client_for(world.agency_user)  # a new day, a new sign-in (idle timeout)
        rows = list(client.get(reverse("events:list")).context["page"])
    second = series.occurrences.order_by("date")[1].notice
    assert {n.pk for n in rows} == {single.pk, second.pk}


@pytest.mark.parametrize("series_count", [1, 4])
def test_the_agency_list_query_count_does_not_grow_with_series(
    client_for, world, django_assert_num_queries, series_count
):
    for index in range(series_count):
        create_series(
            agency=world.agency,
            by=world.agency_user,
            data={
                "title": f"Giao ban {index}",
                "kind": "planned",
                "starts_at": datetime(2026, 11, 26, 7 + index, 0, tzinfo=HCM),
                "ends_at": datetime(2026, 11, 26, 7 + index, 30, tzinfo=HCM),
                "locality": world.locality,
                "address": "Phòng họp",
                "contact_name": "Chị Mai",
                "contact_phone": "0912000000",
            },
            rule=build_rule(frequency="weekly", weekdays=(3,), count=3),
        )
    client = client_for(world.agency_user)
    with django_assert_num_queries(8):  # +1: every shown series' following occurrences
        response = client.get(reverse("events:list"))
    assert len(response.context["page"]) == series_count
    assert [len(row.series_following) for row in response.context["page"]] == [2] * series_count


def test_a_series_row_expands_to_its_following_occurrences(client_for, world, series):
    from events.services.notices import cancel_notice

    notices = [o.notice for o in series.occurrences.select_related("notice").order_by("date")]
    cancel_notice(notices[2], by=world.agency_user, reason="Nghỉ lễ")
    response = client_for(world.agency_user).get(reverse("events:list"))
    [row] = [n for n in response.context["page"] if n.pk == notices[0].pk]
    assert [o.notice_id for o in row.series_following] == [n.pk for n in (notices[1], *notices[3:])]
    html = response.content.decode()
    assert 'data-testid="series-following"' in html
    assert reverse("events:detail", args=[notices[3].pk]) in html
    assert reverse("events:detail", args=[notices[2].pk]) not in html  # the cancelled one


def test_the_triage_queue_shows_a_series_once_expandable(client_for, world, series):
    single = NoticeFactory(
        agency=world.agency, title="Lễ khai mạc", starts_at=NOW + timedelta(days=2)
    )
    notices = [o.notice for o in series.occurrences.select_related("notice").order_by("date")]
    client = client_for(world.director)
    response = client.get(reverse("newsroom:triage"))
    rows = list(response.context["page"])
    assert {n.pk for n in rows} == {single.pk, notices[0].pk}
    [row] = [n for n in rows if n.pk == notices[0].pk]
    assert [o.notice_id for o in row.series_following] == [n.pk for n in notices[1:]]
    html = response.content.decode()
    assert reverse("newsroom:notice", args=[notices[4].pk]) in html
    assert reverse("events:series_detail", args=[series.pk]) in html
    # A filter lists every occurrence on its own row.
    rows = client.get(reverse("newsroom:triage"), {"q": "Giao ban"}).context["page"]
    assert len(rows) == 5


@pytest.mark.parametrize("series_count", [1, 4])
def test_the_triage_query_count_does_not_grow_with_series(
    client_for, world, django_assert_num_queries, series_count
):
    for index in range(series_count):
        create_series(
            agency=world.agency,
            by=world.agency_user,
            data={
                "title": f"Giao ban {index}",
                "kind": "planned",
                "starts_at": datetime(2026, 11, 26, 7 + index, 0, tzinfo=HCM),
                "ends_at": datetime(2026, 11, 26, 7 + index, 30, tzinfo=HCM),
                "locality": world.locality,
                "address": "Phòng họp",
                "contact_name": "Chị Mai",
                "contact_phone": "0912000000",
            },
            rule=build_rule(frequency="weekly", weekdays=(3,), count=3),
        )
    client = client_for(world.director)
    # tests/newsroom/test_views.py's 10 for the queue, +1 for the series' following dates
    with django_assert_num_queries(11):
        response = client.get(reverse("newsroom:triage"))
    assert len(response.context["page"]) == series_count


def test_the_series_page_lists_every_occurrence(client_for, world, series):
    response = client_for(world.agency_user).get(reverse("events:series_detail", args=[series.pk]))
    assert len(response.context["occurrences"]) == 5
    assert response.context["next"].notice == series.occurrences.order_by("date").first().notice


def test_outsiders_get_404_on_the_series_and_its_occurrence_form(client_for, world, series):
    notice = series.occurrences.first().notice
    for user in (world.agency_other_user, world.director2):
        client = client_for(user)
        assert client.get(reverse("events:series_detail", args=[series.pk])).status_code == 404
        assert client.get(reverse("events:occurrence_edit", args=[notice.pk])).status_code == 404
    # Same centre, another agency: sees nothing of it either.
    client = client_for(world.agency2_user)
    assert client.get(reverse("events:series_detail", args=[series.pk])).status_code == 404
    # The centre's director reads and may change the series, but one occurrence is the
    # agency's to edit, like any notice; a reporter of the centre only reads.
    client = client_for(world.director)
    assert client.get(reverse("events:series_detail", args=[series.pk])).status_code == 200
    assert client.get(reverse("events:occurrence_edit", args=[notice.pk])).status_code == 403
    assert client.get(reverse("events:series_create")).status_code == 200
    client = client_for(world.reporter)
    page = client.get(reverse("events:series_detail", args=[series.pk]))
    assert page.status_code == 200 and 'data-testid="series-stop-form"' not in page.text
    assert client.get(reverse("events:series_create")).status_code == 403
    stop = reverse("events:series_stop", args=[series.pk])
    assert (
        client.post(stop, {"stop-from_date": "2026-12-01", "stop-reason": "x"}).status_code == 403
    )
    # Outsiders get 404 on the change and stop posts too, and nothing changes.
    for user in (world.agency_other_user, world.director2, world.agency2_user):
        client = client_for(user)
        assert (
            client.post(stop, {"stop-from_date": "2026-12-01", "stop-reason": "x"}).status_code
            == 404
        )
        change = reverse("events:series_change", args=[series.pk])
        assert client.post(change, {}).status_code == 404
    assert not Notice.objects.filter(status="cancelled").exists()


def test_a_notice_outside_a_series_has_no_occurrence_form(client_for, world):
    notice = NoticeFactory(agency=world.agency, created_by=world.agency_user)
    response = client_for(world.agency_user).get(
        reverse("events:occurrence_edit", args=[notice.pk])
    )
    assert response.status_code == 404


def test_this_and_following_from_the_form(client_for, world, series):
    notices = [o.notice for o in series.occurrences.select_related("notice").order_by("date")]
    response = client_for(world.agency_user).post(
        reverse("events:occurrence_edit", args=[notices[1].pk]),
        {
            "which": "following",
            "title": "Giao ban tuần",
            "starts_at": "2026-12-03T14:00",
            "ends_at": "2026-12-03T15:30",
            "address": "Phòng họp UBND",
        },
    )
    assert response.status_code == 302
    hours = [
        n.starts_at.astimezone(HCM).strftime("%d/%m %H:%M")
        for n in Notice.objects.order_by("starts_at")
    ]
    assert hours == ["26/11 07:30", "03/12 14:00", "10/12 14:00", "17/12 14:00", "24/12 14:00"]


def test_this_occurrence_only_from_the_form(client_for, world, series):
    notices = [o.notice for o in series.occurrences.select_related("notice").order_by("date")]
    client_for(world.agency_user).post(
        reverse("events:occurrence_edit", args=[notices[1].pk]),
        {
            "which": "this",
            "title": "Giao ban tuần (đổi phòng)",
            "starts_at": "2026-12-03T07:30",
            "ends_at": "2026-12-03T09:00",
            "address": "Hội trường",
        },
    )
    titles = list(Notice.objects.order_by("starts_at").values_list("title", flat=True))
    assert titles == ["Giao ban tuần", "Giao ban tuần (đổi phòng)"] + ["Giao ban tuần"] * 3


def test_the_series_form_opens_for_agency_staff(client_for, world):
    response = client_for(world.agency_user).get(reverse("events:series_create"))
    html = response.content.decode()
    assert 'name="weekdays"' in html and 'name="exception_dates"' in html
    assert 'name="invitation_files"' not in html


# --- Changing or stopping the series from its page ------------------------------------------


def test_the_series_page_changes_the_weekdays_and_time_from_an_occurrence(
    client_for, world, series, django_capture_on_commit_callbacks
):
    from django.core import mail

    from newsroom.services.assignments import assign_reporter

    notices = [o.notice for o in series.occurrences.select_related("notice").order_by("date")]
    assign_reporter(notices[2], world.reporter, by=world.director)  # Thu 10/12
    client = client_for(world.agency_user)
    page = client.get(reverse("events:series_detail", args=[series.pk])).content.decode()
    assert 'data-testid="series-change-form"' in page and 'value="2026-12-03"' in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:series_change", args=[series.pk]),
            {
                "change-from_date": "2026-12-10",
                "change-weekdays": ["3"],
                "change-start_time": "14:00",
                "change-end_time": "15:30",
                "change-reason": "Lãnh đạo đổi giờ giao ban",
            },
        )
    assert response.status_code == 302
    hours = [
        n.starts_at.astimezone(HCM).strftime("%d/%m %H:%M")
        for n in Notice.objects.order_by("starts_at")
    ]
    assert hours == ["26/11 07:30", "03/12 07:30", "10/12 14:00", "17/12 14:00", "24/12 14:00"]
    assert [m for m in mail.outbox if m.to == [world.reporter.email]]


def test_the_director_stops_a_series_from_its_page(client_for, world, series):
    response = client_for(world.director).post(
        reverse("events:series_stop", args=[series.pk]),
        {"stop-from_date": "2026-12-17", "stop-reason": "Cơ quan thôi tổ chức giao ban"},
    )
    assert response.status_code == 302
    statuses = list(Notice.objects.order_by("starts_at").values_list("status", flat=True))
    assert statuses == ["received", "received", "received", "cancelled", "cancelled"]
    assert set(
        Notice.objects.filter(status="cancelled").values_list("cancel_reason", flat=True)
    ) == {"Cơ quan thôi tổ chức giao ban"}


@pytest.mark.parametrize(
    ("url", "post", "message"),
    [
        ("series_stop", {"stop-from_date": "2026-11-01", "stop-reason": "x"}, "không dừng được"),
        ("series_stop", {"stop-from_date": "01/12", "stop-reason": "x"}, "ngày hợp lệ"),
        ("series_stop", {"stop-from_date": "2026-12-10", "stop-reason": ""}, "bắt buộc"),
        (
            "series_change",
            {
                "change-from_date": "2026-12-04",
                "change-start_time": "14:00",
                "change-end_time": "15:00",
                "change-reason": "x",
            },
            "Hãy chọn một lựa chọn hợp lệ",
        ),
        (
            "series_change",
            {
                "change-from_date": "2026-12-03",
                "change-weekdays": [],
                "change-start_time": "14:00",
                "change-end_time": "15:00",
                "change-reason": "x",
            },
            "ít nhất một ngày",
        ),
        (
            "series_change",
            {
                "change-from_date": "2026-12-03",
                "change-weekdays": ["3"],
                "change-start_time": "14:00",
                "change-end_time": "13:00",
                "change-reason": "x",
            },
            "sau thời gian bắt đầu",
        ),
    ],
)
def test_bad_series_changes_are_explained_and_nothing_changes(
    client_for, world, series, url, post, message
):
    before = list(Notice.objects.order_by("pk").values_list("starts_at", "status"))
    response = client_for(world.agency_user).post(reverse(f"events:{url}", args=[series.pk]), post)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert list(Notice.objects.order_by("pk").values_list("starts_at", "status")) == before


# --- Centre staff record a series for an agency ---------------------------------------------


def test_the_director_records_a_series_for_an_agency(client_for, world):
    from events.enums import ReceivedVia

    client = client_for(world.director)
    page = client.get(reverse("events:series_create")).content.decode()
    assert 'name="agency"' in page and world.agency_other.name not in page
    response = client.post(
        reverse("events:series_create"), form_data(world, agency=world.agency2.pk)
    )
    assert response.status_code == 302
    series = NoticeSeries.objects.get()
    assert (series.agency, series.created_by, series.received_via) == (
        world.agency2,
        world.director,
        ReceivedVia.PHONE,
    )
    notices = Notice.objects.filter(occurrence__series=series)
    assert notices.count() == 6
    assert set(notices.values_list("agency", "received_via")) == {(world.agency2.pk, "phone")}
    # The agency sees and may change it as its own.
    client = client_for(world.agency2_user)
    page = client.get(reverse("events:series_detail", args=[series.pk]))
    assert 'data-testid="series-stop-form"' in page.text


def test_the_director_cannot_record_a_series_for_another_centres_agency(client_for, world):
    response = client_for(world.director).post(
        reverse("events:series_create"), form_data(world, agency=world.agency_other.pk)
    )
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert NoticeSeries.objects.count() == 0


def test_a_monthly_series_page_offers_the_time_but_no_weekdays(client_for, world):
    series = create_series(
        agency=world.agency,
        by=world.agency_user,
        data={
            "title": "Họp thường kỳ",
            "kind": "planned",
            "starts_at": datetime(2026, 12, 7, 14, 0, tzinfo=HCM),
            "ends_at": datetime(2026, 12, 7, 16, 0, tzinfo=HCM),
            "locality": world.locality,
            "address": "Phòng họp",
            "contact_name": "Chị Mai",
            "contact_phone": "0912000000",
        },
        rule=build_rule(frequency="monthly", nth=1, nth_weekday=0, count=4),
    )
    client = client_for(world.agency_user)
    page = client.get(reverse("events:series_detail", args=[series.pk])).content.decode()
    assert 'name="change-start_time"' in page and 'name="change-weekdays"' not in page
    response = client.post(
        reverse("events:series_change", args=[series.pk]),
        {
            "change-from_date": "2026-12-07",
            "change-start_time": "08:00",
            "change-end_time": "09:30",
            "change-reason": "Đổi giờ",
        },
    )
    assert response.status_code == 302
    hours = [
        n.starts_at.astimezone(HCM).strftime("%d/%m %H:%M-")
        + n.ends_at.astimezone(HCM).strftime("%H:%M")
        for n in Notice.objects.order_by("starts_at")
    ]
    assert hours == ["07/12 08:00-09:30", "04/01 08:00-09:30"]
