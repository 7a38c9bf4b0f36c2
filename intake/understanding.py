"""What an invitation (giấy mời) says: title, start, place, inviting organisation,
contact and kind, each with the sentence it was read from and a confidence (0–1).

Vietnamese with or without diacritics: matching runs on a folded copy of the text
(lower case, accents removed, "đ" → "d") of the same length as the original, so the
value and its source sentence are cut from the original text. The folding and the
clock and weekday words are the leaders' calendar reader's (events/leaders_import.py).

Understood: "vào lúc 08 giờ 00 phút, ngày 15 tháng 12 năm 2026", "8h00 ngày 15/12/2026",
"14 giờ 30, thứ Ba (15/12)", "sáng ngày 15/12" (the session's start from settings),
"V/v …" in the subject or the letter, "Kính mời … tới dự …", "Địa điểm: …",
"tại Hội trường …", "Liên hệ: đồng chí … (ĐT: …)", "đột xuất" / "khẩn".
Not understood: dates in words ("ngày mười lăm"), ranges over several days (the first
day is taken), scanned invitations (images are kept, not read: no OCR).
"""

import re
import unicodedata
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from events.leaders_import import WEEKDAYS, fold


@dataclass
class Field:
    value: object
    source: str
    confidence: float

    def as_dict(self) -> dict:
        data = asdict(self)
        if isinstance(self.value, datetime):
            data["value"] = self.value.isoformat()
        return data


def fold_aligned(text: str) -> str:
    """fold() character by character: same length as `text`, so positions carry over."""
    out = []
    for char in text:
        if char in "đĐ":
            out.append("d")
            continue
        base = unicodedata.normalize("NFD", char)[:1].lower()[:1]
        out.append(base or char)
    return "".join(out)


# --- Lines and sentences -------------------------------------------------------------------

HEADER_LINE_RE = re.compile(
    r"^\s*(from|to|cc|date|sent|subject|tu|den|gui|ngay gui|tieu de|chu de|vao)\s*:"
    r"|(da viet|wrote)\s*:\s*$"
)
LETTER_DATE_RE = re.compile(
    r"^[^\d:]{2,60},\s*ngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}\s*\.?\s*$"
)


def lines_of(text: str) -> list[str]:
    """The mail's lines, quoting ("> ") removed, blank lines dropped."""
    lines = []
    for line in unicodedata.normalize("NFC", text).splitlines():
        line = re.sub(r"^(\s*>)+\s?", "", line).strip()
        if line:
            lines.append(" ".join(line.split()))
    return lines


# --- Start date and time ------------------------------------------------------------------

CLOCK_RE = re.compile(
    r"(?<![\d/.,:])([01]?\d|2[0-3])\s*(?:gio\b|h(?![a-z])|g(?![a-z])|:)\s*([0-5]\d)?"
    r"(?:\s*(?:phut|p)\b)?(?![\d/])"
)
DATE_VN_RE = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?")
DATE_NUM_RE = re.compile(
    r"(?<![\d:])(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}|\d{2}))?(?!\d)"
)
SESSION_RE = re.compile(r"\b(sang|chieu|toi)\b(?=\s*(?:ngay|thu|hom|mai|nay|cn|chu nhat|\(|\d|,))")
SESSION_AFTER_CLOCK_RE = re.compile(r"^\s*(?:phut)?\s*(sang|chieu|toi)\b")
WEEKDAY_RE = re.compile(r"\bthu\s+(hai|ba|tu|nam|sau|bay|[2-7])\b|\b(chu nhat)\b")
TIME_WORDS = ("thoi gian", "vao luc", "luc ", "bat dau", "khai mac", "vao hoi")
END_WORD_RE = re.compile(r"^\s*(?:den|toi|-|–)\s*$")


def _dates(folded: str, received: date):
    for regex in (DATE_VN_RE, DATE_NUM_RE):
        for match in regex.finditer(folded):
            day, month, year = int(match[1]), int(match[2]), match[3]
            if not (1 <= month <= 12 and 1 <= day <= 31):
                continue
            explicit = bool(year)
            if year:
                year = int(year) + (2000 if len(year) == 2 else 0)
                candidates = [year]
            else:
                candidates = [received.year, received.year + 1]
            for candidate in candidates:
                try:
                    found = date(candidate, month, day)
                except ValueError:
                    continue
                if explicit or found >= received - timedelta(days=7):
                    yield found, explicit, match.start(), match.end()
                    break


