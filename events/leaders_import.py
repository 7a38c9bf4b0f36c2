"""Read a leaders' weekly work calendar (Lịch công tác tuần) from a DOCX table or an
XLSX sheet into items: date, start (and end), content, leaders, place, preparing unit.

Understood layouts (tests/events/leaders_samples.py builds one of each):
- a header row naming the columns (day "Thứ/Ngày", time "Thời gian/Giờ/Buổi", content
  "Nội dung", leaders "Lãnh đạo/Chủ trì/Thành phần", place "Địa điểm", preparing unit
  "Đơn vị chuẩn bị"), anywhere in the first rows, after title rows;
- the day in its own column, merged down (or left blank) over the rows of that day, or
  as a heading row of its own ("THỨ HAI (07/12)") above that day's rows;
- "Sáng" / "Chiều" / "Tối" with or without a clock time, in the time column or in a
  separate session column; several items in one cell, one per line or each after a
  leading "-", each with its own time ("- 8h00: Họp …") or the row's; on one line
  " - " separates items only after a leading dash, never inside "HĐND - UBND".

Not understood: calendars that are prose (no table), one column per weekday (days
across), several tables with different headers in one file, scanned images, .doc/.xls.
"""

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils.translation import gettext as _

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_UNPACKED_BYTES = 30 * 1024 * 1024  # DOCX and XLSX are zip files: no zip bombs
MAX_ROWS = 500
MAX_ITEMS = 300
HEADER_SEARCH_ROWS = 15

# Clock time assumed for a session given without one.
SESSION_START = {"sang": time(7, 30), "chieu": time(14, 0), "toi": time(19, 30)}


class CalendarFileError(Exception):
    """The file as a whole cannot be read; the message says why, in the reader's language."""


@dataclass
class ParsedItem:
    date: date
    start: time
    end: time | None
    content: str
    leaders: str = ""
    place: str = ""
    preparing_unit: str = ""
    time_given: bool = True  # False: only "Sáng"/"Chiều" was written
    row: int = 0

    def as_tuple(self):
        return (
            self.date,
            self.start,
            self.end,
            self.content,
            self.leaders,
            self.place,
            self.preparing_unit,
        )


@dataclass
class RowProblem:
    row: int
    reason: str
    text: str = ""


