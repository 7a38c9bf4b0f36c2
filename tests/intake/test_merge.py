"""Staff merge two notices of one event: the duplicate is cancelled through the
lifecycle, its files move to the one kept."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.files.base import ContentFile

from events.enums import AttachmentKind, NoticeStatus
from events.services.notices import Upload, submit_notice

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def notice(world, agency=None, title="Hội nghị tổng kết", files=()):
    agency = agency or world.agency
    return submit_notice(
        agency=agency,
        by=world.agency_user,
        data={
            "title": title,
            "starts_at": datetime(2026, 12, 15, 1, 0, tzinfo=UTC),
            "ends_at": datetime(2026, 12, 15, 3, 0, tzinfo=UTC),
            "address": "Hội trường",
        },
        uploads=[
            Upload(AttachmentKind.INVITATION, ContentFile(b"%PDF-1.4", name=f)) for f in files
        ],
    )


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.mark.django_db
def test_the_director_merges_a_duplicate_into_the_notice_kept(world, client_for):
    keep, duplicate = notice(world), notice(world, files=["giay-moi.pdf"])
    client = client_for(world.director)
    page = client.get(f"/events/{duplicate.pk}/").content.decode()
    assert f'action="/intake/notices/{duplicate.pk}/merge/"' in page

    response = client.post(f"/intake/notices/{duplicate.pk}/merge/", {"into": keep.pk})
    again = client.post(f"/intake/notices/{duplicate.pk}/merge/", {"into": keep.pk})

    duplicate.refresh_from_db()
    assert (response.status_code, response.url) == (302, f"/events/{keep.pk}/")
    assert again.status_code == 403  # a cancelled notice is merged no more
    assert (duplicate.status, duplicate.cancel_reason) == (
        NoticeStatus.CANCELLED,
        f"Đã gộp vào thông báo #{keep.pk}",
    )
    assert [a.original_name for a in keep.attachments.all()] == ["giay-moi.pdf"]
    assert duplicate.history.first().history_change_reason == (
        f"Đã hủy: Đã gộp vào thông báo #{keep.pk}"
    )


@pytest.mark.django_db
def test_merging_into_itself_or_a_bad_number_changes_nothing(world, client_for):
    one = notice(world)
    client = client_for(world.director)
    itself = client.post(f"/intake/notices/{one.pk}/merge/", {"into": one.pk}, follow=True)
    bad = client.post(f"/intake/notices/{one.pk}/merge/", {"into": "x"}, follow=True)
    one.refresh_from_db()
    assert "Không thể gộp một thông báo vào chính nó." in itself.content.decode()
    assert "Hãy nhập số của thông báo cần giữ lại." in bad.content.decode()
    assert one.status == NoticeStatus.RECEIVED


@pytest.mark.django_db
def test_outsiders_and_agency_staff_cannot_merge(world, client_for):
    keep, duplicate = notice(world), notice(world)
    other = notice(world, agency=world.agency_other)
    director2 = client_for(world.director2)
    assert (
        director2.post(f"/intake/notices/{duplicate.pk}/merge/", {"into": keep.pk}).status_code
        == 404
    )
    director = client_for(world.director)
    assert (
        director.post(f"/intake/notices/{duplicate.pk}/merge/", {"into": other.pk}).status_code
        == 404
    )
    agency = client_for(world.agency_user)
    assert (
        agency.post(f"/intake/notices/{duplicate.pk}/merge/", {"into": keep.pk}).status_code == 403
    )
    duplicate.refresh_from_db()
    assert duplicate.status == NoticeStatus.RECEIVED
