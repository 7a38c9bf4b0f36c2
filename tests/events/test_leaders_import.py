"""The leaders' calendar parser: four layouts, Vietnamese spellings, bad files."""

import io
import zipfile
from datetime import date, time

import pytest

from events.leaders_import import (
    MAX_FILE_BYTES,
    MAX_UNPACKED_BYTES,
    CalendarFileError,
    parse_calendar,
    parse_day,
    parse_times,
)
from tests.events import leaders_samples as samples

WEEK = samples.WEEK


def items(data):
    return [item.as_tuple() for item in parse_calendar(data, WEEK).items]


def test_word_table_with_merged_day_cells_and_sessions():
    assert items(samples.docx_merged_days()) == [
        (
            date(2026, 12, 7),
            time(7, 30),
            None,
            "Họp giao ban tuần",
            "Chủ tịch A",
            "Phòng họp số 1",
            "Văn phòng",
        ),
        (
            date(2026, 12, 7),
            time(14, 0),
            None,
            "Làm việc với xã Mẫu Một",
            "Phó Chủ tịch B",
            "UBND xã Mẫu Một",
            "Phòng Nội vụ",
        ),
        (
            date(2026, 12, 8),
            time(7, 30),
            None,
            "Tiếp công dân định kỳ",
            "Chủ tịch A",
            "Trụ sở tiếp dân",
            "Ban Tiếp dân",
        ),
        (
            date(2026, 12, 9),
            time(7, 30),
            None,
            "Hội nghị sơ kết quý",
            "Chủ tịch A",
            "Hội trường huyện",
            "",
        ),
    ]


def test_session_only_is_flagged_as_no_clock_time():
    parsed = parse_calendar(samples.docx_merged_days(), WEEK).items
    assert [item.time_given for item in parsed] == [True, True, False, True]


def test_word_table_with_several_items_per_cell():
    assert items(samples.docx_sessions_multi()) == [
        (
            date(2026, 12, 10),
            time(8, 0),
            None,
            "Dự lễ khai giảng lớp bồi dưỡng",
            "Chủ tịch A",
            "Trung tâm Chính trị",
            "",
        ),
        (
            date(2026, 12, 10),
            time(9, 30),
            None,
            "Kiểm tra công trình trường học",
            "Phó Chủ tịch B",
            "Trung tâm Chính trị",
            "",
        ),
        (
            date(2026, 12, 10),
            time(14, 0),
            None,
            "Họp Ban Chỉ đạo chuyển đổi số",
            "Phó Chủ tịch B",
            "Phòng họp số 2",
            "",
        ),
        (
            date(2026, 12, 10),
            time(14, 0),
            None,
            "Duyệt kế hoạch tuyên truyền",
            "Phó Chủ tịch B",
            "Phòng họp số 2",
            "",
        ),
        (
            date(2026, 12, 11),
            time(14, 30),
            None,
            "Đối thoại với thanh niên",
            "Chủ tịch A",
            "Nhà văn hóa",
            "",
        ),
    ]


def test_excel_sheet_with_title_rows_merged_days_and_real_times():
    assert items(samples.xlsx_merged_days()) == [
        (
            date(2026, 12, 7),
            time(7, 30),
            None,
            "Chào cờ đầu tuần",
            "Chủ tịch A",
            "Sân trụ sở",
            "Văn phòng",
        ),
        (
            date(2026, 12, 7),
            time(14, 0),
            None,
            "Họp bàn phòng chống thiên tai",
            "Phó Chủ tịch B",
            "Phòng họp số 1",
            "Phòng NN&PTNT",
        ),
        (
            date(2026, 12, 11),
            time(7, 30),
            time(11, 0),
            "Giám sát bầu cử thôn",
            "Phó Chủ tịch C",
            "Thôn Mẫu Hai",
            "",
        ),
        (
            date(2026, 12, 12),
            time(9, 0),
            None,
            "Dự ngày hội đại đoàn kết",
            "Chủ tịch A",
            "Thôn Mẫu Ba",
            "UBMTTQ",
        ),
    ]


