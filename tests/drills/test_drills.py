"""Reliability drills: real Redis, a real prefork Celery worker, a real SMTP conversation.

Run with PostgreSQL and Redis, e.g.
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h6 CELERY_BROKER_URL=redis://127.0.0.1:6379/6 \
    .venv/bin/python -m pytest tests/drills -q -s
Each drill prints its figures (counts, durations) with -s.
"""

import time
from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from events.services.notices import submit_notice
from newsroom.enums import ReminderKind
from newsroom.models import Reminder
from newsroom.services import reminders
from portal.enums import OutboxState
from portal.models import OutboxMessage
from portal.outbox import queue_email
from portal.tasks import sweep_outbox
from tests.drills.conftest import DEAD_BROKER, broker, wait_for
from tests.drills.smtp_sink import SmtpSink, free_port
from tests.factories import UserFactory
from tests.world import pass_second_factor

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]


def states(ids) -> dict[str, int]:
    rows = OutboxMessage.objects.filter(pk__in=ids).values_list("state", flat=True)
    found: dict[str, int] = {}
    for state in rows:
        found[state] = found.get(state, 0) + 1
    return found


def notice_data(world, n):
    start = timezone.now() + timedelta(days=3, hours=n)
    return {
        "title": f"Hội nghị diễn tập số {n}",
        "kind": "planned",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "locality": world.locality,
        "address": "Hội trường UBND huyện",
        "contact_name": "Chị Hoa",
        "contact_phone": "0912345678",
    }


