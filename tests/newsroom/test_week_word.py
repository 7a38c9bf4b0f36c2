"""The centre's week as a Word file, "LỊCH CÔNG TÁC TUẦN", in the layout of Decree 30/2020
shared with the weekly report (newsroom/reports/layout.py)."""

from io import BytesIO

import docx
import pytest
import time_machine
from django.urls import reverse

from newsroom.models import ReportSettings
from newsroom.services.assignments import assign_reporter
from tests.factories import ReporterFactory
from tests.newsroom.helpers import NOW, at, notice_at

pytestmark = pytest.mark.django_db
DOCX_URL = reverse("newsroom:week_docx")


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def week(world):
    ReportSettings.objects.create(
        centre=world.centre, governing_body="UBND huyện Kon Rẫy", signer_name="Nguyễn Văn Bình"
    )
    world.reporter.full_name = "Lê Thị Hoa"
    world.reporter.save()
    second = ReporterFactory(username="r2", full_name="Phạm Văn Nam", organisation=world.centre)
    morning = notice_at(
        world, at(24, 8), at(24, 10), title="Hội nghị tổng kết", address="Hội trường A"
    )
    afternoon = notice_at(
        world, at(24, 14), at(24, 16), title="Họp giao ban", address="Phòng họp 2"
    )
    assign_reporter(morning, world.reporter, by=world.director)
    assign_reporter(morning, second, by=world.director, override_reason="x")
    assign_reporter(afternoon, second, by=world.director)
    notice_at(world, at(26, 7, 30), at(26, 9), title="Lễ khai mạc hội thao", address="Sân vận động")
    notice_at(world, at(30, 8), at(30, 9), title="Tuần sau")
    return world


def word_of(response):
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('lich-cong-tac-tuan-2026-W48.docx"')
    return docx.Document(BytesIO(response.content))


def texts_of(cell):
    return [p.text for p in cell.paragraphs if p.text]


