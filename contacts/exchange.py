"""File formats of the directory: CSV and Excel both ways, vCard 3.0 out.

The header is Vietnamese ("Họ và tên", "Vai trò"…) and fixed, not translated with the
interface, so an exported file imports back unchanged whatever language the person chose.
The import reads a column by its Vietnamese header (accents and case do not matter) or by
its English key (`full_name`, `role`…), which files exported before kept.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.utils.translation import gettext as _

from contacts.enums import ContactRole
from contacts.models.press import CONSENT_FIELDS
from contacts.selectors.directory import PUBLIC_FIELDS, public_value
from contacts.text import fold
from portal.archives import UnsafeArchive, ZipLimits, check_zip
from portal.spreadsheets import SafeWorkbook, neutralise, restore

# The public list's fields as file columns ("active" is implied: only live entries).
PUBLIC_COLUMNS = tuple(field for field in PUBLIC_FIELDS if field != "is_active")
INTERNAL_COLUMNS = ("internal_phone", "internal_email")
# A file's column titles: part of the file format, so fixed (see the module docstring).
HEADERS = {
    "id": "Mã số",
    "role": "Vai trò",
    "press_agency": "Cơ quan báo chí",
    "organisation": "Cơ quan, đơn vị",
    "full_name": "Họ và tên",
    "title": "Chức vụ",
    "office_address": "Địa chỉ cơ quan",
    "area": "Địa bàn",
    "phone": "Điện thoại",
    "email": "Thư điện tử",
    "verified_on": "Ngày xác minh",
    "internal_phone": "Điện thoại nội bộ",
    "internal_email": "Thư điện tử nội bộ",
}
SHEET_NAME = "Danh bạ báo chí"
_KEY_OF_HEADER = {fold(title): key for key, title in HEADERS.items()}


class UnreadableFile(ValueError):
    pass


def columns(internal: bool) -> tuple[str, ...]:
    return PUBLIC_COLUMNS + INTERNAL_COLUMNS if internal else PUBLIC_COLUMNS


def export_rows(contacts, internal: bool) -> list[dict]:
    rows = []
    for contact in contacts:
        row = {
            "id": contact.pk,
            "role": contact.get_role_display(),
            "press_agency": contact.press_agency.name if contact.press_agency_id else "",
            "organisation": contact.organisation.name if contact.organisation_id else "",
            "verified_on": contact.verified_on.isoformat(),
        }
        if not internal:  # a personal field only with its legal basis
            row.update({name: public_value(contact, name) for name in CONSENT_FIELDS})
        for name in columns(internal):
            row.setdefault(name, getattr(contact, name))
        rows.append(row)
    return rows


# ---- writers -------------------------------------------------------------------------


def write_csv(rows: list[dict], header: tuple[str, ...], titles: dict | None = None) -> bytes:
    """`header` names the keys of each row; the first line shows their Vietnamese titles
    (the directory's own by default)."""
    titles = titles or HEADERS
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, extrasaction="ignore")
    writer.writerow({name: titles[name] for name in header})
    for row in rows:
        writer.writerow({name: neutralise(row.get(name, "")) for name in header})
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8


def write_xlsx(rows: list[dict], header: tuple[str, ...]) -> bytes:
    """Through the portal's one spreadsheet writer, which quotes formula-looking text."""
    workbook = SafeWorkbook()
    sheet = workbook.sheet(SHEET_NAME)
    workbook.append(sheet, [HEADERS[name] for name in header])
    for row in rows:
        workbook.append(sheet, [row.get(name, "") for name in header])
    return workbook.to_bytes()


_VCARD_CONTROL = dict.fromkeys(c for c in [*range(0x20), 0x7F] if c not in (0x09, 0x0A))