def _clocks(folded: str):
    for match in CLOCK_RE.finditer(folded):
        # "15.12" and "2026" are dates; a clock needs a separator word or a colon.
        yield time(int(match[1]), int(match[2] or 0)), match.start(), match.end()


def _segments(lines: list[str]):
    """Lines to search for a start, each joined with the next when it holds only half
    (a time with the date on the next line, or the reverse)."""
    for index, line in enumerate(lines):
        yield index, line
        if index + 1 < len(lines):
            yield index, f"{line} {lines[index + 1]}"


def read_start(lines: list[str], received_at: datetime) -> tuple[Field | None, datetime | None]:
    """(start, end or None)."""
    tz = timezone.get_current_timezone()
    received = timezone.localtime(received_at).date()
    best = None  # (score, -index, start, end, source)
    for index, segment in _segments(lines):
        folded = fold_aligned(segment)
        if HEADER_LINE_RE.search(folded) or LETTER_DATE_RE.match(folded):
            continue
        dates = list(_dates(folded, received))
        if not dates:
            continue
        day, explicit, d_start, d_end = dates[0]
        clocks = list(_clocks(folded))
        session = SESSION_RE.search(folded)
        start_clock, end_clock = None, None
        if clocks:
            start_clock = clocks[0][0]
            after = SESSION_AFTER_CLOCK_RE.match(folded[clocks[0][2] :])
            session_word = (after[1] if after else None) or (session[1] if session else None)
            if session_word in ("chieu", "toi") and start_clock.hour < 12:
                start_clock = time(start_clock.hour + 12, start_clock.minute)
            if len(clocks) > 1 and END_WORD_RE.match(folded[clocks[0][2] : clocks[1][1]]):
                end_clock = clocks[1][0]
                if session_word in ("chieu", "toi") and end_clock.hour < 12:
                    end_clock = time(end_clock.hour + 12, end_clock.minute)
            score = 0.95 if explicit else 0.9
        elif session:
            start_clock = settings.INTAKE_SESSION_START[session[1]]
            score = 0.75
        else:
            start_clock = settings.INTAKE_SESSION_START["sang"]
            score = 0.4
        if any(word in folded for word in TIME_WORDS):
            score += 0.02
        if " " in segment and segment != lines[index]:
            score -= 0.01  # a joined pair: prefer a line that says it all
        weekday = WEEKDAY_RE.search(folded)
        if weekday and WEEKDAYS[weekday[1] or weekday[2]] != day.weekday():
            score -= 0.3
        start = datetime.combine(day, start_clock, tzinfo=tz)
        end = datetime.combine(day, end_clock, tzinfo=tz) if end_clock else None
        if end is not None and end <= start:
            end = None
        candidate = (round(score, 3), -index, start, end, lines[index])
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    if best is None:
        return None, None
    score, _index, start, end, source = best
    return Field(start, source, min(score, 0.99)), end


# --- Title ------------------------------------------------------------------------------

SUBJECT_PREFIX_RE = re.compile(
    r"^\s*(?:(?:re|fw|fwd|tv|tl|tr|aw|sv|chuyen tiep|tra loi)\s*:\s*|\[[^\]]{0,40}\]\s*)+"
)
VV_RE = re.compile(r"(?:^|\s|\()(?:v/v|ve viec)\s*:?\s*")
INVITE_RE = re.compile(r"\bkinh moi\b")
ATTEND_RE = re.compile(
    r"\b(?:(?:toi|den|tham)\s+)?du(?:\s+va\s+dua\s+tin(?:\s+ve)?)?\b\s*:?\s*"
    r"|\bdua tin(?:\s+ve)?\b\s*:?\s*"
)
TITLE_END_RE = re.compile(
    r"\s*(?:[.;]\s|[.;]$|\s(?:vao|luc|tai|thoi gian|dia diem)\b|,\s*(?:vao|luc|tai|thoi gian)\b"
    r"|,?\s+(?:sang|chieu|toi)\s+(?:ngay|thu|nay|mai|\d)|,?\s+ngay\s+\d|,\s*\d"
    r"|,?\s+\d{1,2}\s*(?:gio|h)\b)"
)
LEADING_ATTEND_RE = re.compile(r"^(?:moi\s+)?(?:(?:tham|toi|den)\s+)?du\s+(?:va\s+dua\s+tin\s+)?")
LETTER_KIND_RE = re.compile(r"^\s*giay moi\s*(?:(?:tham )?du|hop)?\s*:?\s*")


