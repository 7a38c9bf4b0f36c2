"""Official documents (the weekly report, the monthly letter, the centre's week, a
campaign summary) as Word files (python-docx) in the layout of Nghị định 30/2020/NĐ-CP,
Phụ lục I: A4, margins top/bottom 20 mm, left 30 mm, right 15 mm, Times New Roman; the
organisation block and the national title side by side, each with its short rule; "Số: …"
and the italic place and date; the title ("BÁO CÁO", "LỊCH CÔNG TÁC TUẦN") with its subject
line (a report) or "V/v …" under the number and "Kính gửi: …" (a letter); numbered
sections; "Nơi nhận" bottom left and the signer block bottom right. A landscape document
(the week's table) turns the page and keeps the same margins."""

from io import BytesIO

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from newsroom.reports.layout import Document, document_for, vn_number, week_document

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
FONT = "Times New Roman"
PAGE = {"width": Mm(210), "height": Mm(297)}
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
LEFT_SHARE = 6.8 / 16.5  # the organisation block: 68 of the 165 mm of portrait text width


def _write(
    target, text, *, bold=False, italic=False, size=13, align=None, first=False, upper=False
):
    paragraph = target.paragraphs[0] if first else target.add_paragraph()
    run = paragraph.add_run(text.upper() if upper else text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    run.font.name = FONT
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    return paragraph


def _rule(cell, indent_cm: float):
    """The short solid line under the organisation name and under the motto: the top
    border of an empty paragraph, shortened by equal indents."""
    paragraph = cell.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Cm(indent_cm)
    fmt.space_before, fmt.space_after = Pt(3), Pt(6)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        top.set(qn(f"w:{key}"), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)  # noqa: SLF001 - python-docx has no API


def _no_borders(table):
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)  # noqa: SLF001


def _text_width(word):
    section = word.sections[0]
    return section.page_width - section.left_margin - section.right_margin


def _two_columns(word, rows=1):
    """A borderless table: the organisation block left, the national title right (and,
    in the second row, the number left and the place and date right, on one line)."""
    width = _text_width(word)
    left = int(width * LEFT_SHARE)
    widths = (left, width - left)
    table = word.add_table(rows=rows, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    table.columns[0].width, table.columns[1].width = widths
    for row in table.rows:
        row.cells[0].width, row.cells[1].width = widths
    return [cell for row in table.rows for cell in row.cells]


def _page(word, *, landscape=False):
    section = word.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = PAGE["height"], PAGE["width"]
    else:
        section.page_width, section.page_height = PAGE["width"], PAGE["height"]
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    style = word.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)


def _table(word, section):
    table = word.add_table(rows=1, cols=len(section.columns))
    table.style = "Table Grid"
    if section.word_widths:
        table.autofit = False
    for cell, name in zip(table.rows[0].cells, section.columns, strict=True):
        _write(cell, name, bold=True, size=12, align=CENTER, first=True)
    for values in section.rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            number = not isinstance(value, str)
            text = vn_number(value).split("\n")
            _write(cell, text[0], size=12, first=True, align=RIGHT if number else None)
            for line in text[1:]:
                _write(cell, line, size=12)
    if section.word_widths:
        for row in table.rows:
            for cell, width in zip(row.cells, section.word_widths, strict=True):
                cell.width = Cm(width)
    if section.group_first:
        _merge_first_column(table)
    word.add_paragraph()


def _merge_first_column(table):
    """One cell for a day however many rows it has, as printed calendars do."""
    rows = table.rows[1:]
    start = 0
    for i in range(1, len(rows) + 1):
        if i < len(rows) and rows[i].cells[0].text == rows[start].cells[0].text:
            continue
        if i - 1 > start:
            kept = [p.text for p in rows[start].cells[0].paragraphs]
            merged = rows[start].cells[0].merge(rows[i - 1].cells[0])
            for paragraph in merged.paragraphs[len(kept) :]:
                paragraph._p.getparent().remove(paragraph._p)  # noqa: SLF001 - the copies
            for paragraph in merged.paragraphs:
                paragraph.alignment = CENTER
        else:
            for paragraph in rows[start].cells[0].paragraphs:
                paragraph.alignment = CENTER
        start = i


def report_document(report) -> bytes:
    return document_bytes(document_for(report))


def week_word(grid, centre) -> bytes:
    """The centre's week, "LỊCH CÔNG TÁC TUẦN", in the same official layout."""
    return document_bytes(week_document(grid, centre))


def document_bytes(doc: Document) -> bytes:
    """Any official document described by a `layout.Document` (the weekly report, a
    letter, the week, a campaign summary) as a Word file."""
    word = WordDocument()
    _page(word, landscape=doc.landscape)

    left, right, number, place_date = _two_columns(word, rows=2)
    _write(left, doc.governing_body, size=12, align=CENTER, first=True, upper=True)
    _write(left, doc.organisation, bold=True, size=12, align=CENTER, upper=True)
    _rule(left, 2.0)
    _write(right, doc.motto_1, bold=True, size=12, align=CENTER, first=True)
    _write(right, doc.motto_2, bold=True, size=13, align=CENTER)
    _rule(right, 2.2)
    if doc.number:
        _write(number, doc.number, size=13, align=CENTER, first=True)
    if doc.about:  # a letter's subject, under its number (Decree 30, Appendix I)
        _write(number, doc.about, size=12, align=CENTER)
    _write(place_date, doc.place_date, italic=True, size=13, align=CENTER, first=True)

    if doc.title:
        title = _write(word, doc.title, bold=True, size=14, align=CENTER)
        title.paragraph_format.space_before = Pt(18)
        if doc.subtitle:
            _write(word, doc.subtitle, bold=True, size=14, align=CENTER)
        if doc.replaces:
            _write(word, doc.replaces, italic=True, size=13, align=CENTER)
        _rule(word, 6.5)
    if doc.salutation:
        greeting = _write(word, doc.salutation, size=14, align=CENTER)
        greeting.paragraph_format.space_before = Pt(12)
        greeting.paragraph_format.space_after = Pt(6)
    for section in doc.sections:
        if section.heading:
            heading = _write(word, section.heading, bold=True, size=14, align=JUSTIFY)
            heading.paragraph_format.space_before = Pt(6)
        for line in section.lines:
            body = _write(word, line, size=14, align=JUSTIFY)
            body.paragraph_format.first_line_indent = Cm(1.27)
            body.paragraph_format.space_after = Pt(3)
        if section.rows:
            _table(word, section)

    word.add_paragraph()
    left, right = _two_columns(word)
    _write(left, "Nơi nhận:", bold=True, italic=True, size=12, first=True)
    for addressee in doc.addressees:
        _write(left, f"- {addressee}", size=11)
    lines = [doc.signer_prefix, doc.signer_title] if doc.signer_prefix else [doc.signer_title]
    _write(right, lines[0], bold=True, size=14, align=CENTER, first=True, upper=True)
    for line in lines[1:]:
        _write(right, line, bold=True, size=14, align=CENTER, upper=True)
    for _blank in range(4):
        _write(right, "", size=14)
    _write(right, doc.signer_name, bold=True, size=14, align=CENTER)
    out = BytesIO()
    word.save(out)
    return out.getvalue()