def _vcard_escape(value: str) -> str:
    """A text value per RFC 6350 3.4: backslash, comma and semicolon escaped; every line
    break (CR LF, a bare CR, a bare LF) becomes the two characters \\n; other control
    characters are dropped, so no value can start a property line of its own."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").translate(_VCARD_CONTROL)
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _fold_line(line: str) -> str:
    """RFC 2425: lines longer than 75 octets continue on the next line after a space,
    never splitting a UTF-8 character."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def write_vcard(contacts, internal: bool) -> str:
    cards = []
    for contact in contacts:
        owner = contact.owner.name if contact.owner else ""
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"N:{_vcard_escape(contact.full_name)};;;;",
            f"FN:{_vcard_escape(contact.full_name)}",
        ]
        if owner:
            lines.append(f"ORG:{_vcard_escape(owner)}")
        if contact.title:
            lines.append(f"TITLE:{_vcard_escape(contact.title)}")
        if internal:
            phones = [contact.phone, contact.internal_phone]
            emails = [contact.email, contact.internal_email]
        else:  # a personal field only with its legal basis
            phones, emails = [public_value(contact, "phone")], [public_value(contact, "email")]
        lines += [f"TEL;TYPE=WORK,VOICE:{_vcard_escape(p)}" for p in phones if p]
        lines += [f"EMAIL;TYPE=INTERNET:{_vcard_escape(e)}" for e in emails if e]
        if contact.office_address:
            lines.append(f"ADR;TYPE=WORK:;;{_vcard_escape(contact.office_address)};;;;")
        note = " · ".join(x for x in (contact.get_role_display(), contact.area) if x)
        lines.append(f"NOTE:{_vcard_escape(note)}")
        lines.append(f"REV:{contact.verified_on.isoformat()}")
        lines.append("END:VCARD")
        cards.append("\r\n".join(_fold_line(line) for line in lines))
    return "\r\n".join(cards) + "\r\n" if cards else ""


# ---- readers -------------------------------------------------------------------------


def _normalise_header(name) -> str:
    """A column's key from its title: "Họ và tên" (any case, with or without accents) or
    the English key "full_name"."""
    text = str(name or "").strip()
    return _KEY_OF_HEADER.get(fold(text), text.lower())


@dataclass(frozen=True)
class ReadLimits:
    """Hard caps on what one import reads, from settings (README, "Configuration")."""

    rows: int
    columns: int
    cell_chars: int
    zip: ZipLimits

    @classmethod
    def from_settings(cls) -> "ReadLimits":
        return cls(
            rows=settings.CONTACT_IMPORT_MAX_ROWS,
            columns=settings.CONTACT_IMPORT_MAX_COLUMNS,
            cell_chars=settings.CONTACT_IMPORT_MAX_CELL_CHARS,
            zip=ZipLimits(
                max_members=settings.CONTACT_IMPORT_MAX_ZIP_MEMBERS,
                max_inflated_bytes=settings.CONTACT_IMPORT_MAX_INFLATED_BYTES,
                max_ratio=settings.CONTACT_IMPORT_MAX_ZIP_RATIO,
            ),
        )


