"""What a recorded mail becomes: a notice, a draft, a held notice, a duplicate; and the
one reply its sender gets."""

import io
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from events.enums import NoticeKind, ReceivedVia, Verdict
from events.models import Notice
from intake.enums import MailState, SenderMatch
from intake.models import AgencyAddress, InboundMail
from portal.models import OutboxMessage
from tests.intake.conftest import build_mail, docx_of, ingest, pdf_of

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # 09:00 local
START = "Thời gian: 8h00 ngày 15/12/2026\nĐịa điểm: Hội trường xã Đăk Ruồng"
LETTER = "V/v Hội nghị tổng kết công tác văn hóa năm 2026\n" + START
SENDER = "Văn phòng <staff@agency.test>"
DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


@pytest.fixture
def box(world, mailbox_for):
    world.agency_user.email = "staff@agency.test"
    world.agency_user.save()
    return mailbox_for(world.centre)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def replies():
    return list(OutboxMessage.objects.filter(kind="intake_reply").order_by("pk"))


@pytest.mark.django_db
def test_a_clear_mail_from_agency_staff_becomes_a_notice_with_its_files(world, box):
    raw = build_mail(
        sender=SENDER,
        subject="Giấy mời",
        body="Gửi Trung tâm giấy mời.",
        attachments=[("giay-moi.pdf", pdf_of(LETTER), "application", "pdf")],
    )
    mail = ingest(box, raw, NOW, 1)

    notice = mail.notice
    assert mail.state == MailState.NOTICE
    assert (notice.title, notice.agency, notice.created_by) == (
        "Hội nghị tổng kết công tác văn hóa năm 2026",
        world.agency,
        world.agency_user,
    )
    assert (notice.received_via, notice.received_at, notice.kind) == (
        ReceivedVia.EMAIL,
        NOW,
        NoticeKind.PLANNED,
    )
    assert notice.starts_at == datetime(2026, 12, 15, 1, 0, tzinfo=UTC)
    assert notice.locality == world.locality
    assert sorted(a.original_name for a in notice.attachments.all()) == [
        "email.eml",
        "giay-moi.pdf",
    ]
    [reply] = replies()
    assert reply.to_email == "staff@agency.test"
    assert reply.subject == "Trung tâm đã nhận thông báo sự kiện: " + notice.title
    assert f"/events/{notice.pk}/edit/" in reply.body_text
    assert "Đúng hạn" in reply.body_text
    # The agency's other staff get no second receipt: the reply is the receipt.
    assert OutboxMessage.objects.filter(kind="notice_receipt").count() == 0


@pytest.mark.django_db
def test_internaldate_drives_the_verdict_23_hours_before_is_late_by_one_hour(world, box):
    arrived = datetime(2026, 12, 14, 2, 0, tzinfo=UTC)  # 09:00 local, the day before
    raw = build_mail(
        sender=SENDER,
        subject="V/v Lễ khai mạc Hội chợ",
        body="Thời gian: 08 giờ 00 phút, ngày 15 tháng 12 năm 2026",
        date=NOW,  # the Date header says earlier: the server's arrival time counts
    )
    mail = ingest(box, raw, arrived, 1)

    notice = mail.notice
    assert (notice.received_at, notice.verdict, notice.late_by_minutes) == (
        arrived,
        Verdict.LATE,
        60,
    )


@pytest.mark.django_db
def test_dot_xuat_makes_an_urgent_notice(box):
    raw = build_mail(
        sender=SENDER,
        subject="Giấy mời làm việc đột xuất",
        body="V/v Làm việc với Đoàn kiểm tra của tỉnh\nThời gian: 14h00 ngày 01/12/2026",
    )
    notice = ingest(box, raw, NOW, 1).notice
    assert (notice.kind, notice.verdict) == (NoticeKind.URGENT, Verdict.ON_TIME)


@pytest.mark.django_db
def test_a_registered_agency_address_is_the_agency_without_an_account(world, box):
    AgencyAddress.objects.create(
        centre=world.centre, agency=world.agency2, email="vanphong@xa.test"
    )
    raw = build_mail(sender="vanphong@xa.test", subject="Giấy mời", body=LETTER)
    mail = ingest(box, raw, NOW, 1)
    assert (mail.sender_match, mail.state) == (SenderMatch.REGISTERED, MailState.NOTICE)
    assert (mail.notice.agency, mail.notice.created_by) == (world.agency2, None)
    [reply] = replies()
    assert "/edit/" not in reply.body_text  # no account: no link to correct it