def test_the_directors_week_is_an_official_word_file(client_for, week):
    page_html = client_for(week.director).get(reverse("newsroom:week")).content.decode()
    assert f'{DOCX_URL}?week=2026-W48"' in page_html

    word = word_of(client_for(week.director).get(DOCX_URL, {"week": "2026-W48"}))

    page = word.sections[0]
    mm = [page.page_width, page.page_height]
    mm += [page.top_margin, page.bottom_margin, page.left_margin, page.right_margin]
    assert [round(length.mm) for length in mm] == [297, 210, 20, 20, 30, 15]  # A4 landscape
    runs = [r for p in word.paragraphs for r in p.runs] + [
        r
        for t in word.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
    ]
    assert {r.font.name for r in runs} == {"Times New Roman"}

    organisation, national, _number, place = (c for row in word.tables[0].rows for c in row.cells)
    assert texts_of(organisation) == ["UBND HUYỆN KON RẪY", week.centre.name.upper()]
    assert texts_of(national) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert texts_of(place) == ["Kon Rẫy, ngày 23 tháng 11 năm 2026"]
    body = [p.text for p in word.paragraphs if p.text]
    assert body[:2] == ["LỊCH CÔNG TÁC TUẦN", "Tuần 48, từ ngày 23/11/2026 đến ngày 29/11/2026"]

    table = word.tables[1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Thứ, ngày", "Thời gian", "Nội dung", "Phóng viên", "Địa điểm", "Đơn vị gửi"]
    agency = week.agency.name
    assert rows[1:] == [
        ["Thứ Hai\n23/11/2026", "", "", "", "", ""],
        [
            "Thứ Ba\n24/11/2026",
            "08h00 - 10h00",
            "Hội nghị tổng kết",
            "Lê Thị Hoa, Phạm Văn Nam",
            "Hội trường A",
            agency,
        ],
        [
            "Thứ Ba\n24/11/2026",
            "14h00 - 16h00",
            "Họp giao ban",
            "Phạm Văn Nam",
            "Phòng họp 2",
            agency,
        ],
        ["Thứ Tư\n25/11/2026", "", "", "", "", ""],
        [
            "Thứ Năm\n26/11/2026",
            "07h30 - 09h00",
            "Lễ khai mạc hội thao",
            "Chưa phân công",
            "Sân vận động",
            agency,
        ],
        ["Thứ Sáu\n27/11/2026", "", "", "", "", ""],
        ["Thứ Bảy\n28/11/2026", "", "", "", "", ""],
        ["Chủ nhật\n29/11/2026", "", "", "", "", ""],
    ]
    # Tuesday's two rows share one merged day cell
    assert table.rows[2].cells[0]._tc is table.rows[3].cells[0]._tc

    recipients, signer = word.tables[-1].rows[0].cells
    assert texts_of(recipients)[0] == "Nơi nhận:"
    assert texts_of(recipients)[-1] == "- Lưu: VT."
    assert texts_of(signer)[-1] == "Nguyễn Văn Bình"


def test_a_reporter_downloads_only_their_own_week(client_for, week):
    word = word_of(client_for(week.reporter).get(DOCX_URL, {"week": "2026-W48"}))
    contents = [row.cells[2].text for row in word.tables[1].rows[1:] if row.cells[2].text]
    assert contents == ["Hội nghị tổng kết"]


def test_the_other_centre_sees_nothing_of_this_centre(client_for, week):
    word = word_of(client_for(week.director2).get(DOCX_URL, {"week": "2026-W48"}))
    assert [row.cells[2].text for row in word.tables[1].rows[1:]] == [""] * 7
    assert week.centre2.name.upper() in [p.text for p in word.tables[0].rows[0].cells[0].paragraphs]


def test_agency_staff_and_strangers_get_no_word_file(client, client_for, week):
    page = client_for(week.agency_user).get(reverse("newsroom:week")).content.decode()
    assert DOCX_URL not in page
    assert client_for(week.agency_user).get(DOCX_URL).status_code == 403
    assert client_for(week.reviewer).get(DOCX_URL).status_code == 403
    client.logout()
    assert client.get(DOCX_URL).status_code == 302


def test_a_bad_week_gives_the_current_week(client_for, week):
    response = client_for(week.director).get(DOCX_URL, {"week": "tuần 50"})
    assert response.status_code == 200
    assert "lich-cong-tac-tuan-2026-W48.docx" in response["Content-Disposition"]


def test_the_leaders_calendar_items_of_the_week_follow_the_table(client_for, week):
    from datetime import timedelta

    from newsroom.selectors.week import _ITEM_PROVIDERS, WeekItem, register_week_items

    def leaders(user, start, end):
        return [
            WeekItem(
                day=start.date() + timedelta(days=2),
                title="Họp giao ban UBND huyện",
                starts_at=start + timedelta(days=2, hours=7, minutes=30),
                detail="Chủ tịch · Phòng họp số 1",
            ),
            WeekItem(day=start.date() + timedelta(days=4), title="Kiểm tra mô hình sâm dây"),
        ]

    register_week_items(leaders)
    try:
        word = word_of(client_for(week.director).get(DOCX_URL, {"week": "2026-W48"}))
    finally:
        _ITEM_PROVIDERS.remove(leaders)
    assert "Lịch công tác của lãnh đạo trong tuần" in [p.text for p in word.paragraphs]
    rows = [[c.text for c in row.cells] for row in word.tables[2].rows]
    assert rows == [
        ["Thứ, ngày", "Thời gian", "Nội dung", "Lãnh đạo, địa điểm"],
        ["Thứ Tư\n25/11/2026", "07h30", "Họp giao ban UBND huyện", "Chủ tịch · Phòng họp số 1"],
        ["Thứ Sáu\n27/11/2026", "", "Kiểm tra mô hình sâm dây", ""],
    ]


def test_a_week_without_leaders_items_has_only_its_own_table(client_for, week):
    word = word_of(client_for(week.director).get(DOCX_URL, {"week": "2026-W48"}))
    assert len(word.tables) == 3  # letterhead, the week, Nơi nhận and signature
