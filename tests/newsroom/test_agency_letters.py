"""The monthly letter to each agency's head: preview, one letter and one e-mail per
agency, once per month, in the Decree 30/2020 layout, archived and scoped."""

import shutil
from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import docx
import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from events.enums import NoticeKind, StoryAction, Verdict
from events.models import StoryDecision
from newsroom.models import AgencyLetter, ReportSettings
from newsroom.services.letters import month_overview, send_letters
from tests.factories import AgencyFactory, StoryFactory
from tests.forms import with_token
from tests.newsroom.helpers import at, notice_at

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 12, 3, 9, 0, tzinfo=HCM)  # November is over
NOVEMBER = {"year": 2026, "month": 11}


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def make(world, agency, verdict, lead, day=10):
    notice = notice_at(world, at(day, 8), at(day, 9), agency=agency, kind=NoticeKind.PLANNED)
    notice.verdict, notice.lead_minutes = verdict, lead
    notice.save()
    return notice


@pytest.fixture
def november(world):
    """Agency 1: 3 on time of 4; agency 2: 1 late; the commune Xã Đăk Ruồng: silent, but
    it sent one contributor story. The agency has its own address; agency 2 has none, so
    its staff get the letter."""
    for lead in (2000, 3000, 1600):
        make(world, world.agency, Verdict.ON_TIME, lead)
    make(world, world.agency, Verdict.LATE, 100)
    make(world, world.agency2, Verdict.LATE, 600)
    story = StoryFactory(agency=world.locality, submitted_at=at(12, 9))
    story.created_by.email = ""  # the commune's one account has no address
    story.created_by.save()
    StoryDecision.objects.create(
        story=story, action=StoryAction.SUBMITTED, by=world.director, at=at(12, 9)
    )
    world.agency.email = "vanthu@pvh.konray.gov.vn"
    world.agency.save()
    world.agency2_user.email = "canbo@tanlap.gov.vn"
    world.agency2_user.save()
    ReportSettings.objects.create(
        centre=world.centre,
        governing_body="UBND huyện Kon Rẫy",
        signer_prefix="KT. GIÁM ĐỐC",
        signer_title="PHÓ GIÁM ĐỐC",
        signer_name="Nguyễn Văn Bình",
    )


def test_overview_lists_every_agency_with_its_figures_silent_ones_included(world, november):
    overview = month_overview(world.centre, 2026, 11)
    assert [
        (e.agency, e.figures["total"], e.figures["on_time"], e.figures["late"], e.figures["rate"])
        for e in overview
    ] == [
        ("Phòng Văn hóa và Thông tin", 4, 3, 1, 75.0),
        ("UBND xã Tân Lập", 1, 0, 1, 0.0),
        ("Xã Đăk Ruồng", 0, 0, 0, None),
    ]
    assert [e.silent for e in overview] == [False, False, True]
    assert overview[2].figures["stories"] == 1
    assert [e.recipients for e in overview] == [
        ["vanthu@pvh.konray.gov.vn"],
        ["canbo@tanlap.gov.vn"],
        [],  # no address and no staff: archived only
    ]


