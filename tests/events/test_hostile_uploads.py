"""Hostile attachments on notices and stories: every image is decoded in full under the
pixel limit, every DOCX is unpacked within its limits, and the number of files is capped on
create and on edit. Each refusal shows a Vietnamese message and stores nothing."""

import functools
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from events.enums import StoryStatus
from events.models import Notice, NoticeAttachment, Story, StoryAttachment
from portal.files import DOCX, JPEG, PDF, PNG, verify_upload
from tests.events.story_files import PDF_BYTES, jpeg_bytes, png_bytes, png_declaring
from tests.factories import NoticeFactory, StoryFactory

pytestmark = pytest.mark.django_db
MB = 1024 * 1024
TOO_MANY_ON_A_NOTICE = (
    "Mỗi thông báo có tối đa 10 tệp đính kèm; thông báo đã có %s tệp và bạn thêm %s."
)


@functools.cache
def docx_bytes(*, inflated_mb: int = 0, members: int = 0) -> bytes:
    """A DOCX Word would open; optionally with a member of `inflated_mb` MB of zeros (it
    packs to about a thousandth of that) or with `members` extra parts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
        if inflated_mb:
            with archive.open("word/media/padding.bin", "w", force_zip64=True) as member:
                for _ in range(inflated_mb):
                    member.write(b"\0" * MB)
        for n in range(members):
            archive.writestr(f"word/parts/part{n}.xml", "<x/>")
    return buffer.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


HOSTILE_FILES = {
    "truncated_jpeg": (
        lambda: upload("giay-moi.jpg", jpeg_bytes((800, 600))[:3000], "image/jpeg"),
        "“giay-moi.jpg” là ảnh bị hỏng, không mở được.",
    ),
    "png_64_megapixels": (
        lambda: upload("so-do.png", png_declaring(8000, 8000), "image/png"),
        "“so-do.png” lớn hơn 40 megapixel. Hãy gửi ảnh nhỏ hơn.",
    ),
    "png_far_over_the_limit": (
        lambda: upload("so-do.png", png_declaring(20_000, 20_000), "image/png"),
        "“so-do.png” lớn hơn 40 megapixel. Hãy gửi ảnh nhỏ hơn.",
    ),
    # One zip check for every office file (portal/archives.py), as for the contact import.
    "docx_bomb_200_mb": (
        lambda: upload("bai-phat-bieu.docx", docx_bytes(inflated_mb=200)),
        # zeros compress far beyond the ratio limit: that limit trips first
        "“bai-phat-bieu.docx” được nén hơn 200 lần; đây không phải là một tệp bình thường.",
    ),
    "docx_tightly_packed": (
        lambda: upload("bai-phat-bieu.docx", docx_bytes(inflated_mb=20)),
        "“bai-phat-bieu.docx” được nén hơn 200 lần; đây không phải là một tệp bình thường.",
    ),
    "docx_too_many_parts": (
        lambda: upload("bai-phat-bieu.docx", docx_bytes(members=1001)),
        "“bai-phat-bieu.docx” chứa hơn 1000 thành phần; đây không phải là một tệp bình thường.",
    ),
}


def page_text(response) -> str:
    return " ".join(response.content.decode().split())


def notice_form(world, **files):
    starts_at = timezone.localtime() + timezone.timedelta(days=3)
    return {
        "title": "Hội nghị tổng kết năm",
        "kind": "planned",
        "starts_at": starts_at.strftime("%d/%m/%Y %H:%M"),
        "ends_at": (starts_at + timezone.timedelta(hours=2)).strftime("%d/%m/%Y %H:%M"),
        "locality": world.locality.pk,
        "address": "Hội trường UBND xã",
        "contact_name": "Chị Hoa",
        "contact_phone": "0912 345 678",
        **files,
    }


def story_form(**files):
    return {
        "title": "Xã Tân Lập ra quân làm đường giao thông",
        "lead": "Hơn 200 đoàn viên tham gia.",
        "body": "Buổi ra quân diễn ra sôi nổi.",
        "byline": "Nguyễn Thị Hoa",
        "action": "submit",
        **files,
    }


def media_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.mark.parametrize("case", HOSTILE_FILES, ids=list(HOSTILE_FILES))
def test_a_hostile_notice_attachment_is_refused_and_nothing_is_stored(
    case, world, client_for, settings
):
    make, message = HOSTILE_FILES[case]
    response = client_for(world.agency_user).post(
        reverse("events:create"), notice_form(world, speech_files=[make()])
    )
    assert response.status_code == 200
    assert message in page_text(response)
    assert (Notice.objects.count(), NoticeAttachment.objects.count()) == (0, 0)
    assert media_files(settings) == []


@pytest.mark.parametrize("case", [c for c in HOSTILE_FILES if c.startswith("docx")])
def test_a_hostile_story_document_is_refused_and_nothing_is_stored(
    case, world, client_for, settings
):
    make, message = HOSTILE_FILES[case]
    response = client_for(world.agency_user).post(
        reverse("stories:create"), story_form(attachments=[make()])
    )
    assert response.status_code == 200
    assert message in page_text(response)
    assert (Story.objects.count(), StoryAttachment.objects.count()) == (0, 0)
    assert media_files(settings) == []


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("anh.jpg", jpeg_bytes((800, 600)), JPEG),
        ("so-do.png", png_bytes((2000, 1500)), PNG),
        ("bai-phat-bieu.docx", docx_bytes(inflated_mb=0, members=50), DOCX),
        ("giay-moi.pdf", PDF_BYTES, PDF),
    ],
)
def test_sound_files_still_pass(name, content, expected):
    assert verify_upload(upload(name, content), (PDF, DOCX, JPEG, PNG), 20 * MB) == expected


def pdf(n):
    return upload(f"tai-lieu-{n}.pdf", PDF_BYTES, "application/pdf")


def test_more_than_ten_attachments_on_a_new_notice_are_refused(world, client_for, settings):
    response = client_for(world.agency_user).post(
        reverse("events:create"),
        notice_form(
            world,
            invitation_files=[pdf(n) for n in range(4)],
            speech_files=[pdf(n) for n in range(4, 11)],
        ),
    )
    assert response.status_code == 200
    assert (
        "Mỗi thông báo có tối đa 10 tệp đính kèm; thông báo đã có 0 tệp và bạn thêm 11."
        in page_text(response)
    )
    assert (Notice.objects.count(), NoticeAttachment.objects.count()) == (0, 0)
    assert media_files(settings) == []


def test_an_edit_cannot_take_a_notice_past_ten_attachments(world, client_for, settings):
    notice = NoticeFactory(
        agency=world.agency, locality=world.locality, created_by=world.agency_user
    )
    for n in range(9):
        NoticeAttachment.objects.create(
            notice=notice, file=pdf(n), original_name=f"{n}.pdf", content_type=PDF.mimetype, size=1
        )
    stored = media_files(settings)
    data = notice_form(world, speech_files=[pdf(9), pdf(10)])
    data.update(starts_at=timezone.localtime(notice.starts_at).strftime("%d/%m/%Y %H:%M"))
    data.update(ends_at=timezone.localtime(notice.ends_at).strftime("%d/%m/%Y %H:%M"))
    response = client_for(world.agency_user).post(reverse("events:edit", args=[notice.pk]), data)
    assert response.status_code == 200
    assert (
        "Mỗi thông báo có tối đa 10 tệp đính kèm; thông báo đã có 9 tệp và bạn thêm 2."
        in page_text(response)
    )
    assert notice.attachments.count() == 9
    assert media_files(settings) == stored
    notice.refresh_from_db()
    assert notice.title != "Hội nghị tổng kết năm"  # the edit was not saved either

    response = client_for(world.agency_user).post(
        reverse("events:edit", args=[notice.pk]), {**data, "speech_files": [pdf(9)]}
    )
    assert response.status_code == 302
    assert notice.attachments.count() == 10


def test_the_service_refuses_too_many_attachments_too(world):
    from django.core.exceptions import ValidationError

    from events.enums import AttachmentKind
    from events.services.notices import Upload, update_notice

    notice = NoticeFactory(agency=world.agency, locality=world.locality)
    with pytest.raises(ValidationError) as caught:
        update_notice(
            notice,
            by=world.agency_user,
            data={},
            uploads=[Upload(AttachmentKind.SPEECH, pdf(n)) for n in range(11)],
        )
    assert caught.value.messages == [TOO_MANY_ON_A_NOTICE % (0, 11)]
    assert NoticeAttachment.objects.count() == 0


def test_an_edit_cannot_take_a_story_past_five_documents(world, client_for, settings):
    story = StoryFactory(
        agency=world.agency, created_by=world.agency_user, status=StoryStatus.DRAFT
    )
    for n in range(5):
        StoryAttachment.objects.create(
            story=story, file=pdf(n), original_name=f"{n}.pdf", content_type=PDF.mimetype, size=1
        )
    stored = media_files(settings)
    response = client_for(world.agency_user).post(
        reverse("stories:edit", args=[story.pk]), story_form(attachments=[pdf(5)])
    )
    assert response.status_code == 200
    assert "Mỗi tin có tối đa 5 tài liệu; tin đã có 5 tài liệu và bạn thêm 1." in page_text(
        response
    )
    assert story.attachments.count() == 5
    assert media_files(settings) == stored
