"""Newsroom pages: who may see and do what, bad input, and query counts."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from events.enums import NoticeStatus
from newsroom.enums import AssignmentStatus, DeclineReason
from newsroom.models import Assignment, NoticeDecision, Publication
from newsroom.services.assignments import assign_reporter, mark_covered
from tests.factories import ReporterFactory
from tests.forms import with_token
from tests.newsroom.helpers import NOW, at, notice_at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def notice(world):
    return notice_at(world, at(25, 8), at(25, 10), title="Hội nghị tổng kết")


@pytest.fixture
def assignment(world, notice):
    return assign_reporter(notice, world.reporter, by=world.director)


# --- Access -------------------------------------------------------------------------------


def director_urls(notice, assignment):
    return [
        ("get", reverse("newsroom:notice", args=[notice.pk])),
        ("post", reverse("newsroom:decline", args=[notice.pk])),
        ("post", reverse("newsroom:assign", args=[notice.pk])),
        ("post", reverse("newsroom:publish", args=[notice.pk])),
        ("post", reverse("newsroom:reassign", args=[assignment.pk])),
        ("post", reverse("newsroom:unassign", args=[assignment.pk])),
    ]


def test_other_centres_director_gets_404_on_every_notice_and_assignment(
    client_for, world, notice, assignment
):
    client = client_for(world.director2)
    for method, url in director_urls(notice, assignment):
        assert getattr(client, method)(url).status_code == 404, url
    assert Assignment.objects.get().status == AssignmentStatus.ACTIVE


def test_agency_staff_cannot_open_triage_or_assign(client_for, world, notice, assignment):
    client = client_for(world.agency_user)
    assert client.get(reverse("newsroom:triage")).status_code == 403
    # The agency may see its own notice (events), but not triage it.
    for method, url in director_urls(notice, assignment)[:4]:
        assert getattr(client, method)(url).status_code == 403, url
    for method, url in director_urls(notice, assignment)[4:]:
        assert getattr(client, method)(url).status_code == 404, url


def test_reporter_cannot_triage_nor_act_on_a_colleagues_assignment(
    client_for, world, notice, assignment
):
    colleague = ReporterFactory(username="reporter2", organisation=world.centre)
    client = client_for(colleague)
    assert client.get(reverse("newsroom:triage")).status_code == 403
    for name in ("confirm", "covered", "note"):
        url = reverse(f"newsroom:{name}", args=[assignment.pk])
        assert client.post(url).status_code == 404
    response = client.get(reverse("newsroom:my_assignments"))
    assert list(response.context["assignments"]) == []


def test_reporter_sees_own_assignment_and_confirms_and_covers_it(
    client_for, world, notice, assignment
):
    client = client_for(world.reporter)
    page = client.get(reverse("newsroom:my_assignments"))
    assert list(page.context["assignments"]) == [assignment]
    assert 'href="tel:0912000000"' in page.content.decode()
    client.post(reverse("newsroom:confirm", args=[assignment.pk]))
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.CONFIRMED
    response = client.post(
        reverse("newsroom:covered", args=[assignment.pk]),
        {"note": "Đã gửi tin về Trung tâm", "link": "https://drive.example.vn/tin"},
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    notice.refresh_from_db()
    assert (assignment.status, assignment.material_link, notice.status) == (
        AssignmentStatus.COVERED,
        "https://drive.example.vn/tin",
        NoticeStatus.COVERED,
    )


def test_reporter_actions_are_post_only(client_for, world, assignment):
    client = client_for(world.reporter)
    assert client.get(reverse("newsroom:confirm", args=[assignment.pk])).status_code == 405


def test_bad_link_is_refused_with_a_message(client_for, world, assignment):
    client = client_for(world.reporter)
    response = client.post(
        reverse("newsroom:note", args=[assignment.pk]),
        {"note": "x", "link": "không phải link"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["Nhập một URL hợp lệ."]
    assignment.refresh_from_db()
    assert assignment.reporter_note == ""


# --- Triage and assignment ----------------------------------------------------------------


def test_director_assigns_from_the_triage_page(client_for, world, notice):
    client = client_for(world.director)
    page = client.get(reverse("newsroom:notice", args=[notice.pk]))
    assert [row["reporter"] for row in page.context["choices"]] == [world.reporter]
    response = client.post(
        reverse("newsroom:assign", args=[notice.pk]),
        with_token({"reporter": world.reporter.pk, "role": "camera", "note": "Flycam"}),
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert (assignment.reporter, assignment.role, assignment.note) == (
        world.reporter,
        "camera",
        "Flycam",
    )


def test_busy_reporter_is_shown_with_the_conflict_and_listed_last(client_for, world, notice):
    busy = assign_reporter(notice, world.reporter, by=world.director)
    free = ReporterFactory(username="reporter2", organisation=world.centre)
    clash = notice_at(world, at(25, 9), at(25, 11), title="Lễ khánh thành")
    client = client_for(world.director)
    page = client.get(reverse("newsroom:notice", args=[clash.pk]))
    rows = page.context["choices"]
    assert [(r["reporter"], r["conflicts"]) for r in rows] == [(free, []), (world.reporter, [busy])]
    response = client.post(
        reverse("newsroom:assign", args=[clash.pk]),
        with_token({"reporter": world.reporter.pk, "role": "writer"}),
    )
    assert response.status_code == 400
    assert "Hội nghị tổng kết" in response.context["assign_form"].non_field_errors()[0]
    assert Assignment.objects.count() == 1
    response = client.post(
        reverse("newsroom:assign", args=[clash.pk]),
        with_token(
            {
                "reporter": world.reporter.pk,
                "role": "writer",
                "override_reason": "Hai sự kiện cùng hội trường",
            }
        ),
    )
    assert response.status_code == 302
    assert Assignment.objects.count() == 2


def test_hand_over_to_a_busy_reporter_needs_the_written_reason(
    client_for, world, notice, assignment
):
    busy = ReporterFactory(username="reporter2", organisation=world.centre)
    assign_reporter(notice_at(world, at(25, 8), at(25, 9)), busy, by=world.director)
    client = client_for(world.director)
    page = client.get(reverse("newsroom:notice", args=[notice.pk])).content.decode()
    assert 'name="override_reason"' in page
    url = reverse("newsroom:reassign", args=[assignment.pk])
    refused = client.post(url, {"reporter": busy.pk}, follow=True)
    assert "trùng lịch" in refused.content.decode()
    assert Assignment.objects.get(pk=assignment.pk).status == AssignmentStatus.ACTIVE
    client.post(url, {"reporter": busy.pk, "override_reason": "Chỉ có đồng chí này quay phim"})
    handed = Assignment.objects.get(notice=notice, status=AssignmentStatus.ACTIVE)
    assert (handed.reporter, handed.override_reason) == (busy, "Chỉ có đồng chí này quay phim")


def test_director_cannot_assign_another_centres_reporter(client_for, world, notice):
    outsider = ReporterFactory(username="reporter_dakha", organisation=world.centre2)
    response = client_for(world.director).post(
        reverse("newsroom:assign", args=[notice.pk]),
        with_token({"reporter": outsider.pk, "role": "writer"}),
    )
    assert response.status_code == 400
    assert Assignment.objects.count() == 0


def test_decline_needs_an_explanation_for_other(client_for, world, notice):
    client = client_for(world.director)
    url = reverse("newsroom:decline", args=[notice.pk])
    response = client.post(url, {"reason": DeclineReason.OTHER, "note": " "})
    assert response.status_code == 400
    assert response.context["decline_form"].errors == {"note": ["Hãy nêu lý do."]}
    assert NoticeDecision.objects.count() == 0
    client.post(url, {"reason": DeclineReason.SEND_STORY})
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.DECLINED


def test_triage_puts_unhandled_first_and_filters(client_for, world, notice, assignment):
    waiting = notice_at(world, at(27, 8), at(27, 9), title="Lễ ra quân", agency=world.agency2)
    client = client_for(world.director)
    page = client.get(reverse("newsroom:triage"))
    assert list(page.context["page"]) == [waiting, notice]
    page = client.get(reverse("newsroom:triage"), {"q": "ra quân"})
    assert list(page.context["page"]) == [waiting]
    page = client.get(reverse("newsroom:triage"), {"agency": world.agency.pk})
    assert list(page.context["page"]) == [notice]
    page = client.get(reverse("newsroom:triage"), {"date_from": "2026-11-26"})
    assert list(page.context["page"]) == [waiting]
    page = client.get(
        reverse("newsroom:triage"), {"date_from": "2026-11-26", "date_to": "2026-11-01"}
    )
    assert page.status_code == 200
    assert page.context["filters"].errors == {
        "date_to": ["Ngày kết thúc không được trước ngày bắt đầu."]
    }


def test_the_queue_leaves_out_past_events_already_handled_until_a_filter_asks(client_for, world):
    handled = notice_at(world, at(10, 8), at(10, 9), title="Đã xong", status=NoticeStatus.COVERED)
    forgotten = notice_at(world, at(12, 8), at(12, 9), title="Chưa ai xem")  # still received
    today = notice_at(world, at(23, 6), at(23, 7), title="Sáng nay", status=NoticeStatus.ASSIGNED)
    ahead = notice_at(world, at(28, 8), at(28, 9), title="Tuần sau", status=NoticeStatus.ASSIGNED)
    client = client_for(world.director)
    queue = client.get(reverse("newsroom:triage"))
    assert list(queue.context["page"]) == [forgotten, today, ahead]
    assert "chọn ngày hoặc trạng thái để xem các sự kiện đã qua" in queue.content.decode()
    past = client.get(reverse("newsroom:triage"), {"date_to": "2026-11-22"})
    assert list(past.context["page"]) == [forgotten, handled]
    covered = client.get(reverse("newsroom:triage"), {"status": NoticeStatus.COVERED})
    assert list(covered.context["page"]) == [handled]


def test_an_empty_queue_says_how_to_see_past_events(client_for, world):
    notice_at(world, at(10, 8), at(10, 9), status=NoticeStatus.COVERED)
    page = client_for(world.director).get(reverse("newsroom:triage"))
    assert list(page.context["page"]) == []
    assert 'data-testid="empty-queue"' in page.content.decode()


@pytest.mark.parametrize("history", [1, 12])
def test_the_queue_costs_the_same_whatever_the_centres_history(
    client_for, world, history, django_assert_num_queries
):
    for day in range(history):
        notice_at(world, at(1 + day, 8), at(1 + day, 9), status=NoticeStatus.COVERED)
    notice_at(world, at(27, 8), at(27, 9))
    client = client_for(world.director)
    with django_assert_num_queries(10):
        response = client.get(reverse("newsroom:triage"))
    assert response.context["page"].paginator.count == 1


def test_director2_sees_none_of_centre_1_in_triage(client_for, world, notice):
    page = client_for(world.director2).get(reverse("newsroom:triage"))
    assert list(page.context["page"]) == []


@pytest.mark.parametrize("rows", [1, 6])
def test_triage_queries_do_not_grow_with_rows(client_for, world, rows, django_assert_num_queries):
    for index in range(rows):
        n = notice_at(
            world, NOW + timedelta(days=2, hours=index), NOW + timedelta(days=2, hours=index + 1)
        )
        reporter = ReporterFactory(username=f"r{index}", organisation=world.centre)
        assign_reporter(n, reporter, by=world.director)
    client = client_for(world.director)
    # the page's keys are sorted and counted alone, then its 20 notices loaded with joins
    with django_assert_num_queries(10):
        response = client.get(reverse("newsroom:triage"))
    assert len(response.context["page"]) == rows


@pytest.mark.parametrize("rows", [1, 6])
def test_my_assignments_queries_do_not_grow_with_rows(
    client_for, world, rows, django_assert_num_queries
):
    for index in range(rows):
        n = notice_at(
            world,
            NOW + timedelta(days=1, hours=3 * index),
            NOW + timedelta(days=1, hours=3 * index + 1),
        )
        assign_reporter(n, world.reporter, by=world.director)
    client = client_for(world.reporter)
    # the sixth: the notices' changes, one query; the seventh: the booked resources
    with django_assert_num_queries(7):
        response = client.get(reverse("newsroom:my_assignments"))
    assert len(response.context["assignments"]) == rows


# --- Publications -------------------------------------------------------------------------


def test_recording_a_publication_of_a_covered_notice_publishes_it(
    client_for, world, notice, assignment
):
    client = client_for(world.director)
    channel = world.channels["tv"]
    data = {
        "channel": channel.pk,
        "published_at": "25/11/2026 19:00",
        "air_slot": "Thời sự 19:00",
        "duration_minutes": 5,
    }
    response = client.post(reverse("newsroom:publish", args=[notice.pk]), with_token(data))
    assert response.status_code == 403  # not covered yet
    mark_covered(assignment, by=world.reporter)
    response = client.post(reverse("newsroom:publish", args=[notice.pk]), with_token(data))
    assert response.status_code == 302
    notice.refresh_from_db()
    publication = Publication.objects.get()
    assert (notice.status, publication.air_slot, publication.recorded_by) == (
        NoticeStatus.PUBLISHED,
        "Thời sự 19:00",
        world.director,
    )


def test_publication_needs_a_link_or_an_air_slot(client_for, world, notice, assignment):
    mark_covered(assignment, by=world.reporter)
    channel = world.channels["radio"]
    response = client_for(world.director).post(
        reverse("newsroom:publish", args=[notice.pk]),
        with_token({"channel": channel.pk, "published_at": "25/11/2026 19:00"}),
    )
    assert response.status_code == 400
    assert response.context["publication_form"].non_field_errors() == [
        "Hãy nhập đường dẫn hoặc khung giờ phát sóng."
    ]
    assert Publication.objects.count() == 0


# --- Home panel ---------------------------------------------------------------------------


def test_director_home_shows_unassigned_soon_conflicts_and_load(client_for, world, notice):
    soon = notice_at(world, NOW + timedelta(hours=30), NOW + timedelta(hours=31), title="Sắp tới")
    notice_at(world, NOW + timedelta(hours=60), NOW + timedelta(hours=61), title="Còn xa")
    first = assign_reporter(notice, world.reporter, by=world.director)
    clash = notice_at(world, at(25, 9), at(25, 10), title="Trùng giờ")
    second = assign_reporter(clash, world.reporter, by=world.director, override_reason="Cùng nơi")
    page = client_for(world.director).get(reverse("home"))
    panel = next(
        ctx for template, ctx in page.context["panels"] if template == "newsroom/_home_panel.html"
    )
    assert list(panel["unassigned"]) == [soon]
    assert panel["conflicts"] == [(first, second)]
    assert [(r, r.load) for r in panel["loads"]] == [(world.reporter, 2)]


@pytest.mark.parametrize("past", [1, 10])
def test_director_home_queries_do_not_grow_with_the_centres_history(
    client_for, world, django_assert_num_queries, past
):
    """Past assignments (a year of them at a province's size) cost nothing on the home
    page: the week's load and the conflicts read only what is ahead."""
    for day in range(past):
        old = notice_at(world, at(1 + day % 20, 8), at(1 + day % 20, 9), title=f"Cũ {day}")
        assign_reporter(old, world.reporter, by=world.director, override_reason="Cùng nơi")
    upcoming = notice_at(world, at(25, 9), at(25, 10), title="Tuần này")
    assign_reporter(upcoming, world.reporter, by=world.director)
    client = client_for(world.director)
    client.get(reverse("home"))
    with django_assert_num_queries(12):  # with the campaigns panel; the year from the rollup
        page = client.get(reverse("home"))
    panel = next(
        ctx for template, ctx in page.context["panels"] if template == "newsroom/_home_panel.html"
    )
    assert [(r, r.load) for r in panel["loads"]] == [(world.reporter, 1)]


def test_home_panel_is_only_for_directors(client_for, world):
    page = client_for(world.reporter).get(reverse("home"))
    assert "newsroom/_home_panel.html" not in [t for t, _ in page.context["panels"]]