@dataclass
class ParseResult:
    items: list[ParsedItem] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def fold(text: str) -> str:
    """Lower case without accents: "Thứ Hai" → "thu hai", "Địa điểm" → "dia diem"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


# --- Reading the file into rows of cell text --------------------------------------------------


def _kind_of(data: bytes) -> str:
    if not data.startswith(b"PK"):
        return ""
    try:
        entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile:
        return ""
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        raise CalendarFileError(_("The file is too large once unpacked."))
    names = {entry.filename for entry in entries}
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return ""


def _docx_rows(data: bytes) -> list[list]:
    import docx

    document = docx.Document(io.BytesIO(data))
    best: list[list] = []
    for table in document.tables:
        rows = []
        for row in table.rows[: MAX_ROWS + HEADER_SEARCH_ROWS]:
            cells, seen = [], []
            for cell in row.cells:
                # A cell merged across columns comes back once per column: keep it once.
                text = cell.text if all(cell._tc is not s for s in seen) else ""
                seen.append(cell._tc)
                cells.append(text)
            rows.append(cells)
        if _find_header(rows) is not None:
            return rows
        best = best or rows
    return best


def _xlsx_rows(data: bytes) -> list[list]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for sheet in book.worksheets:
            rows = []
            for values in sheet.iter_rows(values_only=True):
                rows.append(["" if v is None else v for v in values])
                if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
                    break
            if _find_header(rows) is not None:
                return rows
        return []
    finally:
        book.close()


# --- Finding the columns ----------------------------------------------------------------------

COLUMN_WORDS = {
    # Checked in this order; a header cell takes the first column it matches.
    "preparing": ("chuan bi",),
    "place": ("dia diem", "noi to chuc"),
    "leaders": ("lanh dao", "chu tri", "thanh phan", "nguoi du", "nguoi thuc hien"),
    "content": ("noi dung", "cong viec"),
    "session": ("buoi",),
    "time": ("thoi gian", "gio"),
    "day": ("thu", "ngay"),
}


def _classify(header: str) -> str | None:
    folded = fold(header)
    for column, words in COLUMN_WORDS.items():
        if any(re.search(rf"\b{w}\b", folded) for w in words):
            return column
    return None


def _find_header(rows: list[list]) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for position, value in enumerate(row):
            if not isinstance(value, str) or not value.strip() or len(value) > 60:
                continue
            column = _classify(value)
            if column and column not in columns:
                columns[column] = position
        if "content" in columns and ("day" in columns or "time" in columns):
            return index, columns
    return None


# --- Dates and times --------------------------------------------------------------------------

WEEKDAYS = {
    "hai": 0,
    "2": 0,
    "ba": 1,
    "3": 1,
    "tu": 2,
    "4": 2,
    "nam": 3,
    "5": 3,
    "sau": 4,
    "6": 4,
    "bay": 5,
    "7": 5,
    "chu nhat": 6,
    "cn": 6,
}
DATE_RE = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{2,4}))?")
WEEKDAY_RE = re.compile(r"\b(?:thu\s+(hai|ba|tu|nam|sau|bay|[2-7])|(chu nhat|cn))\b")


def parse_day(value, week_start: date) -> date | None:
    """ "Thứ Hai (07/12)", "Thứ 2, ngày 07/12/2026", "ngày 07/12/2026", an Excel date,
    or a bare weekday ("Thứ Ba") read within the declared week."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    folded = fold(str(value))
    if not folded:
        return None
    match = DATE_RE.search(folded)
    if match:
        day, month, year = int(match[1]), int(match[2]), match[3]
        if year:
            year = int(year) + (2000 if len(year) == 2 else 0)
            candidates = [year]
        else:
            # No year: the one that puts the date in (or nearest) the declared week.
            candidates = [week_start.year, week_start.year + 1, week_start.year - 1]
        found = []
        for candidate in candidates:
            try:
                found.append(date(candidate, month, day))
            except ValueError:
                continue
        if not found:
            return None
        return min(found, key=lambda d: abs((d - week_start).days))
    weekday = WEEKDAY_RE.search(folded)
    if weekday:
        return week_start + timedelta(days=WEEKDAYS[weekday[1] or weekday[2]])
    return None


CLOCK_RE = re.compile(
    r"(?<![\d/])(\d{1,2})\s*(?:gio|h|g|:)\s*(\d{1,2})?(?:\s*(?:phut|p|'))?(?![\d/])"
)
SESSION_RE = re.compile(r"\b(sang|chieu|toi|trua)\b")