def read_csv(upload, limits: ReadLimits | None = None) -> list[dict]:
    """Row by row with the csv module; stops at the first cap crossed. The whole upload
    is in memory already (its size is capped before this is called)."""
    limits = limits or ReadLimits.from_settings()
    upload.seek(0)
    raw = upload.read()
    if b"\x00" in raw:
        raise UnreadableFile(_("This is not a CSV text file."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(
            _("The CSV file is not UTF-8. Save it as “CSV UTF-8” and try again.")
        ) from None
    try:
        first_line = text[:4096].split("\n", 1)[0]
        dialect = csv.Sniffer().sniff(first_line, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    return _rows_from(_csv_records(reader, limits), limits)


def _csv_records(reader, limits: ReadLimits):
    number = 0
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise UnreadableFile(_cell_too_long(number + 1, limits)) from None
            raise UnreadableFile(
                _("Row %(line)s of the CSV file cannot be read (check its quotes).")
                % {"line": number + 1}
            ) from None
        number += 1
        yield number, values


def read_xlsx(upload, limits: ReadLimits | None = None) -> list[dict]:
    """The first sheet, streamed cell by cell. The sheet's declared size (`<dimension>`)
    is ignored: only cells that are really there are read, and at most a budget of them."""
    from openpyxl import load_workbook

    limits = limits or ReadLimits.from_settings()
    try:
        check_zip(upload, limits.zip, upload.name or "")
    except UnsafeArchive as exc:
        raise UnreadableFile(str(exc)) from None
    upload.seek(0)
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise UnreadableFile(_("The Excel file cannot be opened.")) from None
    try:
        return _rows_from(_xlsx_records(workbook, limits), limits)
    finally:
        workbook.close()


def _xlsx_records(workbook, limits: ReadLimits):
    """(row number, [cell text …]) per row of the first sheet. Each cell is dropped from
    the XML tree as soon as it is read, so memory stays flat whatever the file claims."""
    from openpyxl.worksheet._reader import WorkSheetParser  # openpyxl is pinned
    from openpyxl.xml.constants import SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse  # defusedxml's when installed

    row_tag, cell_tag = f"{{{SHEET_MAIN_NS}}}row", f"{{{SHEET_MAIN_NS}}}c"
    data_tag = f"{{{SHEET_MAIN_NS}}}sheetData"
    sheet = workbook.worksheets[0] if workbook.worksheets else None
    if sheet is None or not hasattr(sheet, "_get_source"):
        raise UnreadableFile(_("The Excel file cannot be opened."))
    parser = WorkSheetParser(
        None,
        sheet._shared_strings,
        data_only=True,
        epoch=workbook.epoch,
        date_formats=workbook._date_formats,
        timedelta_formats=workbook._timedelta_formats,
    )
    budget = (limits.rows + 1) * limits.columns  # cells and rows the reader will look at
    sheet_data, row_element, cells = None, None, {}
    try:
        with sheet._get_source() as source:
            for event, element in iterparse(source, events=("start", "end")):
                tag = element.tag
                if event == "start":
                    if tag == data_tag:
                        sheet_data = element
                    elif tag == row_tag:
                        number = element.get("r")
                        parser.row_counter = int(number) if number else parser.row_counter + 1
                        parser.col_counter = 0
                        row_element, cells = element, {}
                    continue
                if tag == cell_tag and row_element is not None:
                    budget -= 1
                    if budget < 0:
                        raise UnreadableFile(_too_many_cells(limits))
                    cell = parser.parse_cell(element)
                    row_element.remove(element)
                    text = _text(cell["value"])
                    if text:
                        cells[cell["column"]] = text
                elif tag == row_tag:
                    budget -= 1
                    if budget < 0:
                        raise UnreadableFile(_too_many_cells(limits))
                    width = max(cells, default=0)
                    yield parser.row_counter, [cells.get(i, "") for i in range(1, width + 1)]
                    if sheet_data is not None:
                        sheet_data.remove(element)
                    row_element, cells = None, {}
    except UnreadableFile:
        raise
    except Exception:  # noqa: BLE001 - a broken sheet raises many kinds
        raise UnreadableFile(_("The Excel file cannot be opened.")) from None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _cell_too_long(line: int, limits: ReadLimits) -> str:
    return _(
        "Row %(line)s has a cell longer than %(limit)s characters; a cell may hold at most "
        "%(limit)s characters."
    ) % {"line": line, "limit": limits.cell_chars}


def _too_many_cells(limits: ReadLimits) -> str:
    return _(
        "The sheet holds more cells than %(rows)s rows of %(columns)s columns; it is not a "
        "contact list this import can read."
    ) % {"rows": limits.rows, "columns": limits.columns}


def _rows_from(records, limits: ReadLimits) -> list[dict]:
    """[{column: value, "_line": n}] for non-empty rows under the header row; `records`
    yields (row number, cells) and is read only up to the first cap crossed."""
    header = None
    rows = []
    for number, values in records:
        last = max((i for i, v in enumerate(values) if str(v).strip()), default=-1)
        if last >= limits.columns:
            raise UnreadableFile(
                _(
                    "Row %(line)s has more than %(limit)s columns; a file may have at most "
                    "%(limit)s."
                )
                % {"line": number, "limit": limits.columns}
            )
        cells = [restore(str(v).strip()) for v in values[: last + 1]]
        if any(len(cell) > limits.cell_chars for cell in cells):
            raise UnreadableFile(_cell_too_long(number, limits))
        if header is None:
            header = _header(cells)
            continue
        if not any(cells):
            continue
        if len(rows) >= limits.rows:
            raise UnreadableFile(
                _(
                    "The file has more than %(limit)s rows under the header; import at most "
                    "%(limit)s rows at a time (split the file)."
                )
                % {"limit": limits.rows}
            )
        row = {name: cells[i] if i < len(cells) else "" for i, name in enumerate(header) if name}
        row["_line"] = number
        rows.append(row)
    if header is None:
        raise UnreadableFile(_("The file is empty."))
    return rows


def _header(cells: list[str]) -> list[str]:
    header = [_normalise_header(name) for name in cells]
    if "full_name" not in header or "role" not in header:
        raise UnreadableFile(
            _(
                "The first row must name the columns, with at least “%(role)s” and "
                "“%(full_name)s” (export the list to get a template)."
            )
            % {"role": HEADERS["role"], "full_name": HEADERS["full_name"]}
        )
    return header


def role_from_text(text: str) -> str | None:
    """A role given as its code or its label (any language)."""
    from django.utils import translation

    wanted = text.strip().casefold()
    for role in ContactRole:
        if wanted == role.value:
            return role.value
        for language in ("vi", "en"):
            with translation.override(language):
                if wanted == str(role.label).casefold():
                    return role.value
    return None
