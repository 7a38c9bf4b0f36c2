"""Twenty parallel identical requests on PostgreSQL, with real threads: one record, one
decision, and every answer a redirect to it (no error page)."""

import re
import threading
from datetime import timedelta

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events.enums import NoticeKind, StoryAction, StoryStatus
from events.models import Notice
from portal.idempotency import FIELD
from portal.models import SubmissionToken
from portal.twofactor import two_factor_required
from tests.factories import StoryFactory
from tests.world import build_world, pass_second_factor

PARALLEL = 20


def in_parallel(clients, send) -> list:
    """`send(client)` from one thread per client, all released at once; the answers."""
    barrier = threading.Barrier(len(clients))
    answers = [None] * len(clients)

    def run(i, client):
        try:
            barrier.wait(timeout=30)
            answers[i] = send(client)
        except Exception as exc:  # noqa: BLE001 (an error is an answer the test reports)
            answers[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


def signed_in(user, n) -> list[Client]:
    clients = []
    for _ in range(n):
        client = Client()
        client.force_login(user)
        if two_factor_required(user):  # as a person would, past the second factor
            pass_second_factor(client, user)
        clients.append(client)
    return clients


def summary(answers) -> list:
    return [
        (a.status_code, a.get("Location")) if hasattr(a, "status_code") else repr(a)
        for a in answers
    ]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_posts_of_one_notice_form_create_one_notice():
    world = build_world()
    clients = signed_in(world.agency_user, PARALLEL)
    page = clients[0].get(reverse("events:create")).content.decode()
    (token,) = re.findall(r'name="submission_token" value="([^"]+)"', page)
    start = timezone.localtime() + timedelta(days=2)
    data = {
        "title": "Hội nghị tổng kết năm",
        "kind": NoticeKind.PLANNED,
        "starts_at": start.strftime("%d/%m/%Y %H:%M"),
        "ends_at": (start + timedelta(hours=2)).strftime("%d/%m/%Y %H:%M"),
        "locality": world.locality.pk,
        "address": "Hội trường UBND xã",
        "contact_name": "Chị Hoa",
        "contact_phone": "0912 345 678",
        FIELD: token,
    }

    answers = in_parallel(clients, lambda c: c.post(reverse("events:create"), data))

    notice = Notice.objects.get()  # exactly one
    detail = reverse("events:detail", args=[notice.pk])
    assert summary(answers) == [(302, detail)] * PARALLEL
    assert SubmissionToken.objects.get().redirect_url == detail


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_approvals_make_one_decision_and_no_error_page():
    world = build_world()
    story = StoryFactory(
        agency=world.agency, status=StoryStatus.IN_REVIEW, claimed_by=world.director
    )
    clients = signed_in(world.director, PARALLEL)
    approve = reverse("stories:approve", args=[story.pk])

    # Two waves of ten: the first races inside the service's row lock; the second arrives
    # once the decision is committed (a retry), where the review permission is gone.
    half = PARALLEL // 2
    answers = in_parallel(clients[:half], lambda c: c.post(approve))
    answers += in_parallel(clients[half:], lambda c: c.post(approve))

    detail = reverse("stories:detail", args=[story.pk])
    assert summary(answers) == [(302, detail)] * PARALLEL
    story.refresh_from_db()
    assert story.status == StoryStatus.APPROVED
    assert story.decisions.filter(action=StoryAction.APPROVED).count() == 1
