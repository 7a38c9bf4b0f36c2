"""The weekly report as an Excel workbook (openpyxl), one sheet in the official layout."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from newsroom.reports.layout import document_for

WIDTH = 7
THIN = Side(style="thin")


def report_workbook(report) -> bytes:
    doc = document_for(report)
    book = Workbook()
    sheet = book.active
    sheet.title = f"BC {report.week_start:%d-%m-%Y}"
    for col in range(1, WIDTH + 1):
        sheet.column_dimensions[get_column_letter(col)].width = 38 if col == 1 else 14
    bold = Font(bold=True)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def put(row, col, value, font=None, align=None, span=1):
        cell = sheet.cell(row=row, column=col, value=value)
        if font:
            cell.font = font
        if align:
            cell.alignment = align
        if span > 1:
            sheet.merge_cells(
                start_row=row, start_column=col, end_row=row, end_column=col + span - 1
            )
        return cell

    # Two-column letterhead: organisation on the left, national motto on the right.
    put(1, 1, doc.governing_body, align=centre)
    put(1, 3, doc.motto_1, bold, centre, span=5)
    put(2, 1, doc.organisation, bold, centre)
    put(2, 3, doc.motto_2, bold, centre, span=5)
    put(4, 1, doc.number, align=centre)
    put(4, 3, doc.place_date, Font(italic=True), centre, span=5)
    put(6, 1, doc.title, Font(bold=True, size=14), centre, span=WIDTH)
    put(7, 1, doc.subtitle, bold, centre, span=WIDTH)
    row = 9
    for section in doc.sections:
        put(row, 1, section.heading, bold)
        row += 1
        for line in section.lines:
            put(row, 1, line, span=WIDTH)
            row += 1
        if section.rows:
            for col, title in enumerate(section.columns, start=1):
                put(row, col, title, bold, centre).border = Border(THIN, THIN, THIN, THIN)
            row += 1
            for values in section.rows:
                for col, value in enumerate(values, start=1):
                    put(row, col, value).border = Border(THIN, THIN, THIN, THIN)
                row += 1
        row += 1
    put(row, 1, "Nơi nhận:", Font(bold=True, italic=True))
    put(row, 5, doc.signer_title, bold, centre, span=3)
    for offset, addressee in enumerate(doc.addressees, start=1):
        put(row + offset, 1, f"- {addressee}")
    put(row + 5, 5, doc.signer_name, bold, centre, span=3)
    out = BytesIO()
    book.save(out)
    return out.getvalue()
