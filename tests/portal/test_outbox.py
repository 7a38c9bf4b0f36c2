"""The outbox: a message is a row first; it is sent once, retried when the mail server
fails, and waits when the broker is down."""

import socket
import time
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from portal import outbox
from portal.enums import OutboxState
from portal.models import Notification, OutboxMessage
from portal.tasks import send_outbox_message, sweep_outbox
from tests.factories import NoticeFactory
from tests.forms import with_token

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def notice(world):
    return NoticeFactory(agency=world.agency, locality=world.locality, title="Lễ khai mạc")


def test_notify_writes_one_row_and_one_in_app_notification(world, notice):
    message = outbox.notify(
        world.agency_user, "notice_receipt", {"notice": notice}, url="/events/1/"
    )
    assert OutboxMessage.objects.get() == message
    assert (message.state, message.to_email) == (OutboxState.PENDING, world.agency_user.email)
    assert message.subject.endswith("Lễ khai mạc")
    assert "Lễ khai mạc" in message.body_text and "<table" in message.body_html
    assert Notification.objects.get().url == "/events/1/"


def test_a_message_is_sent_once_even_when_the_task_runs_twice(
    world, notice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = outbox.notify(world.agency_user, "notice_receipt", {"notice": notice})
    assert send_outbox_message(message.pk) == "skipped"
    assert sweep_outbox() == 0
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert (message.state, message.attempts) == (OutboxState.SENT, 1)
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def test_mail_server_down_retries_with_backoff_then_gives_up(world, notice, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2
    settings.OUTBOX_MAX_ATTEMPTS, settings.OUTBOX_RETRY_BASE_SECONDS = 3, 60
    message = outbox.notify(world.agency_user, "notice_receipt", {"notice": notice})
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert outbox.deliver(message.pk) == OutboxState.PENDING
    message.refresh_from_db()
    assert (message.attempts, message.next_attempt_at) == (1, start + timedelta(seconds=60))
    assert "ConnectionRefusedError" in message.last_error
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        assert outbox.deliver(message.pk) == "skipped"  # not due yet
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        assert outbox.deliver(message.pk) == OutboxState.PENDING
    message.refresh_from_db()
    assert message.next_attempt_at == start + timedelta(seconds=61 + 120)
    with time_machine.travel(start + timedelta(hours=1), tick=False):
        assert outbox.deliver(message.pk) == OutboxState.FAILED
    message.refresh_from_db()
    assert (message.state, message.attempts) == (OutboxState.FAILED, 3)


def test_the_mail_server_coming_back_sends_the_waiting_row(world, notice, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port()
    message = outbox.notify(world.agency_user, "notice_receipt", {"notice": notice})
    outbox.deliver(message.pk)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(timezone.now() + timedelta(minutes=2), tick=False):
        assert sweep_outbox() == 1
    message.refresh_from_db()
    assert (message.state, message.attempts, len(mail.outbox)) == (OutboxState.SENT, 2, 1)


def test_sweeper_releases_rows_stuck_in_sending_by_a_dead_worker(world, notice):
    message = outbox.notify(world.agency_user, "notice_receipt", {"notice": notice})
    assert outbox.claim(message.pk)  # a worker claimed it, then died
    with time_machine.travel(timezone.now() + timedelta(minutes=5), tick=False):
        assert sweep_outbox() == 0  # not stuck long enough yet
    with time_machine.travel(timezone.now() + timedelta(minutes=11), tick=False):
        assert sweep_outbox() == 1
    message.refresh_from_db()
    assert (message.state, len(mail.outbox)) == (OutboxState.SENT, 1)


@pytest.fixture
def broker(settings, monkeypatch):
    """Point the Celery app at a broker for one test, with no eager shortcut. (Celery reads
    CELERY_BROKER_URL from the environment first, so it is lifted for the test.)"""
    from portal.celery import app

    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    saved = (app.conf.broker_url, app.conf.task_always_eager)

    def use(url):
        app.conf.broker_url = url
        app.conf.task_always_eager = False
        app._pool = None
        app.amqp._producer_pool = None
        outbox.reset_broker_state()
        return app

    yield use
    app.conf.broker_url, app.conf.task_always_eager = saved
    app._pool = None
    app.amqp._producer_pool = None


def test_a_submission_succeeds_with_the_broker_down_and_the_row_waits(
    world, broker, client_for, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    broker(f"redis://127.0.0.1:{closed_port()}/0")
    starts_at = timezone.localtime() + timedelta(days=2)
    data = {
        "title": "Hội nghị",
        "kind": "planned",
        "starts_at": starts_at.strftime("%d/%m/%Y %H:%M"),
        "ends_at": (starts_at + timedelta(hours=1)).strftime("%d/%m/%Y %H:%M"),
        "locality": world.locality.pk,
        "address": "Hội trường",
        "contact_name": "Chị Hoa",
        "contact_phone": "0912000000",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.agency_user).post(reverse("events:create"), with_token(data))
    assert response.status_code == 302
    assert list(OutboxMessage.objects.values_list("state", flat=True)) == [OutboxState.PENDING]
    assert len(mail.outbox) == 0


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_on_redis_delivers_what_waited_while_the_broker_was_down(
    world, notice, broker, redis_url, django_capture_on_commit_callbacks
):
    from celery.contrib.testing.worker import start_worker

    app = broker(f"redis://127.0.0.1:{closed_port()}/0")
    with django_capture_on_commit_callbacks(execute=True):
        message = outbox.notify(world.agency_user, "notice_receipt", {"notice": notice})
    assert OutboxMessage.objects.get().state == OutboxState.PENDING

    broker(redis_url)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        sweep_outbox.apply_async()  # what beat does every minute
        # Wait on the outcome, not a count of polls: a loaded machine may take longer.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            message.refresh_from_db()
            if message.state == OutboxState.SENT:
                break
            time.sleep(0.2)
    message.refresh_from_db()
    assert (message.state, len(mail.outbox)) == (OutboxState.SENT, 1)