def _clean_title(text: str) -> str:
    text = text.strip(" :-–.,;\"'“”")
    lead = LEADING_ATTEND_RE.match(fold_aligned(text))
    if lead and len(text) - lead.end() >= 8:
        text = text[lead.end() :]
    return (text[:1].upper() + text[1:])[:255] if text else ""


def _cut_title(original: str, folded: str, start: int) -> str:
    end = TITLE_END_RE.search(folded, start)
    return _clean_title(original[start : end.start() if end else len(original)])


def read_title(subject: str, lines: list[str]) -> Field | None:
    for line in lines:
        folded = fold_aligned(line)
        if HEADER_LINE_RE.search(folded) and not folded.startswith(("subject", "tieu de")):
            continue
        match = VV_RE.search(folded)
        if match and match.start() <= 30:
            title = _cut_title(line, folded, match.end())
            if len(title) >= 8:
                return Field(title, line, 0.9)
    subject_clean = (
        subject[len(SUBJECT_PREFIX_RE.match(fold_aligned(subject))[0]) :]
        if (SUBJECT_PREFIX_RE.match(fold_aligned(subject)))
        else subject
    )
    folded_subject = fold_aligned(subject_clean)
    match = VV_RE.search(folded_subject)
    if match:
        title = _clean_title(subject_clean[match.end() :])
        if len(title) >= 8:
            return Field(title, subject, 0.85)
    for index, line in enumerate(lines):
        folded = fold_aligned(line)
        invite = INVITE_RE.search(folded)
        if not invite:
            continue
        for candidate in (line, *lines[index + 1 : index + 3]):
            folded_candidate = fold_aligned(candidate)
            offset = invite.end() if candidate is line else 0
            attend = ATTEND_RE.search(folded_candidate, offset)
            if attend and (candidate is line or attend.start() <= 3):
                title = _cut_title(candidate, folded_candidate, attend.end())
                if len(title) >= 8:
                    return Field(title, candidate, 0.75)
        if index + 1 < len(lines):
            title = _cut_title(lines[index + 1], fold_aligned(lines[index + 1]), 0)
            if len(title) >= 8:
                return Field(title, lines[index + 1], 0.5)
    kind = LETTER_KIND_RE.match(folded_subject)
    title = _clean_title(subject_clean[kind.end() :] if kind else subject_clean)
    if len(title) >= 8:
        return Field(title, subject, 0.6 if kind else 0.5)
    return None


# --- Place and locality --------------------------------------------------------------------

PLACE_LABEL_RE = re.compile(
    r"^\W*(?:dia diem(?: to chuc| xuat phat| hop)?|noi to chuc|dia chi to chuc)\s*:\s*"
)
PLACE_AT_RE = re.compile(
    r"\btai\s+(?=(?:hoi truong|phong hop|phong|nha van hoa|nha thi dau|trung tam|san van dong|"
    r"san|quang truong|tru so|uy ban|ubnd|khu|thon|lang|xa|phuong|thi tran|nha|truong|dinh|"
    r"cong vien|khach san|bao tang|dai|tuong dai|chua|nha rong|so|cho)\b)"
)
PLACE_END_RE = re.compile(
    r"\s*(?:[.;]\s|[.;]$|,\s*(?:vao|luc|thoi gian|ngay)\b|\s(?:vao luc|luc)\b)"
)
LOCALITY_PREFIX_RE = re.compile(r"^(?:xa|phuong|thi tran|dac khu)\s+")


def read_place(lines: list[str]) -> Field | None:
    for line in lines:
        folded = fold_aligned(line)
        match = PLACE_LABEL_RE.match(folded)
        if match and match.end() < len(line):
            return Field(_cut_place(line, folded, match.end()), line, 0.9)
    for line in lines:
        folded = fold_aligned(line)
        if HEADER_LINE_RE.search(folded):
            continue
        match = PLACE_AT_RE.search(folded)
        if match:
            return Field(_cut_place(line, folded, match.end()), line, 0.75)
    return None


