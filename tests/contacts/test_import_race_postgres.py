"""A double-click (or twenty) on "Apply" imports the file once, on the real database."""

import threading

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.test import Client
from django.urls import reverse

from contacts.models import ContactProposal, ImportDryRun, PressContact
from portal.twofactor import two_factor_required
from tests.contacts.factories import PressAgencyFactory
from tests.world import build_world, pass_second_factor

CSV = (
    "role,press_agency,full_name\nreporter,Báo Kon Tum,Hồ Văn Lượng\nreporter,Báo Kon Tum,Y Đắk\n"
).encode()
ALREADY = "Tệp này đã được nhập lúc "


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("who", ["agency_user", "reviewer"])  # proposals / live entries
@pytest.mark.parametrize("parallel", [2, 20])
def test_parallel_applies_of_one_dry_run_import_it_exactly_once(who, parallel):
    world = build_world()
    PressAgencyFactory(name="Báo Kon Tum")
    user = getattr(world, who)
    clients = []
    for _ in range(parallel):
        client = Client()
        client.force_login(user)
        if two_factor_required(user):  # as a person would, past the second factor
            pass_second_factor(client, user)
        clients.append(client)
    response = clients[0].post(
        reverse("contacts:import"), {"file": SimpleUploadedFile("moi.csv", CSV)}
    )
    dry_run = response.context["dry_run"]
    barrier = threading.Barrier(parallel)
    answers = []

    def click(client):
        try:
            barrier.wait(timeout=30)
            answer = client.post(reverse("contacts:import_apply"), {"dry_run": dry_run.pk})
            answers.append(
                (answer.status_code, [str(m) for m in get_messages(answer.wsgi_request)])
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert [status for status, _ in answers] == [302] * parallel
    already = [texts for _, texts in answers if texts[0].startswith(ALREADY)]
    assert len(already) == parallel - 1
    assert all(texts[0].endswith("(2 thay đổi): không nhập thêm gì nữa.") for texts in already)
    if who == "reviewer":
        assert sorted(PressContact.objects.values_list("full_name", flat=True)) == [
            "Hồ Văn Lượng",
            "Y Đắk",
        ]
    else:
        assert ContactProposal.objects.count() == 2
    dry_run = ImportDryRun.objects.get()
    assert dry_run.applied_count == 2
