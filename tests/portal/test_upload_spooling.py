"""A file larger than any form accepts is refused by its size without being spooled."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from events.models import Notice, NoticeAttachment
from portal.uploads import SizeCappedUploadHandler
from tests.forms import with_token

pytestmark = pytest.mark.django_db


def test_the_handler_counts_every_byte_but_stores_only_up_to_the_cap(settings):
    settings.UPLOAD_FILE_MAX_BYTES = 1000
    handler = SizeCappedUploadHandler(RequestFactory().post("/"))
    handler.new_file("file", "big.pdf", "application/pdf", None)
    received = 0
    for start in range(0, 5000, 300):
        chunk = b"x" * 300
        handler.receive_data_chunk(chunk, start)
        received += len(chunk)
    upload = handler.file_complete(received)
    upload.seek(0, io.SEEK_END)
    assert (upload.size, upload.tell()) == (received, 1000)


def test_an_oversize_attachment_is_refused_by_its_size_and_nothing_is_stored(
    world, client_for, settings
):
    settings.UPLOAD_FILE_MAX_BYTES = settings.NOTICE_ATTACHMENT_MAX_BYTES = 1024 * 1024
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # go through the temporary-file handler
    size = 3 * 1024 * 1024
    big = SimpleUploadedFile("giay-moi.pdf", b"%PDF-1.4\n" + b"0" * (size - 9), "application/pdf")
    data = with_token(
        title="Hội nghị tổng kết năm",
        kind="planned",
        starts_at="25/12/2026 08:00",
        ends_at="25/12/2026 10:00",
        locality=world.locality.pk,
        address="Hội trường UBND xã",
        contact_name="Chị Hoa",
        contact_phone="0912 345 678",
        invitation_files=big,
    )
    response = client_for(world.agency_user).post(reverse("events:create"), data)
    assert response.status_code == 200
    with translation.override("vi"):
        expected = gettext("“%(name)s” is %(size)s MB; the limit is %(limit)s MB.") % {
            "name": "giay-moi.pdf",
            "size": 3.0,  # the real size, although only the first megabyte was stored
            "limit": 1,
        }
    assert response.context["form"].errors["invitation_files"] == [expected]
    assert (Notice.objects.count(), NoticeAttachment.objects.count()) == (0, 0)