def _cut_place(original: str, folded: str, start: int) -> str:
    end = PLACE_END_RE.search(folded, start)
    return original[start : end.start() if end else len(original)].strip(" :-–.,;")[:255]


def match_locality(place: str, localities) -> Field | None:
    """The commune or ward (of the centre's) that the place names, by folded name."""
    folded_place = f" {fold(place)} "
    best = None
    for locality in localities:
        name = fold(locality.name)
        bare = LOCALITY_PREFIX_RE.sub("", name)
        for candidate, confidence in ((name, 0.9), (bare, 0.7)):
            if len(candidate) >= 3 and re.search(rf"\b{re.escape(candidate)}\b", folded_place):
                if best is None or confidence > best.confidence:
                    best = Field(locality.pk, locality.name, confidence)
                break
    return best


# --- Inviting organisation, contact, kind -----------------------------------------------

NOT_ISSUER_RE = re.compile(
    r"cong hoa|doc lap|giay moi|kinh gui|kinh moi|so\s*:|^v/v|^ve viec|thong bao$"
)


def read_organisation(lines: list[str]) -> Field | None:
    """The letterhead: the upper-case line(s) at the top of the letter (the lowest one is
    the issuing unit: "UBND HUYỆN …" over "PHÒNG VĂN HÓA …")."""
    block: list[str] = []
    for line in lines[:25]:
        letters = [c for c in line if c.isalpha()]
        folded = fold_aligned(line)
        if len(letters) >= 4 and line.upper() == line and not NOT_ISSUER_RE.search(folded):
            block.append(line.strip(" -–_"))
        elif block:
            break
    if block:
        return Field(block[-1][:255], " / ".join(block), 0.7)
    return None


PHONE_RE = re.compile(r"(?<!\d)(0\d(?:[ .]?\d){8,9})(?!\d)")
HONORIFIC_RE = re.compile(r"\b(?:dong chi|d/c|đ/c|ong|ba|anh|chi)\s+", re.IGNORECASE)


def read_contact(lines: list[str]) -> tuple[Field | None, Field | None]:
    for index, line in enumerate(lines):
        folded = fold_aligned(line)
        at = folded.find("lien he")
        if at < 0:
            continue
        window = line if PHONE_RE.search(line[at:]) else " ".join(lines[index : index + 2])
        folded_window = fold_aligned(window)
        phone = PHONE_RE.search(window, at)
        name = None
        honorific = HONORIFIC_RE.search(folded_window, at)
        if honorific:
            words = []
            for word in window[honorific.end() :].split():
                clean = word.strip(",;:()-–.")
                if not clean or not clean[:1].isupper() or not clean.isalpha():
                    break
                words.append(clean)
                if len(words) == 4 or word != clean:
                    break
            if words:
                name = Field(" ".join(words), window, 0.7)
        phone_field = Field(re.sub(r"[ .]", "", phone[1]), window, 0.8) if phone else None
        if name or phone_field:
            return name, phone_field
    return None, None


URGENT_RE = re.compile(r"\b(?:dot xuat|khan cap|hoa toc|thuong khan)\b")


def read_kind(subject: str, text: str) -> Field:
    for source in (subject, *lines_of(text)):
        if URGENT_RE.search(fold_aligned(source)) or re.search(r"\bkhẩn\b", source.lower()):
            return Field("urgent", source, 0.8)
    return Field("planned", "", 0.6)


def propose(subject: str, text: str, received_at: datetime, localities=()) -> dict:
    """Every field read from the mail, as {name: Field.as_dict()} (JSON for the row)."""
    lines = lines_of(f"{text}")
    fields: dict[str, Field | None] = {}
    fields["title"] = read_title(subject, lines)
    start, end = read_start(lines, received_at)
    fields["starts_at"] = start
    if start is not None:
        fields["ends_at"] = Field(
            end or start.value + settings.INTAKE_DEFAULT_DURATION,
            start.source,
            start.confidence if end else 0.5,
        )
    fields["address"] = read_place(lines)
    if fields["address"] is not None:
        fields["locality"] = match_locality(fields["address"].value, localities)
    fields["organisation"] = read_organisation(lines)
    fields["contact_name"], fields["contact_phone"] = read_contact(lines)
    fields["kind"] = read_kind(subject, text)
    return {name: field.as_dict() for name, field in fields.items() if field is not None}
