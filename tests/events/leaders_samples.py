"""Leaders' weekly calendars in the layouts offices actually send, built at test time with
python-docx and openpyxl. Names and places are invented; no real personal data.

The declared week of every sample is Monday 07/12/2026 – Sunday 13/12/2026.
"""

import io
from datetime import date, time

import docx
import openpyxl

WEEK = date(2026, 12, 7)


def _docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx_bytes(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def docx_merged_days() -> bytes:
    """Layout A (Word): title lines, then a table; the day cell merged down over its rows;
    "Sáng" / "Chiều" with the clock time on the next line, or alone."""
    document = docx.Document()
    document.add_paragraph("ỦY BAN NHÂN DÂN HUYỆN MẪU")
    document.add_paragraph("LỊCH CÔNG TÁC TUẦN (Từ ngày 07/12 đến ngày 13/12/2026)")
    rows = [
        ("Thứ, ngày", "Thời gian", "Nội dung", "Lãnh đạo chủ trì", "Địa điểm", "Đơn vị chuẩn bị"),
        (
            "Thứ Hai (07/12)",
            "Sáng\n7h30",
            "Họp giao ban tuần",
            "Chủ tịch A",
            "Phòng họp số 1",
            "Văn phòng",
        ),
        (
            "",
            "Chiều\n14h00",
            "Làm việc với xã Mẫu Một",
            "Phó Chủ tịch B",
            "UBND xã Mẫu Một",
            "Phòng Nội vụ",
        ),
        (
            "Thứ Ba (08/12)",
            "Sáng",
            "Tiếp công dân định kỳ",
            "Chủ tịch A",
            "Trụ sở tiếp dân",
            "Ban Tiếp dân",
        ),
        (
            "Thứ Tư (09/12)",
            "07 giờ 30",
            "Hội nghị sơ kết quý",
            "Chủ tịch A",
            "Hội trường huyện",
            "",
        ),
    ]
    table = document.add_table(rows=len(rows), cols=6)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(2, 0))  # Thứ Hai over its two rows
    table.cell(1, 0).text = "Thứ Hai (07/12)"
    return _docx_bytes(document)


def docx_sessions_multi() -> bytes:
    """Layout B (Word): a session column; several items in one cell, one per line with
    its own time, or joined by " - " on one line; the leaders column one line per item."""
    document = docx.Document()
    rows = [
        ("Ngày", "Buổi", "Nội dung công việc", "Thành phần", "Địa điểm"),
        (
            "Thứ 5, ngày 10/12/2026",
            "Sáng",
            "- 8h00: Dự lễ khai giảng lớp bồi dưỡng\n- 9h30: Kiểm tra công trình trường học",
            "Chủ tịch A\nPhó Chủ tịch B",
            "Trung tâm Chính trị",
        ),
        (
            "Thứ 5, ngày 10/12/2026",
            "Chiều",
            "- Họp Ban Chỉ đạo chuyển đổi số - Duyệt kế hoạch tuyên truyền",
            "Phó Chủ tịch B",
            "Phòng họp số 2",
        ),
        (
            "Thứ 6, ngày 11/12/2026",
            "Chiều",
            "2h30: Đối thoại với thanh niên",
            "Chủ tịch A",
            "Nhà văn hóa",
        ),
    ]
    table = document.add_table(rows=len(rows), cols=5)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    return _docx_bytes(document)


def xlsx_merged_days() -> bytes:
    """Layout C (Excel): two title rows; "ngày 07/12/2026" merged down; times spelled
    "07 giờ 30", "14h", "7h30 - 11h00", or a real Excel time."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["LỊCH CÔNG TÁC TUẦN CỦA LÃNH ĐẠO UBND HUYỆN MẪU"])
    sheet.merge_cells("A1:F1")
    sheet.append(["Tuần từ 07/12/2026 đến 13/12/2026"])
    sheet.append(["Ngày", "Giờ", "Nội dung", "Lãnh đạo", "Địa điểm", "Đơn vị chuẩn bị"])
    sheet.append(
        [
            "ngày 07/12/2026",
            "07 giờ 30",
            "Chào cờ đầu tuần",
            "Chủ tịch A",
            "Sân trụ sở",
            "Văn phòng",
        ]
    )
    sheet.append(
        [
            None,
            "14h",
            "Họp bàn phòng chống thiên tai",
            "Phó Chủ tịch B",
            "Phòng họp số 1",
            "Phòng NN&PTNT",
        ]
    )
    sheet.merge_cells("A4:A5")
    sheet.append(
        [
            "Thứ Sáu (11/12)",
            "7h30 - 11h00",
            "Giám sát bầu cử thôn",
            "Phó Chủ tịch C",
            "Thôn Mẫu Hai",
            "",
        ]
    )
    sheet.append(
        [
            date(2026, 12, 12),
            time(9, 0),
            "Dự ngày hội đại đoàn kết",
            "Chủ tịch A",
            "Thôn Mẫu Ba",
            "UBMTTQ",
        ]
    )
    return _xlsx_bytes(book)


def xlsx_day_headings() -> bytes:
    """Layout D (Excel): no day column; each day is a heading row merged across the
    table; one unreadable time and one row without content, reported with the reason."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Thời gian", "Nội dung", "Chủ trì", "Địa điểm"])
    sheet.append(["THỨ BA (08/12/2026)"])
    sheet.merge_cells("A2:D2")
    sheet.append(["Sáng 8h", "Họp Hội đồng thi đua", "Chủ tịch A", "Phòng họp số 1"])
    sheet.append(["lúc nào đó", "Việc không rõ giờ", "Chủ tịch A", ""])
    sheet.append(["THỨ TƯ (09/12/2026)"])
    sheet.merge_cells("A5:D5")
    sheet.append(
        [
            "Chiều 15 giờ 30 phút",
            "Tiếp đoàn công tác của tỉnh",
            "Phó Chủ tịch B",
            "Hội trường huyện",
        ]
    )
    sheet.append(["16h", "", "Phó Chủ tịch B", "Hội trường huyện"])
    return _xlsx_bytes(book)


def xlsx_from_rows(rows) -> bytes:
    book = openpyxl.Workbook()
    for values in rows:
        book.active.append(list(values))
    return _xlsx_bytes(book)


def xlsx_version_two() -> bytes:
    """A corrected Layout C: 07/12 14h moved to 15h30 and to another room, the 11/12 item
    removed, a new item on 10/12; the other two unchanged."""
    return xlsx_from_rows(
        [
            ["Ngày", "Giờ", "Nội dung", "Lãnh đạo", "Địa điểm", "Đơn vị chuẩn bị"],
            [
                "ngày 07/12/2026",
                "07 giờ 30",
                "Chào cờ đầu tuần",
                "Chủ tịch A",
                "Sân trụ sở",
                "Văn phòng",
            ],
            [
                "",
                "15h30",
                "Họp bàn phòng chống thiên tai",
                "Phó Chủ tịch B",
                "Phòng họp số 2",
                "Phòng NN&PTNT",
            ],
            [
                "ngày 10/12/2026",
                "8h",
                "Kiểm tra an toàn thực phẩm",
                "Phó Chủ tịch C",
                "Chợ trung tâm",
                "",
            ],
            [
                date(2026, 12, 12),
                time(9, 0),
                "Dự ngày hội đại đoàn kết",
                "Chủ tịch A",
                "Thôn Mẫu Ba",
                "UBMTTQ",
            ],
        ]
    )
