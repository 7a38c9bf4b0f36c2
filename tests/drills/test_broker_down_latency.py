"""Drill: with the broker refusing connections, or accepting them and never answering, a
request that queues ten e-mails still answers in under a second, and the sweeper later
delivers each message exactly once.

A bounded drill, so it times the request: the bound is the point (one publish attempt of
OUTBOX_PUBLISH_TIMEOUT, 0.3 s, then the cool-down). It asserts the broker's share, the
after-commit hand-over, under 1 s, and prints the whole request too (0.3-0.6 s on an idle
machine; the database and rendering part grows on a loaded one, the bounded part does not). Runs on
SQLite with locmem mail; no Redis or worker needed, the broker is the fault itself.
Figures are printed with -s.
"""

import socket
import threading
import time
from contextlib import contextmanager
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from contacts.enums import PressLevel
from events.models import PressInvitation
from portal import outbox
from portal.celery import warm_broker_transport
from portal.enums import OutboxState
from portal.models import OutboxMessage
from tests.contacts.factories import PressAgencyFactory, PressContactFactory
from tests.drills.conftest import broker
from tests.factories import NoticeFactory
from tests.forms import with_token

VN = ZoneInfo("Asia/Ho_Chi_Minh")
MESSAGES = 10


@contextmanager
def refused_port():
    """A port nothing listens on: connecting is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    yield port


@contextmanager
def silent_listener():
    """A port that accepts connections and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            accepted.append(conn)  # keep it open, read nothing, answer nothing

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join(2)
        for conn in accepted:
            conn.close()
        server.close()


@pytest.fixture
def notice(world):
    return NoticeFactory(
        agency=world.agency,
        title="Lễ khánh thành cầu Đăk Ruồng",
        starts_at=datetime(2030, 5, 19, 8, 0, tzinfo=VN),
        ends_at=datetime(2030, 5, 19, 10, 30, tzinfo=VN),
        locality=world.locality,
    )


@pytest.fixture
def ten_press_contacts(db):
    provincial = PressAgencyFactory(
        name="Báo và Phát thanh – Truyền hình tỉnh", level=PressLevel.PROVINCIAL
    )
    return [
        PressContactFactory(
            press_agency=provincial, full_name=f"Phóng viên {n}", email=f"pv{n}@example.vn"
        )
        for n in range(MESSAGES)
    ]


@pytest.mark.parametrize("fault", [refused_port, silent_listener], ids=["refused", "silent"])
def test_ten_messages_with_the_broker_down_answer_in_under_a_second_then_arrive_once(
    fault, world, notice, ten_press_contacts, client_for, django_capture_on_commit_callbacks
):
    # In production the Redis transport is imported when the app starts (the broker URL is
    # Redis there); here the settings may name the filesystem broker, so warm it the same
    # way, or the first request would also pay the one-off ~0.4 s import.
    warm_broker_transport("redis://")
    client = client_for(world.agency_user)
    url = reverse("events:invite", args=[notice.pk])
    with fault() as port, broker(f"redis://127.0.0.1:{port}/0"):
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            response = client.post(url, with_token(all_provincial="on"))
        request_seconds = time.monotonic() - started
        # What the broker costs: the after-commit hand-over, timed on its own so that a
        # loaded machine's slower database work does not count against the bound.
        started = time.monotonic()
        for callback in callbacks:
            callback()
        handover_seconds = time.monotonic() - started

        assert response.status_code == 302
        assert len(callbacks) == 1  # one hand-over for the transaction's ten rows
        assert PressInvitation.objects.count() == MESSAGES
        assert set(OutboxMessage.objects.values_list("state", flat=True)) == {OutboxState.PENDING}
        assert mail.outbox == []
        print(
            f"\n{fault.__name__}: {MESSAGES} messages queued; request "
            f"{request_seconds + handover_seconds:.3f} s, of which the broker hand-over "
            f"{handover_seconds:.3f} s"
        )
        assert handover_seconds < 1.0

        # A second request right after: the cool-down means no attempt at all.
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            outbox.notify_address("them@example.vn", "press_invitation", {"notice": notice})
        again_seconds = time.monotonic() - started
        print(f"{fault.__name__}: next message while cooling down {again_seconds:.3f} s")
        assert again_seconds < 0.2

        # The beat sweeper, while the broker is still down: it delivers in-process.
        started = time.monotonic()
        assert outbox.sweep() == MESSAGES + 1
        sweep_seconds = time.monotonic() - started
        assert outbox.sweep() == 0  # nothing left; nothing is sent twice
    print(f"{fault.__name__}: sweep delivered {MESSAGES + 1} in {sweep_seconds:.3f} s")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [f"pv{n}@example.vn" for n in range(MESSAGES)] + ["them@example.vn"]
    )
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {OutboxState.SENT}
