"""The weekly report as an Excel workbook, through the portal's one spreadsheet writer:
a cover sheet in the official layout (letterhead, number, place and date, title, "Nơi
nhận", signer), then one sheet per section with its Vietnamese headers."""

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from newsroom.reports.layout import Document, document_for
from portal.spreadsheets import SafeWorkbook

WIDTH = 7
THIN = Side(style="thin")
BOX = Border(THIN, THIN, THIN, THIN)
BOLD = Font(name="Times New Roman", bold=True)
PLAIN = Font(name="Times New Roman")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="top", wrap_text=True)


def _put(sheet, row, col, value, font=PLAIN, align=None, span=1):
    cell = SafeWorkbook.put(sheet, row, col, value)
    cell.font = font
    if align:
        cell.alignment = align
    if isinstance(value, float):
        cell.number_format = "0.0"  # shown as 0,0 by a Vietnamese Excel
    if span > 1:
        sheet.merge_cells(start_row=row, start_column=col, end_row=row, end_column=col + span - 1)
    return cell


def _cover(book, doc, name="Báo cáo"):
    sheet = book.sheet(name)
    sheet.column_dimensions["A"].width = 40
    for col in range(2, WIDTH + 1):
        sheet.column_dimensions[get_column_letter(col)].width = 12
    _put(sheet, 1, 1, doc.governing_body, align=CENTRE)
    _put(sheet, 1, 3, doc.motto_1, BOLD, CENTRE, span=5)
    _put(sheet, 2, 1, doc.organisation, BOLD, CENTRE)
    _put(sheet, 2, 3, doc.motto_2, BOLD, CENTRE, span=5)
    _put(sheet, 4, 1, doc.number, align=CENTRE)
    _put(sheet, 4, 3, doc.place_date, Font(name="Times New Roman", italic=True), CENTRE, span=5)
    _put(sheet, 6, 1, doc.title, Font(name="Times New Roman", bold=True, size=14), CENTRE, WIDTH)
    _put(sheet, 7, 1, doc.subtitle, BOLD, CENTRE, span=WIDTH)
    row = 9
    for section in doc.sections:
        _put(sheet, row, 1, section.heading)
        row += 1
    row += 1
    _put(sheet, row, 1, "Nơi nhận:", Font(name="Times New Roman", bold=True, italic=True))
    _put(sheet, row, 5, doc.signer_prefix or doc.signer_title, BOLD, CENTRE, span=3)
    if doc.signer_prefix:
        _put(sheet, row + 1, 5, doc.signer_title, BOLD, CENTRE, span=3)
    for offset, addressee in enumerate(doc.addressees, start=1):
        _put(sheet, row + offset, 1, f"- {addressee}")
    _put(sheet, row + 5, 5, doc.signer_name, BOLD, CENTRE, span=3)


def _section(book, section):
    sheet = book.sheet(section.sheet or section.heading)
    widths = section.widths or [40] + [14] * (max(len(section.columns), 1) - 1)
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    _put(sheet, 1, 1, section.heading, BOLD)
    row = 2
    for line in section.lines:
        _put(sheet, row, 1, line, align=WRAP)
        row += 1
    if section.rows:
        row += 1
        for col, title in enumerate(section.columns, start=1):
            _put(sheet, row, col, title, BOLD, CENTRE).border = BOX
        sheet.freeze_panes = sheet.cell(row=row + 1, column=1)
        row += 1
        for values in section.rows:
            for col, value in enumerate(values, start=1):
                _put(sheet, row, col, value, align=WRAP).border = BOX
            row += 1


def report_workbook(report) -> bytes:
    return document_workbook(document_for(report))


def document_workbook(doc: Document, cover: str = "Báo cáo") -> bytes:
    """Any `layout.Document` as a workbook: the cover sheet, then a sheet per section."""
    book = SafeWorkbook()
    _cover(book, doc, cover)
    for section in doc.sections:
        _section(book, section)
    return book.to_bytes()
