"""Notice pages: who may see and do what, the form's rules, and bad input."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from events.enums import NoticeKind, NoticeStatus, ReceivedVia, Verdict
from events.models import Notice, NoticeAttachment
from portal.models import OutboxMessage
from tests.factories import NoticeFactory
from tests.forms import with_token

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=HCM)
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def frozen_clock():
    # English so assertions read as the source strings (events has a Vietnamese catalogue).
    with time_machine.travel(NOW, tick=False), translation.override("en"):
        yield


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def form_data(world, starts_in=timedelta(days=2), **overrides):
    starts_at = NOW + starts_in
    data = {
        "title": "Hội nghị tổng kết năm",
        "kind": NoticeKind.PLANNED,
        "starts_at": starts_at.strftime("%d/%m/%Y %H:%M"),
        "ends_at": (starts_at + timedelta(hours=2)).strftime("%d/%m/%Y %H:%M"),
        "locality": world.locality.pk,
        "address": "Hội trường UBND xã",
        "contact_name": "Chị Hoa",
        "contact_phone": "0912 345 678",
        "needs_reporter": "on",
    }
    data.update(overrides)
    return with_token(data)


# --- Access -------------------------------------------------------------------------------


def notice_urls(notice, attachment):
    return [
        ("get", reverse("events:detail", args=[notice.pk])),
        ("get", reverse("events:edit", args=[notice.pk])),
        ("post", reverse("events:cancel", args=[notice.pk])),
        ("post", reverse("events:reclassify", args=[notice.pk])),
        ("get", reverse("events:attachment", args=[notice.pk, attachment.pk])),
    ]


@pytest.fixture
def notice_with_file(world):
    notice = NoticeFactory(
        agency=world.agency, locality=world.locality, created_by=world.agency_user
    )
    attachment = NoticeAttachment.objects.create(
        notice=notice,
        file=SimpleUploadedFile("giay-moi.pdf", PDF_BYTES),
        original_name="Giấy mời.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
    )
    return notice, attachment


def test_anonymous_is_sent_to_login_from_every_notice_page(client, world, notice_with_file):
    urls = [
        ("get", reverse("events:list")),
        ("get", reverse("events:create")),
        *notice_urls(*notice_with_file),
    ]
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url


@pytest.mark.parametrize("outsider", ["agency2_user", "agency_other_user", "director2"])
def test_outsiders_get_404_on_every_notice_page(client_for, world, notice_with_file, outsider):
    client = client_for(getattr(world, outsider))
    for method, url in notice_urls(*notice_with_file):
        assert getattr(client, method)(url).status_code == 404, url


def test_reviewer_reads_but_cannot_write(client_for, world, notice_with_file):
    notice, _ = notice_with_file
    client = client_for(world.reviewer)
    assert client.get(reverse("events:detail", args=[notice.pk])).status_code == 200
    assert client.get(reverse("events:edit", args=[notice.pk])).status_code == 403
    assert client.get(reverse("events:create")).status_code == 403
    assert (
        client.post(reverse("events:cancel", args=[notice.pk]), {"reason": "x"}).status_code == 403
    )


def test_centre_staff_cannot_edit_an_agencys_notice(client_for, world, notice_with_file):
    notice, _ = notice_with_file
    for user in (world.director, world.reporter):
        assert client_for(user).get(reverse("events:edit", args=[notice.pk])).status_code == 403


def test_only_the_centres_director_reclassifies(client_for, world, notice_with_file):
    notice, _ = notice_with_file
    url = reverse("events:reclassify", args=[notice.pk])
    data = {"kind": NoticeKind.URGENT, "reason": "Lịch thay đổi"}
    assert client_for(world.agency_user).post(url, data).status_code == 403
    assert client_for(world.reporter).post(url, data).status_code == 403
    assert client_for(world.director).post(url, data).status_code == 302
    notice.refresh_from_db()
    assert notice.kind == NoticeKind.URGENT


def test_a_refused_reclassification_comes_back_with_the_reason_typed(
    client_for, world, notice_with_file
):
    notice, _ = notice_with_file
    url = reverse("events:reclassify", args=[notice.pk])
    data = {"kind": NoticeKind.EMERGENCY, "emergency_cause": "", "reason": "Sạt lở đất"}
    response = client_for(world.director).post(url, data)
    notice.refresh_from_db()
    assert (response.status_code, notice.kind) == (400, NoticeKind.PLANNED)
    form = response.context["reclassify_form"]
    assert list(form.errors) == ["emergency_cause"]
    html = response.content.decode()
    assert str(form.errors["emergency_cause"][0]) in html and "Sạt lở đất" in html


def test_owner_downloads_an_attachment_by_its_original_name(client_for, world, notice_with_file):
    notice, attachment = notice_with_file
    response = client_for(world.agency_user).get(
        reverse("events:attachment", args=[notice.pk, attachment.pk])
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "Gi%E1%BA%A5y_m%E1%BB%9Di.pdf" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"


def test_centre_staff_see_their_centres_notices_only(client_for, world):
    mine = NoticeFactory(agency=world.agency2, title="Lễ ra quân")
    NoticeFactory(agency=world.agency_other, title="Liên hoan cồng chiêng")
    response = client_for(world.director).get(reverse("events:list"))
    assert [n.pk for n in response.context["page"]] == [mine.pk]


# --- Submitting -----------------------------------------------------------------------------


def test_agency_submits_an_on_time_notice_and_gets_a_receipt(
    client_for, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.agency_user).post(reverse("events:create"), form_data(world))
    notice = Notice.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("events:detail", args=[notice.pk])
    assert (notice.agency, notice.centre, notice.verdict, notice.received_at) == (
        world.agency,
        world.centre,
        Verdict.ON_TIME,
        NOW,
    )
    assert notice.received_via == ReceivedVia.WEB
    assert len(mail.outbox) == 1
    receipt = mail.outbox[0]
    assert receipt.to == [world.agency_user.email]
    assert "Hội nghị tổng kết năm" in receipt.subject
    assert "25/11/2026 08:00" in receipt.body
    assert world.agency_user.notifications.count() == 1
    assert world.director.notifications.count() == 1  # in-app heads-up for the centre


def test_late_notice_asks_for_confirmation_and_stores_nothing_until_confirmed(client_for, world):
    client = client_for(world.agency_user)
    data = form_data(world, starts_in=timedelta(hours=5))
    response = client.post(reverse("events:create"), data)
    assert response.status_code == 200
    assert "confirm_late" in response.context["form"].errors
    assert Notice.objects.count() == 0
    response = client.post(reverse("events:create"), {**data, "confirm_late": "on"})
    notice = Notice.objects.get()
    assert (notice.verdict, notice.late_by_minutes, notice.late_confirmed) == (
        Verdict.LATE,
        19 * 60,
        True,
    )


def test_emergency_needs_a_cause_and_is_exempt(client_for, world):
    client = client_for(world.agency_user)
    data = form_data(world, starts_in=timedelta(minutes=10), kind=NoticeKind.EMERGENCY)
    response = client.post(reverse("events:create"), data)
    assert "emergency_cause" in response.context["form"].errors
    client.post(reverse("events:create"), {**data, "emergency_cause": "disaster"})
    assert Notice.objects.get().verdict == Verdict.EXEMPT


def test_centre_staff_log_a_phone_call_whose_time_is_the_receipt(client_for, world):
    called_at = NOW - timedelta(minutes=30)
    data = form_data(
        world,
        starts_in=timedelta(minutes=45),
        kind=NoticeKind.URGENT,
        agency=world.agency2.pk,
        called_at=called_at.strftime("%d/%m/%Y %H:%M"),
    )
    client_for(world.reporter).post(reverse("events:create"), data)
    notice = Notice.objects.get()
    assert (notice.agency, notice.received_at, notice.received_via) == (
        world.agency2,
        called_at,
        ReceivedVia.PHONE,
    )
    assert (notice.verdict, notice.lead_minutes) == (Verdict.ON_TIME, 75)


def test_phone_notice_cannot_name_another_centres_agency(client_for, world):
    data = form_data(world, agency=world.agency_other.pk, called_at=NOW.strftime("%d/%m/%Y %H:%M"))
    response = client_for(world.director).post(reverse("events:create"), data)
    assert "agency" in response.context["form"].errors
    assert Notice.objects.count() == 0


def test_attachments_are_stored_under_random_names(client_for, world):
    data = form_data(world, invitation_files=SimpleUploadedFile("giay moi.pdf", PDF_BYTES))
    client_for(world.agency_user).post(reverse("events:create"), data)
    attachment = NoticeAttachment.objects.get()
    assert (attachment.original_name, attachment.content_type, attachment.kind) == (
        "giay moi.pdf",
        "application/pdf",
        "invitation",
    )
    assert "giay" not in attachment.file.name


# --- Bad input: a clear message, nothing stored ------------------------------------------------


def assert_rejected(response, field, fragment):
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert fragment in errors, errors
    assert Notice.objects.count() == 0
    assert NoticeAttachment.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_end_before_start_is_refused(client_for, world):
    data = form_data(world)
    data["ends_at"] = (NOW + timedelta(days=1)).strftime("%d/%m/%Y %H:%M")
    response = client_for(world.agency_user).post(reverse("events:create"), data)
    assert_rejected(response, "ends_at", "after the start")


def test_oversize_attachment_is_refused(client_for, world, settings):
    settings.NOTICE_ATTACHMENT_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("to.pdf", PDF_BYTES + b"0" * (1024 * 1024))
    response = client_for(world.agency_user).post(
        reverse("events:create"), form_data(world, speech_files=big)
    )
    assert_rejected(response, "speech_files", "the limit is 1 MB")


def test_executable_named_pdf_is_refused(client_for, world):
    exe = SimpleUploadedFile("giay-moi.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200)
    response = client_for(world.agency_user).post(
        reverse("events:create"), form_data(world, invitation_files=exe)
    )
    assert_rejected(response, "invitation_files", "not a file of an accepted type")


def test_pdf_named_jpg_is_refused(client_for, world):
    fake = SimpleUploadedFile("anh.jpg", PDF_BYTES)
    response = client_for(world.agency_user).post(
        reverse("events:create"), form_data(world, invitation_files=fake)
    )
    assert_rejected(response, "invitation_files", "really a PDF file")


def test_truncated_png_is_refused(client_for, world):
    broken = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    response = client_for(world.agency_user).post(
        reverse("events:create"), form_data(world, invitation_files=broken)
    )
    assert_rejected(response, "invitation_files", "damaged image")


def test_missing_fields_are_named(client_for, world):
    response = client_for(world.agency_user).post(reverse("events:create"), {})
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {
        "title",
        "starts_at",
        "ends_at",
        "locality",
        "address",
        "contact_name",
        "contact_phone",
    }
    assert Notice.objects.count() == 0


def test_garbage_dates_are_refused_not_crashing(client_for, world):
    response = client_for(world.agency_user).post(
        reverse("events:create"), form_data(world, starts_at="32/13/2026 25:61")
    )
    assert_rejected(response, "starts_at", "")


# --- Edit and cancel --------------------------------------------------------------------------


def test_agency_cancels_its_notice_with_a_reason(client_for, world, notice_with_file):
    notice, _ = notice_with_file
    client = client_for(world.agency_user)
    response = client.post(
        reverse("events:cancel", args=[notice.pk]), {"reason": "Hoãn do mưa lớn"}
    )
    assert response.status_code == 302
    notice.refresh_from_db()
    assert (notice.status, notice.cancel_reason) == (NoticeStatus.CANCELLED, "Hoãn do mưa lớn")
    # cancelling again changes nothing and shows the decision already made
    again = client.post(reverse("events:cancel", args=[notice.pk]), {"reason": "x"}, follow=True)
    assert again.redirect_chain == [(reverse("events:detail", args=[notice.pk]), 302)]
    assert [str(m) for m in again.context["messages"]] == [
        "The notice was cancelled and the centre was told.",
        "This notice was already cancelled.",
    ]
    notice.refresh_from_db()
    assert notice.cancel_reason == "Hoãn do mưa lớn"


def test_cancel_without_reason_changes_nothing(client_for, world, notice_with_file):
    notice, _ = notice_with_file
    client_for(world.agency_user).post(reverse("events:cancel", args=[notice.pk]), {"reason": ""})
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.RECEIVED


def test_notice_that_has_started_can_no_longer_be_edited(client_for, world):
    notice = NoticeFactory(agency=world.agency, starts_at=NOW - timedelta(minutes=5))
    assert (
        client_for(world.agency_user).get(reverse("events:edit", args=[notice.pk])).status_code
        == 403
    )


def test_history_shows_who_changed_what(client_for, world):
    client = client_for(world.agency_user)
    client.post(reverse("events:create"), form_data(world))
    notice = Notice.objects.get()
    client.post(
        reverse("events:edit", args=[notice.pk]),
        form_data(world, title="Hội nghị tổng kết năm 2026"),
    )
    response = client.get(reverse("events:detail", args=[notice.pk]))
    latest = response.context["history"][0]
    assert latest["who"] == world.agency_user.display_name
    assert latest["changes"] == [
        {
            "field": Notice._meta.get_field("title").verbose_name,
            "old": "Hội nghị tổng kết năm",
            "new": "Hội nghị tổng kết năm 2026",
        }
    ]


def test_history_names_the_commune_not_its_id(client_for, world):
    from tests.factories import LocalityFactory

    other = LocalityFactory(name="Xã Đăk Tơ Lung", centre=world.centre)
    client = client_for(world.agency_user)
    client.post(reverse("events:create"), form_data(world))
    notice = Notice.objects.get()
    client.post(reverse("events:edit", args=[notice.pk]), form_data(world, locality=other.pk))
    latest = client.get(reverse("events:detail", args=[notice.pk])).context["history"][0]
    assert latest["changes"] == [
        {
            "field": Notice._meta.get_field("locality").verbose_name,
            "old": world.locality.name,
            "new": "Xã Đăk Tơ Lung",
        }
    ]


def test_a_bad_filter_value_is_explained_in_vietnamese_and_only_that_filter_is_skipped(
    client_for, world
):
    november = NoticeFactory(agency=world.agency, starts_at=NOW + timedelta(days=3))
    december = NoticeFactory(agency=world.agency, starts_at=NOW + timedelta(days=10))
    client = client_for(world.agency_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    response = client.get(reverse("events:list"), {"status": "bogus", "month": "tháng mười"})
    assert response.status_code == 200
    assert list(response.context["page"]) == [december, november]
    html = response.content.decode()
    assert "Giá trị lọc này không hợp lệ nên đã được bỏ qua:" in html
    assert "Chọn tháng theo dạng năm-tháng, ví dụ 2026-11." in html
    response = client.get(reverse("events:list"), {"status": "bogus", "month": "2026-12"})
    assert list(response.context["page"]) == [december]


def test_notice_list_filters_by_status_and_month(client_for, world):
    november = NoticeFactory(agency=world.agency, starts_at=NOW + timedelta(days=3))
    NoticeFactory(agency=world.agency, starts_at=NOW + timedelta(days=10))
    cancelled = NoticeFactory(
        agency=world.agency, starts_at=NOW + timedelta(days=4), status=NoticeStatus.CANCELLED
    )
    client = client_for(world.agency_user)
    page = client.get(reverse("events:list"), {"month": "2026-11"}).context["page"]
    assert list(page) == [cancelled, november]
    page = client.get(reverse("events:list"), {"month": "11/2026", "status": "cancelled"})
    assert list(page.context["page"]) == [cancelled]


# --- Query counts -------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 6])
def test_notice_list_queries_do_not_grow_with_rows(
    client_for, world, django_assert_num_queries, rows
):
    NoticeFactory.create_batch(
        rows, agency=world.agency, locality=world.locality, created_by=world.agency_user
    )
    client = client_for(world.agency_user)
    # session, user, navbar organisation, unread count, notice count, the page's keys,
    # its notices
    with django_assert_num_queries(7):
        response = client.get(reverse("events:list"))
    assert len(response.context["page"]) == rows


@pytest.mark.parametrize("rows", [1, 6])
def test_centre_notice_list_queries_do_not_grow_with_rows(
    client_for, world, django_assert_num_queries, rows
):
    NoticeFactory.create_batch(rows, agency=world.agency2, created_by=world.agency2_user)
    client = client_for(world.director)
    with django_assert_num_queries(8):  # the page's keys, then its notices
        response = client.get(reverse("events:list") + "?status=received&month=2026-11")
    assert len(response.context["page"]) == rows