def test_sending_makes_one_letter_and_one_email_per_agency(
    world, november, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        made = send_letters(world.centre, 2026, 11, by=world.director)
    assert [(letter.agency, letter.number, letter.sent_to) for letter in made] == [
        (world.agency, 1, ["vanthu@pvh.konray.gov.vn"]),
        (world.agency2, 2, ["canbo@tanlap.gov.vn"]),
        (world.locality, 3, []),
    ]
    assert sorted((m.to, m.subject) for m in mail.outbox) == [
        (
            ["canbo@tanlap.gov.vn"],
            "Công văn số 2: tình hình gửi thông báo sự kiện của cơ quan, đơn vị tháng 11/2026",
        ),
        (
            ["vanthu@pvh.konray.gov.vn"],
            "Công văn số 1: tình hình gửi thông báo sự kiện của cơ quan, đơn vị tháng 11/2026",
        ),
    ]
    first = next(m for m in mail.outbox if m.to == ["vanthu@pvh.konray.gov.vn"])
    assert [(name, kind) for name, _content, kind in first.attachments] == [
        (
            f"cong-van-tuan-thu-202611-{world.agency.pk}.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    ]
    assert bytes(first.attachments[0][1]) == bytes(made[0].docx)


def test_sending_the_same_month_again_sends_nothing(
    world, november, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_letters(world.centre, 2026, 11, by=world.director)
        again = send_letters(world.centre, 2026, 11, by=world.director)
    assert again == []
    assert AgencyLetter.objects.count() == 3
    assert len(mail.outbox) == 2


def test_a_new_agency_gets_its_letter_the_others_are_not_sent_twice(world, november):
    send_letters(world.centre, 2026, 11, by=world.director)
    late_comer = AgencyFactory(name="UBND xã Đăk Côi", centre=world.centre)
    made = send_letters(world.centre, 2026, 11, by=world.director)
    assert [(letter.agency, letter.number) for letter in made] == [(late_comer, 4)]


# --- The Word file in the layout of Decree 30/2020 ---------------------------------------


def texts_of(cell):
    return [p.text for p in cell.paragraphs if p.text]


def test_letter_follows_decree_30(world, november):
    made = send_letters(world.centre, 2026, 11, by=world.director)
    word = docx.Document(BytesIO(bytes(made[0].docx)))
    page = word.sections[0]
    mm = [page.page_width, page.page_height]
    mm += [page.top_margin, page.bottom_margin, page.left_margin, page.right_margin]
    assert [round(length.mm) for length in mm] == [210, 297, 20, 20, 30, 15]  # A4
    runs = [r for p in word.paragraphs for r in p.runs] + [
        r
        for t in word.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
    ]
    assert {r.font.name for r in runs} == {"Times New Roman"}

    organisation, national, number, place = (c for row in word.tables[0].rows for c in row.cells)
    assert texts_of(organisation) == ["UBND HUYỆN KON RẪY", world.centre.name.upper()]
    assert texts_of(national) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert all(p.runs[0].bold for p in national.paragraphs if p.text)
    for cell in (organisation, national):
        assert cell.paragraphs[2]._p.pPr.find(qn("w:pBdr")) is not None
    assert texts_of(number) == [
        "Số: 1/TTVH",
        "V/v tình hình gửi thông báo sự kiện tháng 11/2026",
    ]
    assert texts_of(place) == ["Kon Rẫy, ngày 03 tháng 12 năm 2026"]
    assert place.paragraphs[0].runs[0].italic

    body = [p.text for p in word.paragraphs if p.text]
    greeting = next(p for p in word.paragraphs if p.text.startswith("Kính gửi"))
    assert greeting.text == "Kính gửi: Thủ trưởng Phòng Văn hóa và Thông tin."
    assert greeting.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "BÁO CÁO" not in body  # a letter, not a report
    assert body[2:] == [
        "1. Kết quả trong tháng",
        "Số thông báo sự kiện đã gửi: 4.",
        "Đúng thời hạn: 3; muộn: 1; sau khi sự kiện đã bắt đầu: 0; được miễn (khẩn cấp): 0.",
        "Tỷ lệ đúng thời hạn: 75,0%.",
        "Thời gian báo trước trung vị: 1 ngày 6 giờ.",
        f"Xếp thứ 1 trong 3 cơ quan, đơn vị của {world.centre.name}.",
        "2. Đề nghị",
        "Đề nghị quý cơ quan chỉ đạo cán bộ đầu mối gửi mọi thông báo sự kiện đúng thời hạn "
        "nêu trên.",
    ]
    assert body[1].startswith("Thực hiện quy định về thời hạn gửi thông báo sự kiện")
    recipients, signer = word.tables[-1].rows[0].cells
    assert texts_of(recipients) == ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]
    assert texts_of(signer) == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn Bình"]


def test_the_silent_agencys_letter_says_it_sent_nothing(world, november):
    silent = send_letters(world.centre, 2026, 11, by=world.director)[2]
    body = [p.text for p in docx.Document(BytesIO(bytes(silent.docx))).paragraphs if p.text]
    assert body[2:5] == [
        "1. Kết quả trong tháng",
        "Trong tháng, quý cơ quan không gửi thông báo sự kiện nào đến Trung tâm.",
        "Quý cơ quan đã gửi 1 tin cộng tác viên về sự kiện do cơ quan tự đưa tin.",
    ]


def test_a_sent_letter_never_changes(world, november):
    letter = send_letters(world.centre, 2026, 11, by=world.director)[0]
    before = bytes(letter.docx)
    make(world, world.agency, Verdict.LATE, 10)
    ReportSettings.objects.filter(centre=world.centre).update(signer_name="Người khác")
    assert month_overview(world.centre, 2026, 11)[0].letter.pk == letter.pk
    letter.refresh_from_db()
    assert bytes(letter.docx) == before
    assert letter.data["figures"]["total"] == 4


# --- The pages ----------------------------------------------------------------------------


def test_director_previews_confirms_and_sends_from_the_compliance_page(
    world, november, client_for, django_capture_on_commit_callbacks
):
    client = client_for(world.director)
    compliance = client.get(reverse("newsroom:compliance")).content.decode()
    assert reverse("newsroom:letter_list") in compliance
    preview = client.get(reverse("newsroom:letter_preview"), NOVEMBER)
    assert preview.status_code == 200
    assert [e.agency for e in preview.context["overview"]] == [
        "Phòng Văn hóa và Thông tin",
        "UBND xã Tân Lập",
        "Xã Đăk Ruồng",
    ]
    page = " ".join(preview.content.decode().split())
    assert "Phòng Văn hóa và Thông tin: vanthu@pvh.konray.gov.vn" in page
    assert "UBND xã Tân Lập: canbo@tanlap.gov.vn" in page
    assert "Xã Đăk Ruồng: không có địa chỉ e-mail: chỉ lưu trữ" in page

    url = reverse("newsroom:letter_send")
    unconfirmed = client.post(url, with_token(NOVEMBER))
    assert unconfirmed.status_code == 400
    assert "Hãy đánh dấu ô để xác nhận gửi." in unconfirmed.content.decode()
    assert AgencyLetter.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(url, with_token(NOVEMBER, confirm="on"), follow=True)
    assert "Đã gửi và lưu trữ 3 công văn tháng 11/2026." in sent.content.decode()
    assert AgencyLetter.objects.count() == 3
    assert len(mail.outbox) == 2
    again = client.post(url, with_token(NOVEMBER, confirm="on"), follow=True)
    assert "Công văn tháng 11/2026 đã được gửi; không gửi lại." in again.content.decode()
    assert AgencyLetter.objects.count() == 3
    assert len(mail.outbox) == 2


def test_double_submit_sends_once(world, november, client_for):
    client = client_for(world.director)
    data = with_token(NOVEMBER, confirm="on")
    url = reverse("newsroom:letter_send")
    assert client.post(url, data).status_code == 302
    second = client.post(url, data, follow=True)
    assert "Đã gửi rồi: đây là kết quả của lần gửi đầu tiên." in second.content.decode()
    assert AgencyLetter.objects.count() == 3


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"year": 2026, "month": 13}, "Hãy chọn tháng từ 1 đến 12."),
        ({"year": 2026, "month": "x"}, "Hãy chọn tháng từ 1 đến 12."),
        ({"year": 1, "month": 5}, "Hãy nhập năm, ví dụ 2026."),
        ({"year": 2026, "month": 12}, "Tháng này chưa kết thúc: hãy chọn một tháng đã qua."),
    ],
)
def test_a_bad_month_is_a_message_and_nothing_is_sent(world, november, client_for, query, message):
    client = client_for(world.director)
    preview = client.get(reverse("newsroom:letter_preview"), query)
    assert (preview.status_code, message in preview.content.decode()) == (400, True)
    sent = client.post(reverse("newsroom:letter_send"), with_token(query, confirm="on"))
    assert (sent.status_code, message in sent.content.decode()) == (400, True)
    assert AgencyLetter.objects.count() == 0


