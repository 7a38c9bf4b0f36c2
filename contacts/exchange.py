"""File formats of the directory: CSV and Excel both ways, vCard 3.0 out.

Column keys are stable (they are the file's header) so an exported file imports back
unchanged, whatever the interface language.
"""

import csv
import io
from datetime import date, datetime

from django.utils.translation import gettext as _

from contacts.enums import ContactRole
from contacts.selectors.directory import PUBLIC_FIELDS

# The public list's fields as file columns ("active" is implied: only live entries).
PUBLIC_COLUMNS = tuple(field for field in PUBLIC_FIELDS if field != "is_active")
INTERNAL_COLUMNS = ("internal_phone", "internal_email")


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
        for name in columns(internal):
            row.setdefault(name, getattr(contact, name))
        rows.append(row)
    return rows


# ---- writers -------------------------------------------------------------------------


def write_csv(rows: list[dict], header: tuple[str, ...]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: _defuse(row.get(name, ""), "=+-@") for name in header})
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8


def write_xlsx(rows: list[dict], header: tuple[str, ...]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "contacts"
    sheet.append(list(header))
    for row in rows:
        sheet.append([_defuse(row.get(name, ""), "=") for name in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _defuse(value, dangerous: str):
    """A cell starting with = (or + - @ in CSV) would be a formula in Excel: never let
    data become code. The quote is removed again on import (`_undefuse`)."""
    if isinstance(value, str) and value[:1] and value[0] in dangerous:
        return "'" + value
    return value


def _undefuse(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@") else text


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
        phones = [contact.phone] + ([contact.internal_phone] if internal else [])
        emails = [contact.email] + ([contact.internal_email] if internal else [])
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
    return str(name or "").strip().lower()


def read_csv(upload) -> list[dict]:
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
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    return _rows_from(list(reader))


def read_xlsx(upload) -> list[dict]:
    from openpyxl import load_workbook

    upload.seek(0)
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise UnreadableFile(_("The Excel file cannot be opened.")) from None
    sheet = workbook.worksheets[0]
    table = [[_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return _rows_from(table)


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


def _rows_from(table: list[list]) -> list[dict]:
    """[{column: value, "_line": n}] for non-empty rows under the header row."""
    if not table:
        raise UnreadableFile(_("The file is empty."))
    header = [_normalise_header(name) for name in table[0]]
    if "full_name" not in header or "role" not in header:
        raise UnreadableFile(
            _(
                "The first row must name the columns, with at least “role” and “full_name” "
                "(export the list to get a template)."
            )
        )
    rows = []
    for number, values in enumerate(table[1:], start=2):
        cells = [_undefuse(str(v).strip()) for v in values]
        if not any(cells):
            continue
        row = {name: cells[i] if i < len(cells) else "" for i, name in enumerate(header) if name}
        row["_line"] = number
        rows.append(row)
    return rows


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
