"""The weekly report as a Word document (python-docx) in the official layout (Nghị định
30/2020/NĐ-CP): two-column letterhead, number, place and date, title, sections,
"Nơi nhận" and the signature block."""

from io import BytesIO

from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from newsroom.reports.layout import document_for

CENTER = WD_ALIGN_PARAGRAPH.CENTER


def _write(cell_or_doc, text, *, bold=False, italic=False, size=13, align=None, first=False):
    paragraph = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def report_document(report) -> bytes:
    doc = document_for(report)
    word = WordDocument()
    style = word.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)

    header = word.add_table(rows=2, cols=2)
    left, right = header.rows[0].cells
    _write(left, doc.governing_body, size=12, align=CENTER, first=True)
    _write(left, doc.organisation, bold=True, size=12, align=CENTER)
    _write(right, doc.motto_1, bold=True, size=12, align=CENTER, first=True)
    _write(right, doc.motto_2, bold=True, size=13, align=CENTER)
    left, right = header.rows[1].cells
    _write(left, doc.number, align=CENTER, first=True)
    _write(right, doc.place_date, italic=True, align=CENTER, first=True)

    _write(word, doc.title, bold=True, size=14, align=CENTER)
    _write(word, doc.subtitle, bold=True, align=CENTER)
    for section in doc.sections:
        _write(word, section.heading, bold=True)
        for line in section.lines:
            _write(word, line)
        if section.rows:
            table = word.add_table(rows=1, cols=len(section.columns))
            table.style = "Table Grid"
            for cell, title in zip(table.rows[0].cells, section.columns, strict=True):
                _write(cell, title, bold=True, size=11, first=True)
            for values in section.rows:
                cells = table.add_row().cells
                for cell, value in zip(cells, values, strict=True):
                    _write(cell, str(value), size=11, first=True)

    footer = word.add_table(rows=1, cols=2)
    left, right = footer.rows[0].cells
    _write(left, "Nơi nhận:", bold=True, italic=True, size=12, first=True)
    for addressee in doc.addressees:
        _write(left, f"- {addressee}", size=11)
    _write(right, doc.signer_title, bold=True, align=CENTER, first=True)
    for _blank in range(3):
        _write(right, "")
    _write(right, doc.signer_name, bold=True, align=CENTER)
    out = BytesIO()
    word.save(out)
    return out.getvalue()