def test_the_agency_downloads_its_own_letter_and_outsiders_get_404(world, november, client_for):
    first, second, _silent = send_letters(world.centre, 2026, 11, by=world.director)
    word = reverse("newsroom:letter_word", args=[first.pk])
    own = client_for(world.agency_user).get(word)
    assert (own.status_code, own.content) == (200, bytes(first.docx))
    assert client_for(world.director).get(word).status_code == 200
    assert client_for(world.reviewer).get(word).status_code == 200
    assert client_for(world.agency2_user).get(word).status_code == 404  # another agency
    assert client_for(world.director2).get(word).status_code == 404  # another centre
    assert client_for(world.agency_other_user).get(word).status_code == 404
    no_pdf = reverse("newsroom:letter_pdf", args=[first.pk])
    assert client_for(world.director).get(no_pdf).status_code == 404
    listed = client_for(world.agency2_user).get(reverse("newsroom:letter_list"))
    assert [letter.pk for letter in listed.context["page"]] == [second.pk]


def test_only_directors_prepare_or_send_letters(world, november, client_for):
    for user in (world.agency_user, world.reporter, world.reviewer):
        client = client_for(user)
        assert client.get(reverse("newsroom:letter_preview"), NOVEMBER).status_code == 403
        posted = client.post(reverse("newsroom:letter_send"), with_token(NOVEMBER, confirm="on"))
        assert posted.status_code == 403
    assert client_for(world.reporter).get(reverse("newsroom:letter_list")).status_code == 403
    assert AgencyLetter.objects.count() == 0


