"""A refused form keeps its files: pending uploads tied to the form's token and user."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from events.enums import NoticeKind
from events.models import Notice, NoticeAttachment, Story, StoryAttachment, StoryPhoto
from portal.idempotency import FIELD
from portal.models import PendingUpload
from portal.pending import REMOVE_FIELD
from portal.tasks import prune_pending_uploads
from tests.events.story_files import PDF_BYTES, photo, upload
from tests.factories import NoticeFactory
from tests.forms import with_token

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=HCM)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False), translation.override("en"):
        yield


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def late_notice(world, **extra):
    starts_at = NOW + timedelta(hours=5)  # a planned event 5 hours ahead: late
    return with_token(
        {
            "title": "Hội nghị tổng kết năm",
            "kind": NoticeKind.PLANNED,
            "starts_at": starts_at.strftime("%d/%m/%Y %H:%M"),
            "ends_at": (starts_at + timedelta(hours=2)).strftime("%d/%m/%Y %H:%M"),
            "locality": world.locality.pk,
            "address": "Hội trường UBND xã",
            "contact_name": "Chị Hoa",
            "contact_phone": "0912 345 678",
        },
        **extra,
    )


def pdf(name="giay-moi.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def test_a_refused_late_notice_keeps_its_file_and_the_confirmed_resend_attaches_it(
    client_for, world
):
    client = client_for(world.agency_user)
    data = late_notice(world)
    response = client.post(reverse("events:create"), {**data, "invitation_files": pdf()})
    assert response.status_code == 200
    assert Notice.objects.count() == 0
    kept = PendingUpload.objects.get()
    assert (kept.field, kept.original_name, kept.size, kept.user, kept.token) == (
        "invitation_files",
        "giay-moi.pdf",
        len(PDF_BYTES),
        world.agency_user,
        data[FIELD],
    )
    page = response.content.decode()
    assert "already attached" in page
    assert f'value="{kept.key}"' in page
    # The resend chooses no file: the kept one is attached.
    response = client.post(reverse("events:create"), {**data, "confirm_late": "on"})
    notice = Notice.objects.get()
    assert response.status_code == 302
    attachment = NoticeAttachment.objects.get()
    assert (attachment.notice, attachment.original_name, attachment.kind) == (
        notice,
        "giay-moi.pdf",
        "invitation",
    )
    assert attachment.file.read() == PDF_BYTES
    assert PendingUpload.objects.count() == 0


def test_a_kept_file_can_be_removed_before_sending(client_for, world):
    client = client_for(world.agency_user)
    data = late_notice(world)
    client.post(reverse("events:create"), {**data, "press_release_files": pdf("thong-cao.pdf")})
    kept = PendingUpload.objects.get()
    client.post(reverse("events:create"), {**data, "confirm_late": "on", REMOVE_FIELD: kept.key})
    assert Notice.objects.count() == 1
    assert NoticeAttachment.objects.count() == 0
    assert PendingUpload.objects.count() == 0


def test_removing_a_kept_file_in_a_refused_resend_drops_only_that_file(client_for, world):
    client = client_for(world.agency_user)
    data = late_notice(world)
    client.post(
        reverse("events:create"),
        {**data, "invitation_files": pdf("a.pdf"), "speech_files": pdf("b.pdf")},
    )
    removed = PendingUpload.objects.get(original_name="a.pdf")
    response = client.post(reverse("events:create"), {**data, REMOVE_FIELD: removed.key})
    assert response.status_code == 200
    assert list(PendingUpload.objects.values_list("original_name", flat=True)) == ["b.pdf"]
    assert "a.pdf" not in response.content.decode()


def test_a_file_that_fails_its_checks_is_not_kept(client_for, world):
    fake = SimpleUploadedFile("giay-moi.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    response = client_for(world.agency_user).post(
        reverse("events:create"), {**late_notice(world), "invitation_files": fake}
    )
    assert "invitation_files" in response.context["form"].errors
    assert PendingUpload.objects.count() == 0


def test_another_user_sending_the_same_token_does_not_get_the_files(client_for, world):
    data = late_notice(world)
    client_for(world.agency_user).post(
        reverse("events:create"), {**data, "invitation_files": pdf()}
    )
    colleague = client_for(world.agency2_user)
    response = colleague.post(reverse("events:create"), {**data, "confirm_late": "on"})
    assert response.status_code == 302
    assert NoticeAttachment.objects.count() == 0
    assert PendingUpload.objects.filter(user=world.agency_user).count() == 1


def test_an_edit_form_keeps_its_files_with_its_own_token(client_for, world):
    notice = NoticeFactory(
        agency=world.agency,
        locality=world.locality,
        created_by=world.agency_user,
        starts_at=NOW + timedelta(days=3),
        ends_at=NOW + timedelta(days=3, hours=2),
    )
    client = client_for(world.agency_user)
    page = client.get(reverse("events:edit", args=[notice.pk]))
    token = page.context["form"]["upload_token"].value()
    data = {
        "upload_token": token,
        "title": "",  # refused: the title is required
        "kind": notice.kind,
        "starts_at": notice.starts_at.astimezone(HCM).strftime("%d/%m/%Y %H:%M"),
        "ends_at": notice.ends_at.astimezone(HCM).strftime("%d/%m/%Y %H:%M"),
        "locality": world.locality.pk,
        "address": "Hội trường",
        "contact_name": "Chị Hoa",
        "contact_phone": "0912 345 678",
    }
    url = reverse("events:edit", args=[notice.pk])
    response = client.post(url, {**data, "speech_files": pdf("phat-bieu.pdf")})
    assert response.status_code == 200
    assert PendingUpload.objects.get().token == token
    response = client.post(url, {**data, "title": "Hội nghị"})
    assert response.status_code == 302
    assert list(notice.attachments.values_list("original_name", "kind")) == [
        ("phat-bieu.pdf", "speech")
    ]
    assert PendingUpload.objects.count() == 0


def test_a_refused_story_keeps_its_photo_and_document(client_for, world):
    client = client_for(world.agency_user)
    data = with_token(
        {"title": "", "lead": "", "body": "Buổi ra quân.", "byline": "Hoa", "action": "submit"}
    )
    response = client.post(
        reverse("stories:create"),
        {**data, "photos": [photo("anh.jpg")], "attachments": [upload("bai.pdf", PDF_BYTES)]},
    )
    assert response.status_code == 200
    assert sorted(PendingUpload.objects.values_list("field", "original_name")) == [
        ("attachments", "bai.pdf"),
        ("photos", "anh.jpg"),
    ]
    response = client.post(reverse("stories:create"), {**data, "title": "Ra quân làm đường"})
    story = Story.objects.get()
    assert response.status_code == 302
    assert StoryPhoto.objects.get().story == story
    assert StoryAttachment.objects.get().original_name == "bai.pdf"
    assert PendingUpload.objects.count() == 0


def test_pending_files_are_purged_after_a_day(client_for, world):
    client_for(world.agency_user).post(
        reverse("events:create"), {**late_notice(world), "invitation_files": pdf()}
    )
    kept = PendingUpload.objects.get()
    storage, name = kept.file.storage, kept.file.name
    with time_machine.travel(NOW + timedelta(hours=23), tick=False):
        assert prune_pending_uploads() == 0
    with time_machine.travel(NOW + timedelta(hours=25), tick=False):
        assert prune_pending_uploads() == 1
    assert PendingUpload.objects.count() == 0
    assert not storage.exists(name)
    assert settings.CELERY_BEAT_SCHEDULE["pending-upload-prune"]["task"] == (
        "portal.prune_pending_uploads"
    )
