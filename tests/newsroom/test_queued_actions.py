"""What a reporter's phone queued without signal is applied once, however often it is sent.

The phone sends each action to /newsroom/assignments/<pk>/queued/ with a key it made; the
same key from the same reporter gets the first answer again and nothing happens twice. An
assignment handed to someone else (or cancelled) meanwhile is refused, nothing changed."""

import uuid

import pytest
import time_machine
from django.urls import reverse

from newsroom.enums import AssignmentStatus
from newsroom.models import Assignment
from newsroom.services.assignments import assign_reporter, reassign
from portal.models import ActionKey, Notification
from tests.factories import ReporterFactory
from tests.newsroom.helpers import NOW, at, notice_at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def assignment(world):
    notice = notice_at(world, at(25, 8), at(25, 10), title="Hội nghị tổng kết")
    return assign_reporter(notice, world.reporter, by=world.director)


def send(client, assignment, key, action, **fields):
    url = reverse("newsroom:queued_action", args=[assignment.pk])
    return client.post(url, {"key": str(key), "action": action, **fields})


def accepted_told(world):
    return Notification.objects.filter(recipient=world.director, kind="assignment_accepted")


def test_the_same_accept_sent_twice_is_applied_once_with_the_same_answer(
    world, client_for, assignment
):
    client, key = client_for(world.reporter), uuid.uuid4()
    first = send(client, assignment, key, "confirm")
    history = assignment.history.count()
    second = send(client, assignment, key, "confirm")
    assert (first.status_code, second.status_code) == (200, 200)
    assert (
        first.json()
        == second.json()
        == {
            "ok": True,
            "message": "Đã xác nhận. Cảm ơn.",
            "status": "confirmed",
        }
    )
    assert Assignment.objects.get(pk=assignment.pk).status == AssignmentStatus.CONFIRMED
    assert assignment.history.count() == history
    assert accepted_told(world).count() == 1
    assert ActionKey.objects.filter(user=world.reporter, key=key).count() == 1


def test_covered_with_a_note_and_a_link_sent_twice_is_filed_once(world, client_for, assignment):
    client, key = client_for(world.reporter), uuid.uuid4()
    fields = {"note": "Đã ghi hình", "link": "https://kontum.gov.vn/tin/1"}
    first = send(client, assignment, key, "covered", **fields)
    send(client, assignment, key, "covered", note="khác", link="https://example.org/2")
    assignment.refresh_from_db()
    assert first.json()["message"] == "Đã ghi nhận đưa tin."
    assert (assignment.status, assignment.reporter_note, assignment.material_link) == (
        AssignmentStatus.COVERED,
        "Đã ghi hình",
        "https://kontum.gov.vn/tin/1",
    )


def test_a_decline_needs_a_reason_and_is_kept_as_sent(world, client_for, assignment):
    client = client_for(world.reporter)
    refused = send(client, assignment, uuid.uuid4(), "decline", reason="  ")
    assert refused.status_code == 400
    assert refused.json() == {"ok": False, "message": "Hãy ghi lý do từ chối."}
    assert Assignment.objects.get(pk=assignment.pk).status == AssignmentStatus.ACTIVE
    declined = send(client, assignment, uuid.uuid4(), "decline", reason="Xe hỏng")
    assignment.refresh_from_db()
    assert declined.status_code == 200
    assert (assignment.status, assignment.decline_reason) == (
        AssignmentStatus.DECLINED,
        "Xe hỏng",
    )


def test_an_assignment_handed_over_meanwhile_is_refused_and_nothing_changes(
    world, client_for, assignment
):
    colleague = ReporterFactory(username="reporter2", organisation=world.centre)
    reassign(assignment, colleague, by=world.director)
    history = assignment.history.count()
    key = uuid.uuid4()
    answer = send(client_for(world.reporter), assignment, key, "covered", note="Đã đi")
    again = send(client_for(world.reporter), assignment, key, "covered", note="Đã đi")
    message = (
        "Việc này đã được giao cho người khác hoặc đã bị hủy trong lúc bạn ngoại tuyến; "
        "không có gì thay đổi."
    )
    assert (answer.status_code, answer.json()) == (409, {"ok": False, "message": message})
    assert (again.status_code, again.json()) == (409, {"ok": False, "message": message})
    assignment.refresh_from_db()
    assert (assignment.status, assignment.reporter_note) == (AssignmentStatus.CANCELLED, "")
    assert assignment.history.count() == history
    new = Assignment.objects.get(reporter=colleague)
    assert new.status == AssignmentStatus.ACTIVE


def test_another_users_key_is_their_own_and_opens_nothing_of_others(world, client_for, assignment):
    key = uuid.uuid4()
    send(client_for(world.reporter), assignment, key, "confirm")
    colleague = ReporterFactory(username="reporter2", organisation=world.centre)
    theirs = assign_reporter(
        notice_at(world, at(26, 8), at(26, 10), title="Lễ hội"), colleague, by=world.director
    )
    client = client_for(colleague)
    assert send(client, assignment, key, "decline", reason="x").status_code == 404
    mine = send(client, theirs, key, "confirm")
    assert mine.json()["status"] == "confirmed"
    assert Assignment.objects.get(pk=assignment.pk).status == AssignmentStatus.CONFIRMED
    assert ActionKey.objects.filter(key=key).count() == 2


def test_outsiders_get_404_and_nothing_is_claimed(world, client_for, assignment):
    for outsider in (world.director2, world.agency_user):
        response = send(client_for(outsider), assignment, uuid.uuid4(), "confirm")
        assert response.status_code == 404
    assert ActionKey.objects.count() == 0
    assert Assignment.objects.get(pk=assignment.pk).status == AssignmentStatus.ACTIVE


def test_the_director_may_not_act_for_the_reporter(world, client_for, assignment):
    response = send(client_for(world.director), assignment, uuid.uuid4(), "confirm")
    assert response.status_code == 403
    assert Assignment.objects.get(pk=assignment.pk).status == AssignmentStatus.ACTIVE


def test_anonymous_is_sent_to_login_and_get_is_refused(world, client, client_for, assignment):
    response = send(client, assignment, uuid.uuid4(), "confirm")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    url = reverse("newsroom:queued_action", args=[assignment.pk])
    assert client_for(world.reporter).get(url).status_code == 405


def test_a_bad_key_is_refused_with_a_message(world, client_for, assignment):
    response = send(client_for(world.reporter), assignment, "not-a-key", "confirm")
    assert response.status_code == 400
    assert response.json()["ok"] is False
    assert Assignment.objects.get(pk=assignment.pk).status == AssignmentStatus.ACTIVE


def test_the_cards_offer_their_forms_to_the_offline_queue(world, client_for, assignment):
    page = client_for(world.reporter).get(reverse("newsroom:my_assignments")).content.decode()
    queue_url = reverse("newsroom:queued_action", args=[assignment.pk])
    for action in ("confirm", "decline", "covered"):
        assert f'data-offline-action="{action}"' in page
    assert page.count(f'data-queue-url="{queue_url}"') == 3
    assert "Đang chờ gửi (__N__)" in page
    assert "Bạn đang ngoại tuyến — hiển thị bản đã lưu lúc 08:00" in page


def test_old_action_keys_are_pruned(world):
    from portal.idempotency import prune_expired

    ActionKey.objects.create(user=world.reporter, key=uuid.uuid4())
    with time_machine.travel(NOW.replace(month=12, day=24), tick=False):
        assert prune_expired() == 1
    assert ActionKey.objects.count() == 0