@pytest.mark.parametrize("months", [1, 4])
def test_letter_archive_query_count_is_constant(
    world, november, client_for, months, django_assert_num_queries
):
    for month in range(11 - months + 1, 12):
        send_letters(world.centre, 2026, month, by=world.director)
    client = client_for(world.director)
    with django_assert_num_queries(7):
        response = client.get(reverse("newsroom:letter_list"))
    assert len(response.context["page"]) == 3 * months


# --- The optional PDF -----------------------------------------------------------------------


def test_asking_for_a_pdf_when_pdf_output_is_off_is_refused_and_nothing_is_sent(
    world, november, client_for, settings
):
    settings.REPORT_PDF_ENABLED = False
    client = client_for(world.director)
    data = with_token(NOVEMBER, confirm="on", with_pdf="on")
    response = client.post(reverse("newsroom:letter_send"), data)
    assert response.status_code == 400
    assert "Chức năng tạo PDF đang tắt (REPORT_PDF_ENABLED)." in response.content.decode()
    assert (AgencyLetter.objects.count(), len(mail.outbox)) == (0, 0)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_letters_with_a_pdf_attach_and_archive_it(
    world, november, client_for, settings, django_capture_on_commit_callbacks
):
    settings.REPORT_PDF_ENABLED = True
    with django_capture_on_commit_callbacks(execute=True):
        first = send_letters(world.centre, 2026, 11, by=world.director, with_pdf=True)[0]
    assert bytes(first.pdf).startswith(b"%PDF-")
    message = next(m for m in mail.outbox if m.to == ["vanthu@pvh.konray.gov.vn"])
    assert [name.rpartition(".")[2] for name, _content, _kind in message.attachments] == [
        "docx",
        "pdf",
    ]
    response = client_for(world.agency_user).get(reverse("newsroom:letter_pdf", args=[first.pk]))
    assert (response.status_code, b"".join(response)) == (200, bytes(first.pdf))
    listed = client_for(world.director).get(reverse("newsroom:letter_list"))
    assert reverse("newsroom:letter_pdf", args=[first.pk]) in listed.content.decode()