@pytest.mark.django_db
def test_an_unknown_sender_waits_in_the_inbox_and_gets_a_polite_note(box):
    raw = build_mail(sender="someone@elsewhere.test", subject="Giấy mời", body=LETTER)
    mail = ingest(box, raw, NOW, 1)
    assert (mail.state, mail.notice, mail.problems) == (
        MailState.DRAFT,
        None,
        ["unknown_sender"],
    )
    assert Notice.objects.count() == 0
    [reply] = replies()
    assert reply.to_email == "someone@elsewhere.test"
    assert "chưa được Trung tâm biết" in reply.body_text
    assert "Hội nghị tổng kết công tác văn hóa năm 2026" in reply.body_text


@pytest.mark.django_db
def test_a_forged_from_of_a_known_agency_is_held_for_confirmation(box):
    raw = build_mail(
        sender=SENDER, subject="Giấy mời", body=LETTER, return_path="bounce@spammer.test"
    )
    mail = ingest(box, raw, NOW, 1)
    assert (mail.state, mail.sender_verified, mail.problems) == (
        MailState.HELD,
        False,
        ["sender_unverified"],
    )
    assert Notice.objects.count() == 0


@pytest.mark.django_db
def test_a_passing_dkim_result_of_the_server_verifies_the_sender(box):
    raw = build_mail(
        sender=SENDER,
        subject="Giấy mời",
        body=LETTER,
        return_path=None,
        authentication_results="mx.centre.test; dkim=pass header.d=agency.test; spf=none",
    )
    assert ingest(box, raw, NOW, 1).state == MailState.NOTICE


@pytest.mark.django_db
def test_a_failing_dmarc_holds_it_even_with_a_matching_return_path(box):
    raw = build_mail(
        sender=SENDER,
        subject="Giấy mời",
        body=LETTER,
        authentication_results="mx.centre.test; dmarc=fail header.from=agency.test",
    )
    assert ingest(box, raw, NOW, 1).state == MailState.HELD


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("V/v Hội nghị tổng kết năm\nKính mời Trung tâm tới dự.", "no_date"),
        ("V/v Hội nghị tổng kết năm\nThời gian: 8h00 ngày 20/11/2026", "date_past"),
        ("V/v Hội nghị tổng kết năm\nSáng ngày 15/12/2026 tại Hội trường xã", "date_unsure"),
    ],
)
@pytest.mark.django_db
def test_a_mail_without_a_clear_future_start_is_a_draft(box, body, problem):
    mail = ingest(box, build_mail(sender=SENDER, subject="Giấy mời", body=body), NOW, 1)
    assert (mail.state, mail.problems) == (MailState.DRAFT, [problem])
    assert len(replies()) == 1


@pytest.mark.django_db
def test_html_only_mail_with_scripts_is_read_as_text(box):
    html = (
        "<html><head><script>document.write('x')</script><style>b{}</style></head>"
        "<body><p>V/v Hội nghị tổng kết năm</p><p>Thời gian: 8h00 ngày 15/12/2026</p>"
        "<script>alert('bad')</script></body></html>"
    )
    mail = ingest(box, build_mail(sender=SENDER, subject="Giấy mời", html=html), NOW, 1)
    assert mail.body_text == "V/v Hội nghị tổng kết năm\n\nThời gian: 8h00 ngày 15/12/2026"
    assert (mail.state, mail.problems) == (MailState.NOTICE, ["html_only"])


def zip_bomb_docx() -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"0" * (5 * 1024 * 1024))
    return stream.getvalue()


@pytest.mark.django_db
def test_bad_attachments_are_refused_with_the_reason_and_the_mail_still_read(box, settings):
    settings.INTAKE_MAX_ATTACHMENTS = 3
    attachments = [
        ("bomb.docx", zip_bomb_docx(), *DOCX_TYPE),
        ("broken.pdf", b"%PDF-1.4 not really a pdf", "application", "pdf"),
        ("script.pdf", b"#!/bin/sh\nrm -rf /", "application", "pdf"),
        *[(f"extra-{n}.pdf", pdf_of("x"), "application", "pdf") for n in range(37)],
    ]
    raw = build_mail(sender=SENDER, subject="Giấy mời", body=LETTER, attachments=attachments)
    mail = ingest(box, raw, NOW, 1)

    rows = list(mail.attachments.order_by("pk"))
    assert len(rows) == 40
    assert [r.accepted for r in rows[:3]] == [False, True, False]
    assert (
        rows[0].problem
        == "“bomb.docx” được nén hơn 200 lần; đây không phải là một tệp bình thường."
    )
    assert all(r.problem == "more than 3 attachments" for r in rows[3:])
    assert mail.problems == ["too_many_attachments", "attachment_refused", "attachment_unreadable"]
    # The letter in the body is clear, so the notice is made with what was accepted.
    assert sorted(a.original_name for a in mail.notice.attachments.all()) == [
        "broken.pdf",
        "email.eml",
    ]


