"""One publish per request: however many e-mails a request queues, in however many
transactions, the broker is handed them once, at the end of the request; with the broker
down the request still succeeds and the rows wait for the sweeper."""

from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from contacts.enums import PressLevel
from portal import outbox
from portal.enums import OutboxState
from portal.models import OutboxMessage
from portal.tasks import send_outbox_messages
from tests.contacts.factories import PressAgencyFactory, PressContactFactory
from tests.factories import NoticeFactory
from tests.forms import with_token
from tests.portal.test_outbox import broker, closed_port  # noqa: F401 - the fixture

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def published():
    """The task's apply_async, mocked: each call is one publish."""
    outbox.reset_broker_state()
    with mock.patch.object(send_outbox_messages, "apply_async") as apply_async:
        yield apply_async


def ids_of(call) -> list[int]:
    return call.kwargs["args"][0]


def queue(n, prefix="a"):
    return [
        outbox.queue_email(f"{prefix}{i}@example.vn", "test", f"Thư {i}", "Nội dung", "").pk
        for i in range(n)
    ]


@pytest.fixture
def notice(world):
    return NoticeFactory(
        agency=world.agency,
        title="Lễ khánh thành cầu",
        starts_at=datetime(2030, 5, 19, 8, 0, tzinfo=VN),
        ends_at=datetime(2030, 5, 19, 10, 30, tzinfo=VN),
        locality=world.locality,
    )


@pytest.fixture
def press_contacts(db):
    provincial = PressAgencyFactory(name="Báo tỉnh", level=PressLevel.PROVINCIAL)
    return [
        PressContactFactory(
            press_agency=provincial, full_name=f"Phóng viên {n}", email=f"pv{n}@example.vn"
        )
        for n in range(7)
    ]


@pytest.mark.django_db(transaction=True)
def test_a_request_writing_messages_in_several_transactions_publishes_once(published):
    def view(request):
        with transaction.atomic():
            queue(3, "a")
        with transaction.atomic():
            queue(2, "b")
            outbox.notify_many([])
        queue(1, "c")  # autocommit: committed at once, still collected
        return HttpResponse("ok")

    middleware = outbox.OutboxPublishMiddleware(view)
    response = middleware(RequestFactory().post("/"))

    assert response.status_code == 200
    assert published.call_count == 1
    assert sorted(ids_of(published.call_args)) == sorted(
        OutboxMessage.objects.values_list("pk", flat=True)
    )
    assert OutboxMessage.objects.count() == 6


@pytest.mark.django_db(transaction=True)
def test_inviting_seven_press_contacts_publishes_once(
    world, notice, press_contacts, client_for, published
):
    response = client_for(world.agency_user).post(
        reverse("events:invite", args=[notice.pk]), with_token(all_provincial="on")
    )

    assert response.status_code == 302
    assert published.call_count == 1
    assert sorted(ids_of(published.call_args)) == sorted(
        OutboxMessage.objects.values_list("pk", flat=True)
    )
    assert len(ids_of(published.call_args)) == 7


@pytest.mark.django_db(transaction=True)
def test_a_request_that_queues_nothing_publishes_nothing(world, client_for, published):
    assert client_for(world.agency_user).get(reverse("events:list")).status_code == 200
    assert published.call_count == 0


@pytest.mark.django_db
def test_outside_a_request_one_transaction_is_one_publish(
    published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            ids = queue(4)
    assert len(callbacks) == 1
    assert published.call_count == 1
    assert ids_of(published.call_args) == ids


@pytest.mark.django_db
def test_a_rolled_back_savepoint_does_not_take_the_later_rows_with_it(
    published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            try:
                with transaction.atomic():  # a savepoint: registers the hand-over, then fails
                    queue(2, "gone")
                    raise RuntimeError
            except RuntimeError:
                pass
            kept = queue(2, "kept")
    assert list(OutboxMessage.objects.values_list("pk", flat=True).order_by("pk")) == kept
    assert published.call_count == 1
    assert ids_of(published.call_args) == kept


@pytest.mark.django_db
def test_rows_written_in_a_savepoint_join_the_outer_hand_over(
    published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            first = queue(1, "a")
            with transaction.atomic():
                inner = queue(2, "b")
            last = queue(1, "c")
    assert published.call_count == 1
    assert ids_of(published.call_args) == first + inner + last


@pytest.mark.django_db(transaction=True)
def test_a_request_with_the_broker_down_succeeds_and_the_messages_wait(
    world,
    notice,
    press_contacts,
    client_for,
    broker,  # noqa: F811 - the fixture imported above
):
    broker(f"redis://127.0.0.1:{closed_port()}/0")
    response = client_for(world.agency_user).post(
        reverse("events:invite", args=[notice.pk]), with_token(all_provincial="on")
    )

    assert response.status_code == 302
    assert outbox.broker_cooling_down()  # one attempt was made, and failed
    assert list(OutboxMessage.objects.values_list("state", flat=True)) == [OutboxState.PENDING] * 7
    assert mail.outbox == []
    outbox.reset_broker_state()
    assert outbox.sweep() == 7  # the sweeper delivers them (inline: the broker refuses)
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {OutboxState.SENT}
    assert len(mail.outbox) == 7


@pytest.mark.django_db
def test_a_hand_over_that_ran_is_not_joined_by_later_rows(
    published, django_capture_on_commit_callbacks
):
    # A test's transaction never commits, so a hand-over that ran stays in Django's list;
    # rows queued after it get a hand-over of their own.
    with django_capture_on_commit_callbacks(execute=True):
        first = queue(2, "a")
    with django_capture_on_commit_callbacks(execute=True):
        second = queue(2, "b")
    assert [ids_of(call) for call in published.call_args_list] == [first, second]
