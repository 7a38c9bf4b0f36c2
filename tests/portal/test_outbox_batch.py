"""A batch of outbox rows goes out over one mail-server connection, each row still
claimed on its own (sent exactly once), and a batch of notes is written in bulk."""

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from portal import outbox
from portal.enums import OutboxState
from portal.models import Notification, OutboxMessage
from portal.tasks import send_outbox_messages

pytestmark = pytest.mark.django_db


class CountingBackend(EmailBackend):
    """The test mail backend, counting the connections opened (as SMTP would)."""

    opened = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_open = False

    def open(self):
        if self.is_open:
            return False
        self.is_open = True
        CountingBackend.opened += 1
        return True

    def close(self):
        self.is_open = False


@pytest.fixture
def counting(settings):
    settings.EMAIL_BACKEND = "tests.portal.test_outbox_batch.CountingBackend"
    CountingBackend.opened = 0
    return CountingBackend


def queued(world, count):
    return [
        outbox.queue_email(world.director.email, "test", f"Thư {n}", "Nội dung", "", None).pk
        for n in range(count)
    ]


def test_a_batch_is_sent_over_one_connection_and_each_row_once(world, counting):
    ids = queued(world, 5)
    assert send_outbox_messages(ids) == [OutboxState.SENT] * 5
    assert send_outbox_messages(ids) == ["skipped"] * 5  # a repeat of the task sends nothing
    assert counting.opened == 1
    assert sorted(m.subject for m in mail.outbox) == [f"Thư {n}" for n in range(5)]
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {OutboxState.SENT}


@pytest.mark.parametrize("count", [2, 12])
def test_notify_many_writes_a_batch_in_constant_queries(
    world, django_assert_num_queries, django_capture_on_commit_callbacks, count
):
    notes = [
        outbox.Note(world.director, "reminder_unassigned", {"notice": None}, url="/x/")
        for _ in range(count)
    ]
    # preferences, notifications, e-mails
    with django_capture_on_commit_callbacks(execute=False), django_assert_num_queries(3):
        created = outbox.notify_many(notes)
    assert len(created) == count
    assert Notification.objects.filter(recipient=world.director).count() == count
