"""Text messages go through the outbox like e-mails: a row first, sent by the backend
SMS_BACKEND names, kept waiting when the gateway is down."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from portal import outbox, sms
from portal.enums import OutboxChannel, OutboxState
from portal.models import OutboxMessage


def test_an_sms_is_a_row_first_and_the_backend_sends_it(db, settings):
    settings.SMS_BACKEND = "portal.sms.LocmemBackend"
    sms.outbox.clear()
    message = outbox.notify_phone(
        " 0900 000 777 ", "data_request_code", {"code": "123456", "minutes": 30}
    )
    assert (message.channel, message.to_phone, message.state) == (
        OutboxChannel.SMS,
        "0900 000 777",
        OutboxState.PENDING,
    )
    assert outbox.deliver(message.pk) == OutboxState.SENT
    assert [(m.to, m.reference) for m in sms.outbox] == [("0900 000 777", str(message.pk))]
    assert "123456" in sms.outbox[0].body
    sms.outbox.clear()


def test_while_the_gateway_is_down_the_sms_waits_in_the_outbox_and_goes_later(db, settings):
    settings.SMS_BACKEND = "portal.sms.DownBackend"
    sms.outbox.clear()
    message = outbox.notify_phone(
        "0900 000 777", "data_request_code", {"code": "123456", "minutes": 30}
    )
    assert outbox.deliver(message.pk) == OutboxState.PENDING
    message.refresh_from_db()
    assert (message.state, message.attempts, message.last_error) == (
        OutboxState.PENDING,
        1,
        "SmsUnavailable: SMS gateway unreachable",
    )
    settings.SMS_BACKEND = "portal.sms.LocmemBackend"
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        assert outbox.deliver(message.pk) == OutboxState.SENT
    assert [m.to for m in sms.outbox] == ["0900 000 777"]
    sms.outbox.clear()


def test_the_file_backend_writes_one_file_per_message(db, settings, tmp_path):
    settings.SMS_BACKEND = "portal.sms.FileBackend"
    settings.SMS_FILE_PATH = str(tmp_path)
    message = outbox.notify_phone(
        "0900 000 777", "data_request_code", {"code": "654321", "minutes": 30}
    )
    assert outbox.deliver(message.pk) == OutboxState.SENT
    (written,) = tmp_path.iterdir()
    assert written.read_text(encoding="utf-8").startswith("To: 0900 000 777\n\n")
    assert "654321" in written.read_text(encoding="utf-8")
    assert OutboxMessage.objects.get().sent_at is not None


def test_phone_numbers_compare_by_their_national_digits():
    assert {sms.phone_key(p) for p in ("0900 000 777", "+84 900.000.777", "84900000777")} == {
        "900000777"
    }
    assert sms.phone_key("113") == ""
