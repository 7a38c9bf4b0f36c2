"""The centre's intake inbox: list, one confirm/correct form beside the original mail,
discard, attach an unknown sender; only that centre's staff."""

from datetime import UTC, datetime

import pytest
import time_machine

from events.enums import ReceivedVia, Verdict
from events.models import Notice
from intake.enums import MailState, SenderMatch
from intake.models import AgencyAddress, InboundMail
from portal.models import OutboxMessage
from tests.forms import with_token
from tests.intake.conftest import build_mail, ingest

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
LETTER = "V/v Hội nghị tổng kết công tác văn hóa\nSáng ngày 15/12/2026 tại Hội trường xã"


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def box(world, mailbox_for):
    return mailbox_for(world.centre)


def unknown_mail(box, uid=1) -> InboundMail:
    raw = build_mail(sender=f"ai{uid}@ngoai.test", subject="Giấy mời", body=LETTER)
    return ingest(box, raw, NOW, uid)


def confirm_data(world, **extra):
    return with_token(
        {
            "agency": world.agency2.pk,
            "title": "Hội nghị tổng kết công tác văn hóa",
            "kind": "planned",
            "starts_at": "2026-12-15T08:00",
            "ends_at": "2026-12-15T10:00",
            "locality": world.locality.pk,
            "address": "Hội trường xã",
            "contact_name": "Nguyễn Văn Mẫu",
            "contact_phone": "0912000111",
            "needs_reporter": "on",
            **extra,
        }
    )


