"""The centre's mailbox: settings, one poll of a real IMAP server, failures."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection

from intake.enums import MailState
from intake.models import InboundMail, Mailbox
from intake.services.intake import process_pending
from intake.services.mailboxes import poll_mailbox, take_lease
from intake.tasks import poll_mailboxes
from portal.models import Notification
from tests.intake.conftest import build_mail

ARRIVED = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
INVITATION = "V/v Hội nghị tổng kết năm\nThời gian: 8h00 ngày 15/12/2026\nĐịa điểm: Hội trường xã"


@pytest.fixture
def staff_sender(world):
    world.agency_user.email = "staff@agency.test"
    world.agency_user.save()
    return world.agency_user


@pytest.mark.django_db
def test_polling_does_nothing_until_a_director_configures_a_mailbox(world):
    Mailbox.objects.create(centre=world.centre, host="imap.example.test", username="x")
    assert poll_mailboxes() == 0
    assert InboundMail.objects.count() == 0


@pytest.mark.imap
def test_a_message_is_stored_once_moved_and_received_at_its_internaldate(
    world, staff_sender, dovecot, mailbox_for
):
    box = mailbox_for(world.centre, dovecot)
    raw = build_mail(sender="Staff <staff@agency.test>", subject="Giấy mời", body=INVITATION)
    dovecot.append(raw, when=ARRIVED)

    first = poll_mailbox(box.pk)
    second = poll_mailbox(box.pk)

    stored = InboundMail.objects.get()
    assert (first.ok, len(first.stored), second.stored) == (True, 1, [])
    assert stored.received_at == ARRIVED
    assert stored.state == MailState.FETCHED
    assert stored.raw.read() == raw.replace(b"\n", b"\r\n")
    assert (dovecot.count("INBOX"), dovecot.count("Processed")) == (0, 1)


@pytest.mark.imap
def test_without_a_processed_folder_messages_are_flagged_and_not_read_again(
    world, staff_sender, dovecot, mailbox_for
):
    box = mailbox_for(world.centre, dovecot, processed_folder="")
    dovecot.append(build_mail(sender="staff@agency.test", subject="Giấy mời", body=INVITATION))

    poll_mailbox(box.pk)
    again = poll_mailbox(box.pk)

    assert again.stored == []
    assert InboundMail.objects.count() == 1
    assert dovecot.count("INBOX") == 1
    with dovecot.client() as client:
        client.select_folder("INBOX")
        flags = client.get_flags(client.search(["ALL"]))
    assert [sorted(f) for f in flags.values()] == [[b"$DuaTinImported", b"\\Seen"]]


@pytest.mark.imap
def test_a_message_over_the_size_cap_is_not_downloaded_but_answered(
    world, staff_sender, dovecot, mailbox_for, settings
):
    settings.INTAKE_MAX_MESSAGE_BYTES = 2000
    box = mailbox_for(world.centre, dovecot)
    dovecot.append(
        build_mail(
            sender="staff@agency.test",
            subject="Giấy mời",
            body=INVITATION,
            attachments=[("giay-moi.pdf", b"%PDF-1.4 " + b"0" * 5000, "application", "pdf")],
        )
    )

    poll_mailbox(box.pk)
    process_pending(box.pk)

    stored = InboundMail.objects.get()
    assert (stored.state, stored.problems, stored.notice) == (
        MailState.REFUSED,
        ["too_large"],
        None,
    )
    assert stored.size > 2000
    assert dovecot.count("Processed") == 1  # kept on the server, nothing lost


@pytest.mark.imap
def test_a_wrong_password_is_shown_on_health_and_told_to_the_director_once(
    world, dovecot, mailbox_for, client
):
    box = mailbox_for(world.centre, dovecot, password="wrong")
    dovecot.append(build_mail(sender="staff@agency.test", subject="Giấy mời", body=INVITATION))

    poll_mailbox(box.pk)
    poll_mailbox(box.pk)
    box.refresh_from_db()
    health = client.get("/health/").json()

    assert box.last_error.startswith("LoginError")
    assert health["mailboxes"] == {
        "ok": False,
        "configured": 1,
        "failing": [
            {
                "centre": world.centre.pk,
                "error": "LoginError",
                "since": box.failing_since.isoformat(),
            }
        ],
    }
    told = Notification.objects.filter(kind="intake_mailbox_failed")
    assert list(told.values_list("recipient__username", flat=True)) == ["director"]

    Mailbox.objects.filter(pk=box.pk).update(password=dovecot.password)
    resumed = poll_mailbox(box.pk)
    box.refresh_from_db()
    assert (resumed.ok, len(resumed.stored), box.last_error, box.failure_reported) == (
        True,
        1,
        "",
        False,
    )
    assert client.get("/health/").json()["mailboxes"] == {
        "ok": True,
        "configured": 1,
        "failing": [],
    }


@pytest.mark.django_db
def test_an_unreachable_server_is_recorded_and_the_next_poll_tries_again(world, mailbox_for):
    box = mailbox_for(world.centre, None)  # port 1: nothing listens

    with time_machine.travel(ARRIVED, tick=False):
        result = poll_mailbox(box.pk)
    box.refresh_from_db()

    assert result.ok is False
    assert result.error.startswith("ConnectionRefusedError")
    assert (box.failing_since, box.failure_reported) == (ARRIVED, True)
    assert InboundMail.objects.count() == 0


@pytest.mark.django_db
def test_the_director_edits_the_mailbox_and_the_password_is_never_shown(world, client_for):
    client = client_for(world.director)
    response = client.post(
        "/intake/mailbox/",
        {
            "enabled": "on",
            "host": "imap.gmail.com",
            "port": "993",
            "use_tls": "on",
            "username": "trungtam@gmail.com",
            "password": "app-password",
            "folder": "INBOX",
            "processed_folder": "Đã đọc",
        },
    )
    assert response.status_code == 302
    box = Mailbox.objects.get(centre=world.centre)
    assert (box.host, box.username, box.password, box.is_configured) == (
        "imap.gmail.com",
        "trungtam@gmail.com",
        "app-password",
        True,
    )
    page = client.get("/intake/mailbox/").content.decode()
    assert "app-password" not in page
    stored = Mailbox.objects.filter(pk=box.pk).values_list("password", flat=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT password FROM intake_mailbox WHERE id = %s", [box.pk])
        [(in_the_database,)] = cursor.fetchall()
    assert list(stored) == ["app-password"]
    assert in_the_database.startswith("fernet:")
    assert "app-password" not in in_the_database

    # Saving again with the password left empty keeps it.
    client.post(
        "/intake/mailbox/",
        {
            "host": "imap.gmail.com",
            "port": "993",
            "username": "trungtam@gmail.com",
            "password": "",
            "folder": "INBOX",
            "processed_folder": "Đã đọc",
        },
    )
    box.refresh_from_db()
    assert (box.password, box.enabled) == ("app-password", False)


@pytest.mark.django_db
def test_a_mailbox_switched_on_without_a_server_is_refused_with_a_message(world, client_for):
    client = client_for(world.director)
    response = client.post(
        "/intake/mailbox/",
        {
            "enabled": "on",
            "host": "",
            "port": "993",
            "username": "",
            "password": "",
            "folder": "INBOX",
            "processed_folder": "INBOX",
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Để đọc hộp thư, hãy nhập máy chủ, tên đăng nhập và mật khẩu." in text
    assert Mailbox.objects.get(centre=world.centre).enabled is False


@pytest.mark.django_db
def test_only_the_director_edits_the_mailbox(world, client_for):
    assert client_for(world.reporter).get("/intake/mailbox/").status_code == 403
    assert client_for(world.agency_user).get("/intake/mailbox/").status_code == 403


@pytest.mark.imap
def test_the_beat_task_reads_every_configured_mailbox_and_its_mail(
    world, staff_sender, dovecot, mailbox_for
):
    mailbox_for(world.centre, dovecot)
    mailbox_for(world.centre2, None)  # unreachable: recorded, the other is still read
    dovecot.append(build_mail(sender="staff@agency.test", subject="Giấy mời", body=INVITATION))

    assert poll_mailboxes() == 1
    assert InboundMail.objects.get().state == MailState.NOTICE
    assert Mailbox.objects.get(centre=world.centre2).last_error.startswith("ConnectionRefused")


@pytest.mark.imap
def test_one_worker_polls_a_mailbox_at_a_time_and_a_dead_ones_lease_runs_out(
    world, staff_sender, dovecot, mailbox_for, settings
):
    box = mailbox_for(world.centre, dovecot)
    dovecot.append(build_mail(sender="staff@agency.test", subject="Giấy mời", body=INVITATION))
    with time_machine.travel(ARRIVED, tick=False):
        assert take_lease(box.pk) is True  # another worker is polling (then dies)
        busy = poll_mailbox(box.pk)
    assert (busy.stored, busy.error, dovecot.count("INBOX")) == (
        [],
        "another worker is polling",
        1,
    )
    later = ARRIVED + settings.INTAKE_POLL_LEASE + timedelta(seconds=1)
    with time_machine.travel(later, tick=False):
        taken = poll_mailbox(box.pk)
    box.refresh_from_db()
    assert (len(taken.stored), box.polling_until, dovecot.count("Processed")) == (1, None, 1)