def sweep_until(predicate, timeout, every=2.0, what="delivery"):
    """Send the sweeper to the worker every few seconds until `predicate()` holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sweep_outbox.delay()
        try:
            return wait_for(predicate, every, what=what)
        except AssertionError:
            continue
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def test_broker_down_notices_succeed_and_the_sweeper_delivers_each_once(
    world, workers, clean_redis
):
    started = time.monotonic()
    with broker(DEAD_BROKER):
        notices = [
            submit_notice(agency=world.agency, by=world.agency_user, data=notice_data(world, n))
            for n in range(50)
        ]
    submit_seconds = time.monotonic() - started
    ids = list(OutboxMessage.objects.values_list("pk", flat=True))
    assert len(notices) == 50
    assert len(ids) == 50
    assert states(ids) == {OutboxState.PENDING: 50}

    with SmtpSink() as sink, broker(clean_redis):
        workers.start(sink.port)
        started = time.monotonic()
        sweep_outbox.delay()
        wait_for(lambda: states(ids) == {OutboxState.SENT: 50}, 60, what="50 sent")
        deliver_seconds = time.monotonic() - started
        time.sleep(1)  # anything sent twice would arrive now
    assert sink.counts == {str(pk): 1 for pk in ids}
    print(
        f"\n[drill broker-down] 50 submissions with Redis unreachable in {submit_seconds:.2f}s; "
        f"50 pending rows; swept and delivered in {deliver_seconds:.2f}s; "
        f"{sum(sink.counts.values())} messages at the sink, {len(sink.counts)} distinct"
    )


def test_worker_killed_mid_delivery_all_500_reminders_arrive_once(world, workers, clean_redis):
    recipients = [UserFactory(username=f"drill{n}") for n in range(5)]
    now = timezone.now()
    Reminder.objects.bulk_create(
        Reminder(
            recipient=recipients[n % 5],
            kind=ReminderKind.COMPLIANCE_MONTHLY,
            due_at=now,
            dedupe_key=f"drill:{n}",
            context={
                "month": "10/2026",
                "agency__name": "Phòng Văn hóa",
                "total": n,
                "on_time": n,
                "late": 0,
                "after_fact": 0,
                "exempt": 0,
                "rate": 100,
            },
        )
        for n in range(500)
    )
    with SmtpSink(hold_after=100) as sink, broker(clean_redis):
        started = time.monotonic()
        assert reminders.send_due(limit=1000) == 500  # 500 outbox rows, 500 tasks in Redis
        queue_seconds = time.monotonic() - started
        ids = list(OutboxMessage.objects.values_list("pk", flat=True))
        assert len(ids) == 500

        # A mark per message (OUTBOX_MARK_EVERY=1): this drill is about the one-message
        # window. With the default (10) the two worker processes each hold up to ten
        # accepted, unmarked rows while the sink holds their next reply, and a kill then
        # sends those again (the documented at-least-once window of deliver_many).
        first = workers.start(sink.port, OUTBOX_STUCK_SECONDS=3, OUTBOX_MARK_EVERY=1)
        started = time.monotonic()
        wait_for(lambda: sink.accepted >= 100 and sink.waiting >= 1, 60, what="100 delivered")
        # The sink holds every reply after the 100th, so no more are accepted. Kill only
        # once each accepted message is marked sent: a kill between the server's "250"
        # and that update is the one window where a message can go twice (at-least-once
        # over SMTP), and a loaded machine would otherwise hit it by chance.
        wait_for(
            lambda: states(ids).get(OutboxState.SENT, 0) == sink.accepted,
            30,
            what="the accepted messages to be marked sent",
        )
        first.kill()
        killed_after = time.monotonic() - started
        at_kill = states(ids)
        sink.release()  # held messages find their client gone and are discarded

        workers.start(sink.port, OUTBOX_STUCK_SECONDS=3, OUTBOX_MARK_EVERY=1)
        sweep_until(lambda: states(ids) == {OutboxState.SENT: 500}, 120, what="500 sent")
        total_seconds = time.monotonic() - started
        time.sleep(1)
    assert sink.counts == {str(pk): 1 for pk in ids}
    assert at_kill.get(OutboxState.SENDING, 0) >= 1  # some rows really were in flight
    print(
        f"\n[drill worker-killed] 500 reminders → outbox in {queue_seconds:.2f}s; "
        f"SIGKILL after {killed_after:.2f}s with states {at_kill}; "
        f"{sink.discarded} in-flight messages discarded by the sink; "
        f"all 500 sent {total_seconds:.2f}s after the first start; "
        f"sink: {sum(sink.counts.values())} messages, {len(sink.counts)} distinct"
    )


def test_mail_server_down_rows_back_off_then_fail_or_arrive_once(
    world, workers, clean_redis, client, django_user_model
):
    port = free_port()  # nothing listens here until the sink starts
    with broker(clean_redis):
        workers.start(port, OUTBOX_RETRY_BASE_SECONDS=1, OUTBOX_MAX_ATTEMPTS=3)

        def queue(n, prefix):
            with transaction.atomic():
                return [
                    queue_email(f"{prefix}{i}@example.vn", "drill", f"{prefix} {i}", "text", "").pk
                    for i in range(n)
                ]

        # A: the mail server stays down until they give up.
        started = time.monotonic()
        doomed = queue(3, "a")
        wait_for(
            lambda: all(m.attempts == 1 for m in OutboxMessage.objects.filter(pk__in=doomed)),
            30,
            what="first failures",
        )
        first = OutboxMessage.objects.filter(pk__in=doomed).order_by("pk")
        assert {m.state for m in first} == {OutboxState.PENDING}
        assert all("Connection refused" in m.last_error for m in first)
        assert all(m.next_attempt_at > m.claimed_at for m in first)  # backoff
        sweep_until(lambda: states(doomed) == {OutboxState.FAILED: 3}, 60, every=1, what="failed")
        give_up_seconds = time.monotonic() - started
        assert sorted(
            OutboxMessage.objects.filter(pk__in=doomed).values_list("attempts", flat=True)
        ) == [3, 3, 3]

        # B: one failure, then the mail server comes back.
        waiting = queue(5, "b")
        wait_for(
            lambda: all(m.attempts == 1 for m in OutboxMessage.objects.filter(pk__in=waiting)),
            30,
            what="B first failure",
        )
        assert states(waiting) == {OutboxState.PENDING: 5}
        with SmtpSink(port=port) as sink:
            started = time.monotonic()
            sweep_until(
                lambda: states(waiting) == {OutboxState.SENT: 5}, 60, every=1, what="B sent"
            )
            recover_seconds = time.monotonic() - started
            assert sink.counts == {str(pk): 1 for pk in waiting}

            # Admins see the failures and retry them.
            admin = django_user_model.objects.create_superuser("root", "root@example.vn", "x")
            client.force_login(admin)
            pass_second_factor(client, admin)
            home = client.get(reverse("admin:index")).content.decode()
            notice = home.split('data-testid="outbox-failed">', 1)[1].split("</li>", 1)[0]
            assert notice.split()[0] == "3"
            assert "?state__exact=failed" in notice
            response = client.post(
                reverse("admin:portal_outboxmessage_changelist"),
                {"action": "retry_now", "_selected_action": doomed},
            )
            assert response.status_code == 302
            sweep_until(
                lambda: states(doomed) == {OutboxState.SENT: 3}, 60, every=1, what="retried A sent"
            )
            time.sleep(1)
            assert sink.counts == {str(pk): 1 for pk in waiting + doomed}
    print(
        f"\n[drill smtp-down] 3 rows failed after 3 attempts in {give_up_seconds:.2f}s "
        f"(backoff base 1 s); 5 rows delivered {recover_seconds:.2f}s after the sink "
        f"came back, once each; admin retry delivered the 3 failed rows once each"
    )