@pytest.mark.django_db
def test_the_form_is_prefilled_beside_the_original_mail(world, box, client_for):
    mail = unknown_mail(box)
    page = client_for(world.director).get(f"/intake/{mail.pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert 'value="Hội nghị tổng kết công tác văn hóa"' in text
    assert 'value="2026-12-15T08:00"' in text
    assert 'value="Hội trường xã"' in text
    assert "<mark>Sáng ngày 15/12/2026 tại Hội trường xã</mark>" in text
    assert "<th>Bắt đầu</th>" in text
    assert "15/12/2026 08:00" in text
    assert "<td>75 %</td>" in text  # a session without a clock time: not sure enough
    assert "Người gửi không phải tài khoản hay địa chỉ đã đăng ký của cơ quan nào." in text


@pytest.mark.django_db
def test_confirming_creates_the_notice_received_at_the_mails_arrival(world, box, client_for):
    mail = unknown_mail(box)
    client = client_for(world.reporter)
    with time_machine.travel(datetime(2026, 12, 1, 8, 0, tzinfo=UTC), tick=False):
        response = client.post(f"/intake/{mail.pk}/", confirm_data(world, remember_sender="on"))
    notice = Notice.objects.get()
    mail.refresh_from_db()
    assert response.status_code == 302
    assert response.url == f"/events/{notice.pk}/"
    assert (notice.agency, notice.received_via, notice.received_at, notice.verdict) == (
        world.agency2,
        ReceivedVia.EMAIL,
        NOW,
        Verdict.ON_TIME,
    )
    assert (mail.state, mail.notice, mail.decided_by) == (
        MailState.CONFIRMED,
        notice,
        world.reporter,
    )
    assert list(AgencyAddress.objects.values_list("email", "agency")) == [
        ("ai1@ngoai.test", world.agency2.pk)
    ]
    subjects = list(
        OutboxMessage.objects.filter(kind="intake_reply")
        .order_by("pk")
        .values_list("subject", flat=True)
    )
    assert subjects == [
        "Đã nhận: Giấy mời",
        "Trung tâm đã nhận thông báo sự kiện: Hội nghị tổng kết công tác văn hóa",
    ]


@pytest.mark.django_db
def test_confirming_twice_creates_one_notice(world, box, client_for):
    mail = unknown_mail(box)
    client = client_for(world.director)
    data = confirm_data(world)
    first = client.post(f"/intake/{mail.pk}/", data)
    second = client.post(f"/intake/{mail.pk}/", data)
    assert (first.status_code, second.status_code) == (302, 302)
    assert Notice.objects.count() == 1


@pytest.mark.django_db
def test_a_correction_with_an_end_before_the_start_is_refused_and_nothing_changes(
    world, box, client_for
):
    mail = unknown_mail(box)
    response = client_for(world.director).post(
        f"/intake/{mail.pk}/", confirm_data(world, ends_at="2026-12-15T07:00")
    )
    assert response.status_code == 400
    assert "Thời gian kết thúc phải sau thời gian bắt đầu." in response.content.decode()
    mail.refresh_from_db()
    assert (mail.state, Notice.objects.count()) == (MailState.DRAFT, 0)


@pytest.mark.django_db
def test_discard_and_attach_sender(world, box, client_for):
    mail, other = unknown_mail(box, 1), unknown_mail(box, 2)
    client = client_for(world.director)

    client.post(f"/intake/{other.pk}/sender/", {"agency": world.agency.pk})
    client.post(f"/intake/{mail.pk}/discard/")
    client.post(f"/intake/{mail.pk}/discard/")  # twice: a no-op

    mail.refresh_from_db()
    other.refresh_from_db()
    assert mail.state == MailState.DISCARDED
    assert (other.agency, other.sender_match) == (world.agency, SenderMatch.REGISTERED)
    assert AgencyAddress.objects.get().email == "ai2@ngoai.test"


@pytest.mark.django_db
def test_attaching_an_agency_of_another_centre_is_refused(world, box, client_for):
    mail = unknown_mail(box)
    response = client_for(world.director).post(
        f"/intake/{mail.pk}/sender/", {"agency": world.agency_other.pk}, follow=True
    )
    assert "Hãy chọn một cơ quan của Trung tâm." in response.content.decode()
    assert AgencyAddress.objects.count() == 0


@pytest.mark.django_db
def test_outsiders_get_404_on_another_centres_mail(world, box, client_for):
    mail = unknown_mail(box)
    outsider = client_for(world.director2)
    for url in (
        f"/intake/{mail.pk}/",
        f"/intake/{mail.pk}/original.eml",
    ):
        assert outsider.get(url).status_code == 404
    assert outsider.post(f"/intake/{mail.pk}/discard/").status_code == 404
    assert outsider.post(f"/intake/{mail.pk}/", confirm_data(world)).status_code == 404
    assert list(outsider.get("/intake/").context["page"].object_list) == []
    mail.refresh_from_db()
    assert mail.state == MailState.DRAFT


@pytest.mark.django_db
def test_agency_staff_and_the_reviewer_cannot_see_the_inbox(world, box, client_for):
    mail = unknown_mail(box)
    assert client_for(world.agency_user).get("/intake/").status_code == 403
    assert client_for(world.agency_user).get(f"/intake/{mail.pk}/").status_code == 404
    assert client_for(world.reviewer).get(f"/intake/{mail.pk}/").status_code == 404


@pytest.mark.django_db
def test_colleague_reporter_sees_the_mail_and_its_original(world, box, client_for):
    mail = unknown_mail(box)
    response = client_for(world.reporter).get(f"/intake/{mail.pk}/original.eml")
    assert response.status_code == 200
    assert b"Subject: =?utf-8?b?R2nhuqV5IG3hu51p?=" in b"".join(response.streaming_content)


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.django_db
def test_inbox_queries_do_not_grow_with_rows(
    world, box, client_for, django_assert_num_queries, rows
):
    for uid in range(1, rows + 1):
        unknown_mail(box, uid)
    client = client_for(world.director)
    with django_assert_num_queries(8):
        response = client.get("/intake/")
    assert len(response.context["page"].object_list) == rows


@pytest.mark.django_db
def test_a_decided_mail_cannot_be_discarded_or_confirmed_again(world, box, client_for):
    mail = unknown_mail(box)
    client = client_for(world.director)
    client.post(f"/intake/{mail.pk}/", confirm_data(world))
    discarded = client.post(f"/intake/{mail.pk}/discard/", follow=True)
    attached = client.post(f"/intake/{mail.pk}/sender/", {"agency": world.agency.pk}, follow=True)
    mail.refresh_from_db()
    assert "Thư này đã được xử lý (Trung tâm đã xác nhận)." in discarded.content.decode()
    assert "Thư này đã được xử lý (Trung tâm đã xác nhận)." in attached.content.decode()
    assert (mail.state, Notice.objects.count(), AgencyAddress.objects.count()) == (
        MailState.CONFIRMED,
        1,
        0,
    )


@pytest.mark.django_db
def test_staff_download_an_accepted_attachment_outsiders_get_404(world, box, client_for):
    from tests.intake.conftest import pdf_of

    raw = build_mail(
        sender="ai@ngoai.test",
        subject="Giấy mời",
        body=LETTER,
        attachments=[("giay-moi.pdf", pdf_of("Giấy mời"), "application", "pdf")],
    )
    mail = ingest(box, raw, NOW, 1)
    attachment = mail.attachments.get()
    url = f"/intake/{mail.pk}/attachments/{attachment.pk}/"
    response = client_for(world.reporter).get(url)
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client_for(world.director2).get(url).status_code == 404