def test_excel_sheet_with_day_heading_rows_reports_unreadable_rows():
    result = parse_calendar(samples.xlsx_day_headings(), WEEK)
    assert [item.as_tuple() for item in result.items] == [
        (
            date(2026, 12, 8),
            time(8, 0),
            None,
            "Họp Hội đồng thi đua",
            "Chủ tịch A",
            "Phòng họp số 1",
            "",
        ),
        (
            date(2026, 12, 9),
            time(15, 30),
            None,
            "Tiếp đoàn công tác của tỉnh",
            "Phó Chủ tịch B",
            "Hội trường huyện",
            "",
        ),
    ]
    assert [(p.row, p.reason, p.text) for p in result.problems] == [
        (4, "Không đọc được giờ.", "lúc nào đó"),
        (7, "Dòng này không có nội dung.", "16h |  | Phó Chủ tịch B | Hội trường huyện"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7h30", (time(7, 30), None, None)),
        ("07 giờ 30", (time(7, 30), None, None)),
        ("07 giờ 30 phút", (time(7, 30), None, None)),
        ("14h", (time(14, 0), None, None)),
        ("14:00", (time(14, 0), None, None)),
        ("Sáng", (None, None, "sang")),
        ("Chiều 2h30", (time(14, 30), None, "chieu")),
        ("7h30 - 11h00", (time(7, 30), time(11, 0), None)),
    ],
)
def test_vietnamese_time_spellings(text, expected):
    assert parse_times(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thứ Hai (07/12)", date(2026, 12, 7)),
        ("ngày 07/12/2026", date(2026, 12, 7)),
        ("Thứ 5, ngày 10/12/2026", date(2026, 12, 10)),
        ("THỨ BẢY", date(2026, 12, 12)),
        ("Chủ nhật", date(2026, 12, 13)),
        ("không phải ngày", None),
    ],
)
def test_vietnamese_day_spellings(text, expected):
    assert parse_day(text, WEEK) == expected


def test_a_day_without_year_is_read_in_the_declared_week_across_new_year():
    assert parse_day("Thứ Năm (01/01)", date(2026, 12, 29)) == date(2027, 1, 1)


def message_for(data, week=WEEK):
    with pytest.raises(CalendarFileError) as error:
        parse_calendar(data, week)
    return str(error.value)


def test_a_file_that_is_neither_word_nor_excel_is_refused():
    assert message_for(b"%PDF-1.4 not a calendar") == (
        "Đây không phải tệp Word (.docx) hay Excel (.xlsx). Hãy lưu lịch ở một trong hai "
        "định dạng đó."
    )


def test_a_table_without_recognisable_columns_is_refused():
    assert message_for(samples.xlsx_from_rows([["Cột 1", "Cột 2"], ["a", "b"]])) == (
        "Không tìm thấy bảng lịch: tệp cần một dòng tiêu đề có ít nhất cột “Nội dung” và "
        "cột “Thứ/Ngày” (hoặc “Thời gian”)."
    )


def test_a_date_outside_the_declared_week_is_refused():
    data = samples.xlsx_from_rows(
        [
            ["Ngày", "Giờ", "Nội dung"],
            ["ngày 07/12/2026", "8h", "A"],
            ["ngày 20/12/2026", "8h", "B"],
        ]
    )
    assert message_for(data) == "Dòng 3: ngày 20/12/2026 nằm ngoài tuần 07/12/2026 – 13/12/2026."


def test_a_file_over_the_size_cap_is_refused():
    assert message_for(b"PK" + b"0" * MAX_FILE_BYTES) == "Tệp lớn hơn 2 MB."


def test_a_damaged_office_file_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not really a workbook")
    assert message_for(buffer.getvalue()) == "Tệp bị hỏng, không đọc được."


def test_a_file_that_unpacks_to_too_much_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w/>")
        archive.writestr("word/media/filler.bin", b"\0" * (MAX_UNPACKED_BYTES + 1))
    assert message_for(buffer.getvalue()) == "Tệp quá lớn khi giải nén."


@pytest.mark.parametrize(
    ("cell", "items"),
    [
        (
            "Họp giao ban Thường trực HĐND – UBND huyện",
            ["Họp giao ban Thường trực HĐND – UBND huyện"],
        ),
        ("Họp A - Họp B", ["Họp A - Họp B"]),  # no leading dash: one item
        (
            "- Họp Ban Chỉ đạo chuyển đổi số - Duyệt kế hoạch",
            ["Họp Ban Chỉ đạo chuyển đổi số", "Duyệt kế hoạch"],
        ),
        ("- Họp HĐND - UBND huyện - Duyệt kế hoạch", ["Họp HĐND - UBND huyện", "Duyệt kế hoạch"]),
        ("- Họp HĐND – UBND huyện", ["Họp HĐND – UBND huyện"]),  # its own dash kept
        ("- 8h00: Dự lễ\n- 9h30: Kiểm tra", ["8h00: Dự lễ", "9h30: Kiểm tra"]),
    ],
)
def test_items_in_one_cell_split_on_dashes_but_not_inside_abbreviations(cell, items):
    from events.leaders_import import split_items

    assert split_items(cell) == items