@pytest.mark.django_db
def test_a_docx_invitation_is_read(box):
    raw = build_mail(
        sender=SENDER,
        subject="Giấy mời",
        body="File đính kèm.",
        attachments=[("giay-moi.docx", docx_of(LETTER), *DOCX_TYPE)],
    )
    mail = ingest(box, raw, NOW, 1)
    assert mail.field("title")["value"] == "Hội nghị tổng kết công tác văn hóa năm 2026"
    assert mail.field("starts_at") == {
        "value": "2026-12-15T08:00:00+07:00",
        "source": "Thời gian: 8h00 ngày 15/12/2026",
        "confidence": 0.97,
    }


# --- Duplicates ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_same_message_id_twice_is_a_copy_not_a_second_notice(box):
    raw = build_mail(sender=SENDER, subject="Giấy mời", body=LETTER, message_id="<m1@agency.test>")
    first = ingest(box, raw, NOW, 1)
    second = ingest(box, raw, NOW + timedelta(minutes=5), 2)

    assert (second.state, second.original, second.notice) == (
        MailState.DUPLICATE,
        first,
        first.notice,
    )
    assert Notice.objects.count() == 1
    assert len(replies()) == 1


@pytest.mark.django_db
def test_the_same_uid_twice_is_recorded_once(box):
    raw = build_mail(sender=SENDER, subject="Giấy mời", body=LETTER)
    assert ingest(box, raw, NOW, 1) is not None
    assert ingest(box, raw, NOW, 1) is None
    assert InboundMail.objects.count() == 1


@pytest.mark.django_db
def test_an_e_mail_after_the_form_is_linked_to_the_notice_already_sent(world, box):
    from events.services.notices import submit_notice

    sent = submit_notice(
        agency=world.agency,
        by=world.agency_user,
        data={
            "title": "Hội nghị tổng kết công tác văn hóa 2026",
            "starts_at": datetime(2026, 12, 15, 1, 30, tzinfo=UTC),
            "ends_at": datetime(2026, 12, 15, 4, 0, tzinfo=UTC),
            "address": "Hội trường",
        },
    )
    mail = ingest(box, build_mail(sender=SENDER, subject="Giấy mời", body=LETTER), NOW, 1)

    assert (mail.state, mail.notice) == (MailState.DUPLICATE, sent)
    assert Notice.objects.count() == 1
    [reply] = replies()
    assert "đã có sự kiện này" in reply.body_text


@pytest.mark.django_db
def test_ten_attachments_fill_a_notice_with_the_original_message(box, settings):
    assert settings.INTAKE_MAX_ATTACHMENTS == settings.NOTICE_ATTACHMENT_MAX_COUNT - 1
    files = [(f"tep-{n}.pdf", pdf_of("x"), "application", "pdf") for n in range(10)]
    raw = build_mail(sender=SENDER, subject="Giấy mời", body=LETTER, attachments=files)
    mail = ingest(box, raw, NOW, 1)
    assert mail.notice.attachments.count() == settings.NOTICE_ATTACHMENT_MAX_COUNT
    assert mail.problems == ["too_many_attachments"]


@pytest.mark.django_db
def test_a_mail_the_reader_cannot_open_goes_to_the_inbox_and_the_next_is_still_read(box):
    from intake.services.intake import process_pending
    from intake.services.mailboxes import claim

    rows = [
        claim(
            box,
            uidvalidity=1,
            uid=uid,
            header=b"",
            raw=build_mail(sender=SENDER, subject="Giấy mời", body=LETTER),
            received_at=NOW,
            size=1,
        )
        for uid in (1, 2)
    ]
    rows[0].raw.storage.delete(rows[0].raw.name)  # the stored original is gone

    assert process_pending(box.pk) == 1
    first, second = (InboundMail.objects.get(pk=row.pk) for row in rows)
    assert (first.state, first.problems) == (MailState.REFUSED, ["unreadable"])
    assert second.state == MailState.NOTICE
