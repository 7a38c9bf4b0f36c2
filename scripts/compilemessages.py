"""Compile every .po file of the project into a .mo file without GNU gettext.

`make messages` runs Django's `compilemessages` when `msgfmt` is installed and falls back
to this script on a bare machine that only has Python. It follows msgfmt's rules: fuzzy
and untranslated entries are left out, the header is always kept, and a .mo file that is
newer than its .po file is left alone.

Usage: python scripts/compilemessages.py [project_dir]
"""

import ast
import struct
import sys
from pathlib import Path

SKIP_DIRS = {".venv", "venv", "var", "node_modules", "staticfiles", ".git"}


def find_po_files(root: Path) -> list[Path]:
    found = []
    for po in sorted(root.rglob("*.po")):
        parts = po.relative_to(root).parts
        if SKIP_DIRS.isdisjoint(parts) and "locale" in parts and "LC_MESSAGES" in parts:
            found.append(po)
    return found


def parse_po(text: str) -> dict[str, str]:
    """Return {key: translation} using .mo conventions (context and plural separators)."""
    messages: dict[str, str] = {}
    entry: dict[str, object] = {}
    field = None

    def finish():
        nonlocal entry
        if "msgid" in entry:
            msgid = entry["msgid"]
            is_header = msgid == "" and "msgctxt" not in entry
            if is_header or not entry.get("fuzzy"):
                if "msgid_plural" in entry:
                    forms = [entry[k] for k in sorted(k for k in entry if isinstance(k, int))]
                    key = f"{msgid}\0{entry['msgid_plural']}"
                    value = "\0".join(forms)
                    translated = any(forms)
                else:
                    key, value = msgid, entry.get("msgstr", "")
                    translated = bool(value)
                if "msgctxt" in entry:
                    key = f"{entry['msgctxt']}\x04{key}"
                if translated:
                    messages[key] = value
        entry = {}

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        has_msgstr = "msgstr" in entry or any(isinstance(k, int) for k in entry)
        if not line or line.startswith("#"):
            if has_msgstr:
                finish()
            if line.startswith("#,") and "fuzzy" in line:
                entry["fuzzy"] = True
            continue
        if line.startswith('"'):
            if field is None:
                raise ValueError(f"line {number}: string outside an entry")
            entry[field] += ast.literal_eval(line)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and has_msgstr:
            finish()
        if keyword.startswith("msgstr["):
            field = int(keyword[len("msgstr[") : -1])
        elif keyword in ("msgctxt", "msgid", "msgid_plural", "msgstr"):
            field = keyword
        else:
            raise ValueError(f"line {number}: unexpected {keyword!r}")
        entry[field] = ast.literal_eval(rest.strip())
    finish()
    return messages


def write_mo(messages: dict[str, str], path: Path) -> None:
    keys = sorted(messages)
    ids = [k.encode() for k in keys]
    strs = [messages[k].encode() for k in keys]
    header_size = 7 * 4
    table_size = len(keys) * 8
    ids_start = header_size + 2 * table_size
    offsets_ids, offsets_strs, blob = [], [], b""
    for data in ids:
        offsets_ids.append((len(data), ids_start + len(blob)))
        blob += data + b"\0"
    for data in strs:
        offsets_strs.append((len(data), ids_start + len(blob)))
        blob += data + b"\0"
    out = struct.pack(
        "<7I", 0x950412DE, 0, len(keys), header_size, header_size + table_size, 0, 0
    )
    for length, offset in offsets_ids + offsets_strs:
        out += struct.pack("<2I", length, offset)
    path.write_bytes(out + blob)


def main(argv: list[str]) -> int:
    root = Path(argv[1] if len(argv) > 1 else ".").resolve()
    for po in find_po_files(root):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        try:
            messages = parse_po(po.read_text(encoding="utf-8"))
        except (ValueError, SyntaxError) as exc:
            print(f"{po}: {exc}", file=sys.stderr)
            return 1
        write_mo(messages, mo)
        print(f"compiled {po.relative_to(root)} ({len(messages)} messages)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
