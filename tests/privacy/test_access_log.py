"""The access log: every internal read of the directory's personal data, by whom and when;
searchable and exportable by reviewers and administrators only."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contacts.enums import AccessKind
from contacts.models import AccessRecord
from tests.contacts.factories import PressContactFactory

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOON = datetime(2026, 12, 1, 12, 0, tzinfo=TZ)
LOG = reverse("privacy:access_log")


def logged():
    return list(
        AccessRecord.objects.order_by("pk").values_list("user__username", "what", "entry_id", "at")
    )


def test_each_internal_view_and_export_is_recorded_with_user_and_time(client_for, world):
    contact = PressContactFactory()
    client = client_for(world.reporter)
    with time_machine.travel(NOON, tick=False):
        client.get(reverse("contacts:directory"), {"q": "dak ha"})
        client.get(reverse("contacts:contact", args=[contact.pk]))
        b"".join(
            client.get(reverse("contacts:public_export", args=["csv"]), {"fields": "internal"})
        )
        b"".join(client.get(reverse("contacts:public_export", args=["csv"])))  # public: not logged
        client.post(
            reverse("contacts:import"),
            {"file": SimpleUploadedFile("ds.csv", b"role,full_name\nreporter,A B\n", "text/csv")},
        )
    assert logged() == [
        ("reporter", AccessKind.DIRECTORY, None, NOON),
        ("reporter", AccessKind.ENTRY, contact.pk, NOON),
        ("reporter", AccessKind.EXPORT, None, NOON),
        ("reporter", AccessKind.IMPORT, None, NOON),
    ]
    assert AccessRecord.objects.get(what=AccessKind.DIRECTORY).detail == "q=dak+ha"
    assert AccessRecord.objects.get(what=AccessKind.IMPORT).detail == "ds.csv (1)"


def test_reviewers_search_the_log_and_export_it(client_for, world):
    contact = PressContactFactory()
    client_for(world.reporter).get(reverse("contacts:contact", args=[contact.pk]))
    client_for(world.director).get(reverse("contacts:directory"))
    reviewer = client_for(world.reviewer)

    page = reviewer.get(LOG, {"user": "report", "what": AccessKind.ENTRY})
    rows = list(page.context["page"].object_list)
    assert [(r.user.username, r.entry_id) for r in rows] == [("reporter", contact.pk)]
    export = b"".join(reviewer.get(reverse("privacy:access_log_export"), {"user": "director"}))
    lines = export.decode("utf-8-sig").strip().splitlines()
    assert lines[0] == "Thời gian,Tài khoản,Trang hoặc tệp đã xem,Mục danh bạ,Chi tiết"
    assert [line.split(",")[1:3] for line in lines[1:]] == [["director", "Trang danh bạ nội bộ"]]


@pytest.mark.parametrize("who", ["agency_user", "reporter", "director"])
def test_only_reviewers_and_administrators_read_the_log(client_for, world, who):
    client = client_for(getattr(world, who))
    assert client.get(LOG).status_code == 403
    assert client.get(reverse("privacy:access_log_export")).status_code == 403


def test_an_administrator_reads_the_log(client_for, administrator, world):
    client_for(world.reporter).get(reverse("contacts:directory"))
    response = client_for(administrator).get(LOG)
    assert [r.user.username for r in response.context["page"].object_list] == ["reporter"]


@pytest.mark.parametrize("count", [1, 3])
def test_access_log_query_count_is_constant(client_for, world, django_assert_num_queries, count):
    for _ in range(count):
        AccessRecord.objects.create(user=world.reporter, what=AccessKind.DIRECTORY)
    client = client_for(world.reviewer)
    with django_assert_num_queries(7):
        response = client.get(LOG)
    assert len(response.context["page"].object_list) == count


def test_a_page_that_fails_after_reading_personal_data_is_still_logged(world):
    from contacts.services.access import collecting, record_read

    contact = PressContactFactory()
    with pytest.raises(RuntimeError), collecting():
        record_read(world.reporter, AccessKind.ENTRY, entry_id=contact.pk)
        record_read(world.reporter, AccessKind.DIRECTORY, detail="q=x")
        raise RuntimeError("the template failed after the data was read")
    assert [(r.user_id, r.what, r.entry_id) for r in AccessRecord.objects.order_by("pk")] == [
        (world.reporter.pk, AccessKind.ENTRY, contact.pk),
        (world.reporter.pk, AccessKind.DIRECTORY, None),
    ]


def test_a_view_that_raises_still_leaves_its_log_row(client_for, world, monkeypatch):
    from contacts.views import directory as views

    contact = PressContactFactory()

    def broken(*args, **kwargs):
        raise RuntimeError("rendering failed")

    monkeypatch.setattr(views, "render", broken)
    client = client_for(world.reporter)
    client.raise_request_exception = False
    response = client.get(reverse("contacts:contact", args=[contact.pk]))
    assert response.status_code == 500
    assert logged()[0][:3] == ("reporter", AccessKind.ENTRY, contact.pk)