def _clock(match) -> time | None:
    hour, minute = int(match[1]), int(match[2] or 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_times(value) -> tuple[time | None, time | None, str | None]:
    """(start, end, session) from "7h30", "07 giờ 30", "14h", "Sáng", "Chiều 14h00",
    "7h30 - 11h00", an Excel time. Session is "sang"/"chieu"/"toi" or None."""
    if isinstance(value, datetime):
        return value.time(), None, None
    if isinstance(value, time):
        return value, None, None
    folded = fold(str(value))
    session_match = SESSION_RE.search(folded)
    session = session_match[1] if session_match else None
    if session == "trua":
        session = "chieu"
    clocks = [c for c in (_clock(m) for m in CLOCK_RE.finditer(folded)) if c]
    start = clocks[0] if clocks else None
    end = clocks[1] if len(clocks) > 1 else None
    if start and session in ("chieu", "toi") and start.hour < 12:
        start = time(start.hour + 12, start.minute)  # "Chiều 2h" is 14:00
    if end and session in ("chieu", "toi") and end.hour < 12:
        end = time(end.hour + 12, end.minute)
    return start, end, session


LEADING_TIME_RE = re.compile(
    r"^\s*(?:(?:sang|chieu|toi)\s*)?(\d{1,2})\s*(?:gio|h|g|:)\s*(\d{1,2})?(?:\s*(?:phut|p))?"
    r"(?:\s*[-–]\s*\d{1,2}\s*(?:gio|h|g|:)\s*\d{0,2})?\s*[:,.]?\s*"
)


ABBREVIATION_RE = re.compile(r"^[^\W\d_a-z]{2,}$")  # "HĐND", "UBND": upper-case letters


def _is_abbreviation(word: str) -> bool:
    return bool(ABBREVIATION_RE.match(word)) and word == word.upper()


def split_items(text: str) -> list[str]:
    """Several items in one cell: one per line, or each after a leading "-" / "+" / "•".
    On one line, " - " separates items only when the line itself starts with a dash
    ("- Họp A - Duyệt B"), and never between two abbreviations ("HĐND - UBND huyện")."""
    text = str(text).replace("\r", "\n")
    parts = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if not re.match(r"[-–•+]\s", line):
            parts.append(line.strip(" ;"))
            continue
        # the separators are kept, to put an abbreviation's own dash back as it was
        tokens = re.split(r"((?:^|\s)[-–•+]\s+(?=\S))", line)
        joined: list[str] = []
        for separator, piece in zip(tokens[1::2], tokens[2::2], strict=True):
            previous = joined[-1].split()[-1] if joined and joined[-1].split() else ""
            following = piece.split()[0] if piece.split() else ""
            if joined and _is_abbreviation(previous) and _is_abbreviation(following):
                joined[-1] += separator + piece
            elif piece.strip(" -–•+;"):
                joined.append(piece)
        parts.extend(p.strip(" -–•+;") for p in joined)
    return parts


def _leading_time(item: str) -> tuple[time | None, time | None, str]:
    """ "8h00: Họp giao ban" → (08:00, None, "Họp giao ban")."""
    folded = fold(item)
    match = LEADING_TIME_RE.match(folded)
    if not match or not match.group(0).strip():
        return None, None, item
    start, end, _session = parse_times(folded[: match.end()])
    if start is None:
        return None, None, item
    return start, end, item[match.end() :].strip()


def _lines(value) -> list[str]:
    return [line.strip(" -–•+;") for line in str(value).splitlines() if line.strip(" -–•+;")]


def _for_item(value, index: int, count: int) -> str:
    """A leaders/place cell with one line per item pairs up; otherwise it is shared."""
    lines = _lines(value)
    if count > 1 and len(lines) == count:
        return lines[index]
    return " ".join(lines)


# --- Rows into items --------------------------------------------------------------------------


def _cell(row: list, columns: dict[str, int], name: str):
    position = columns.get(name)
    if position is None or position >= len(row):
        return ""
    value = row[position]
    return value.strip() if isinstance(value, str) else value


def _text(value) -> str:
    return "" if value in ("", None) else str(value).strip()


def parse_rows(rows: list[list], week_start: date) -> ParseResult:
    header = _find_header(rows)
    if header is None:
        raise CalendarFileError(
            _(
                "No calendar table was found: the file needs a header row with at least "
                "the columns “Nội dung” and “Thứ/Ngày” (or “Thời gian”)."
            )
        )
    header_index, columns = header
    body = rows[header_index + 1 :]
    if len(body) > MAX_ROWS:
        raise CalendarFileError(_("The calendar has more than %(max)d rows.") % {"max": MAX_ROWS})
    week_end = week_start + timedelta(days=6)
    result = ParseResult()
    current_day: date | None = None
    current_session: str | None = None
    for offset, row in enumerate(body):
        number = header_index + offset + 2  # 1-based, as the office sees it
        if not any(_text(v) for v in row):
            continue
        day_value = _cell(row, columns, "day")
        filled = [i for i, v in enumerate(row) if _text(v)]
        # A heading row of its own: "THỨ HAI (07/12/2026)" across the table.
        if filled in ([0], [columns.get("day", 0)]) and parse_day(row[filled[0]], week_start):
            current_day, current_session = parse_day(row[filled[0]], week_start), None
            if not week_start <= current_day <= week_end:
                raise _outside(current_day, week_start, number)
            continue
        if _text(day_value):
            day = parse_day(day_value, week_start)
            if day is None:
                result.problems.append(
                    RowProblem(number, _("The day cannot be read."), _text(day_value))
                )
                current_day = None
                continue
            if not week_start <= day <= week_end:
                raise _outside(day, week_start, number)
            if day != current_day:
                current_session = None
            current_day = day
        content = _text(_cell(row, columns, "content"))
        if not content:
            if any(_text(_cell(row, columns, c)) for c in ("leaders", "place", "time")):
                result.problems.append(
                    RowProblem(number, _("The row has no content."), " | ".join(map(_text, row)))
                )
            continue
        if current_day is None:
            result.problems.append(
                RowProblem(number, _("No day is given for this row."), content[:200])
            )
            continue
        time_value = _cell(row, columns, "time")
        session_value = _cell(row, columns, "session")
        start, end, session = parse_times(time_value) if _text(time_value) else (None, None, None)
        if _text(session_value):
            _s, _e, session_from_column = parse_times(session_value)
            session = session_from_column or session
            if start is None:
                start, end = _s, _e
        if session:
            current_session = session
        if _text(time_value) and start is None and session is None:
            result.problems.append(
                RowProblem(number, _("The time cannot be read."), _text(time_value))
            )
            continue
        texts = split_items(content)
        time_lines = (
            [parse_times(line)[0] for line in _lines(time_value)]
            if isinstance(time_value, str)
            else []
        )
        for index, text in enumerate(texts):
            item_start, item_end, text = _leading_time(text)
            time_given = True
            if item_start is None and len(texts) > 1 and len(time_lines) == len(texts):
                item_start = time_lines[index]
            if item_start is None:
                item_start, item_end = start, end
            if item_start is None:
                if current_session is None:
                    result.problems.append(
                        RowProblem(number, _("Neither a time nor a session is given."), text)
                    )
                    continue
                item_start, time_given = SESSION_START[current_session], False
            elif current_session in ("chieu", "toi") and item_start.hour < 12:
                item_start = time(item_start.hour + 12, item_start.minute)
            result.items.append(
                ParsedItem(
                    date=current_day,
                    start=item_start,
                    end=item_end,
                    content=text[:1000],
                    leaders=_for_item(_cell(row, columns, "leaders"), index, len(texts))[:500],
                    place=_for_item(_cell(row, columns, "place"), index, len(texts))[:255],
                    preparing_unit=_for_item(_cell(row, columns, "preparing"), index, len(texts))[
                        :255
                    ],
                    time_given=time_given,
                    row=number,
                )
            )
            if len(result.items) > MAX_ITEMS:
                raise CalendarFileError(
                    _("The calendar has more than %(max)d items.") % {"max": MAX_ITEMS}
                )
    if not result.items and not result.problems:
        raise CalendarFileError(_("The calendar table has no items."))
    return result


def _outside(day: date, week_start: date, row: int) -> CalendarFileError:
    return CalendarFileError(
        _("Row %(row)d: %(day)s is outside the week of %(start)s – %(end)s.")
        % {
            "row": row,
            "day": day.strftime("%d/%m/%Y"),
            "start": week_start.strftime("%d/%m/%Y"),
            "end": (week_start + timedelta(days=6)).strftime("%d/%m/%Y"),
        }
    )


def parse_calendar(data: bytes, week_start: date) -> ParseResult:
    """Parse the bytes of an uploaded DOCX or XLSX calendar for the week starting on
    `week_start` (a Monday). Raises CalendarFileError for a file that cannot be used."""
    if len(data) > MAX_FILE_BYTES:
        raise CalendarFileError(
            _("The file is larger than %(max)d MB.") % {"max": MAX_FILE_BYTES // (1024 * 1024)}
        )
    kind = _kind_of(data)
    if not kind:
        raise CalendarFileError(
            _(
                "This is not a Word (.docx) or Excel (.xlsx) file. "
                "Save the calendar in one of those formats."
            )
        )
    try:
        rows = _docx_rows(data) if kind == "docx" else _xlsx_rows(data)
    except CalendarFileError:
        raise
    except Exception as exc:  # a damaged file: python-docx / openpyxl raise many kinds
        raise CalendarFileError(_("The file is damaged and cannot be read.")) from exc
    return parse_rows(rows, week_start)
