"""Against a real Dovecot: twenty invitations, two intake workers at once, and a worker
that died mid-batch. Whatever the interleaving, each message is one notice or draft,
answered once, and filed away on the server."""

import threading
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from events.models import Notice
from intake.enums import MailState
from intake.models import InboundMail
from intake.services.intake import process_mail, process_pending
from intake.services.mailboxes import claim, poll_mailbox
from portal.models import OutboxMessage
from tests.intake.conftest import build_mail

ARRIVED = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
COUNT = 20


def twenty_invitations(dovecot):
    """Half from the agency's staff (notices), half from strangers (drafts)."""
    for n in range(COUNT):
        sender = "staff@agency.test" if n % 2 == 0 else f"khach{n}@ngoai.test"
        body = f"V/v Hội nghị chuyên đề số {n}\nThời gian: 8h00 ngày {n + 2:02d}/12/2026"
        dovecot.append(
            build_mail(sender=sender, subject=f"Giấy mời {n}", body=body),
            when=ARRIVED + timedelta(minutes=n),
        )


def assert_each_message_once(dovecot):
    mails = InboundMail.objects.all()
    assert mails.count() == COUNT
    assert Counter(mails.values_list("state", flat=True)) == {
        MailState.NOTICE: COUNT // 2,
        MailState.DRAFT: COUNT // 2,
    }
    assert Notice.objects.count() == COUNT // 2
    replies = Counter(
        OutboxMessage.objects.filter(kind="intake_reply").values_list("to_email", "subject")
    )
    assert len(replies) == COUNT
    assert set(replies.values()) == {1}
    assert (dovecot.count("INBOX"), dovecot.count("Processed")) == (0, COUNT)


@pytest.fixture
def staff(world):
    world.agency_user.email = "staff@agency.test"
    world.agency_user.save()
    return world.agency_user


@pytest.mark.imap
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_import_each_of_twenty_messages_once(
    world, staff, dovecot, mailbox_for
):
    box = mailbox_for(world.centre, dovecot)
    twenty_invitations(dovecot)
    start = threading.Barrier(2)
    errors = []

    def worker():
        try:
            start.wait()
            poll_mailbox(box.pk)
            process_pending(box.pk)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    poll_mailbox(box.pk)  # a later poll finds nothing left to do
    process_pending(box.pk)

    assert errors == []
    assert_each_message_once(dovecot)


@pytest.mark.imap
def test_a_worker_that_died_mid_batch_leaves_nothing_to_import_twice(
    world, staff, dovecot, mailbox_for
):
    box = mailbox_for(world.centre, dovecot)
    twenty_invitations(dovecot)
    # What a worker killed mid-batch leaves: 7 messages recorded but neither read nor
    # filed away, 3 of them read and answered but still in the folder.
    with dovecot.client() as client:
        client.normalise_times = False  # as the intake reads it: with the server's offset
        info = client.select_folder("INBOX")
        uids = sorted(client.search(["ALL"]))[:7]
        fetched = client.fetch(uids, ["BODY.PEEK[]", "INTERNALDATE"])
    for uid in uids:
        mail = claim(
            box,
            uidvalidity=int(info[b"UIDVALIDITY"]),
            uid=uid,
            header=b"",
            raw=fetched[uid][b"BODY[]"],
            received_at=fetched[uid][b"INTERNALDATE"],
            size=len(fetched[uid][b"BODY[]"]),
        )
        if uid in uids[:3]:
            process_mail(mail.pk)

    # The restarted worker.
    result = poll_mailbox(box.pk)
    process_pending(box.pk)

    assert (len(result.stored), result.filed) == (COUNT - 7, COUNT)
    assert_each_message_once(dovecot)
    assert sorted(InboundMail.objects.values_list("received_at", flat=True)) == [
        ARRIVED + timedelta(minutes=n) for n in range(COUNT)
    ]
