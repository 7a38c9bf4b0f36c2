"""A raw e-mail into what intake needs: sender, subject, text, attachments, and whether
the server vouches for the sender.

HTML-only mail is reduced to its text (scripts and styles dropped, nothing rendered);
a forwarded message attached as message/rfc822 is read as part of the mail.
"""

import email
import re
import unicodedata
from dataclasses import dataclass, field
from email import policy
from email.utils import getaddresses, parseaddr
from html import unescape
from html.parser import HTMLParser

MAX_TEXT_CHARS = 50_000


@dataclass
class Part:
    filename: str
    content: bytes
    mimetype: str


@dataclass
class ReadMail:
    message_id: str = ""
    from_address: str = ""
    from_name: str = ""
    subject: str = ""
    text: str = ""
    html_only: bool = False
    attachments: list[Part] = field(default_factory=list)
    verified: bool = False
    verification: str = ""


class _TextOfHtml(HTMLParser):
    BLOCKS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "table", "blockquote"}
    SKIP = {"script", "style", "head", "title", "noscript", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    text = unescape("".join(parser.parts))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _content(part) -> str:
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, ValueError, AssertionError):
        payload = part.get_payload(decode=True) or b""
        content = payload.decode("utf-8", errors="replace")
    return content if isinstance(content, str) else ""


def _walk(message, found: ReadMail, depth: int = 0) -> tuple[str, str]:
    """(plain text, html) of a message, collecting attachments into `found`."""
    plain, html = [], []
    for part in message.walk() if depth < 3 else ():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        disposition = part.get_content_disposition()
        filename = part.get_filename()
        if ctype == "message/rfc822":
            continue  # walk() already enters the attached message's parts
        if filename or disposition == "attachment":
            found.attachments.append(
                Part(
                    filename=(filename or "attachment")[:255],
                    content=part.get_payload(decode=True) or b"",
                    mimetype=ctype,
                )
            )
        elif ctype == "text/plain":
            plain.append(_content(part))
        elif ctype == "text/html":
            html.append(_content(part))
    return "\n\n".join(plain), "\n\n".join(html)


def _domain(address: str) -> str:
    return address.rpartition("@")[2].strip().lower().rstrip(">")


def check_sender(message, from_address: str) -> tuple[bool, str]:
    """Does the receiving server vouch for the From address? Its (topmost)
    Authentication-Results header passing DMARC/DKIM/SPF for the From domain, or else the
    envelope sender (Return-Path) it recorded being of the From domain. Neither: not
    verified, and a notice waits for the centre's confirmation."""
    domain = _domain(from_address)
    if not domain:
        return False, "no sender address"
    results = message.get_all("Authentication-Results") or []
    if results:
        top = " ".join(str(results[0]).lower().split())
        d = re.escape(domain)
        passes = (
            rf"dmarc=pass\b[^;]*header\.from={d}\b",
            rf"dkim=pass\b[^;]*header\.(?:d={d}|i=[^;\s]*@{d})\b",
            rf"spf=pass\b[^;]*smtp\.mailfrom=[^;\s]*@?{d}\b",
        )
        for pattern in passes:
            if re.search(pattern, top):
                return True, pattern.split("=")[0]
        if re.search(r"(dmarc|dkim|spf)=(fail|softfail)", top):
            return False, "authentication failed"
    return_path = parseaddr(str(message.get("Return-Path", "")))[1]
    if return_path:
        if _domain(return_path) == domain:
            return True, "return-path"
        return False, "return-path differs"
    return False, "no evidence"


def read_message(raw: bytes) -> ReadMail:
    message = email.message_from_bytes(raw, policy=policy.default)
    found = ReadMail()
    found.message_id = str(message.get("Message-ID", "") or "").strip()[:255]
    try:
        addresses = getaddresses([str(message.get("From", "") or "")])
    except (TypeError, ValueError, IndexError):
        addresses = []
    name, address = addresses[0] if addresses else ("", "")
    found.from_name, found.from_address = name[:255], address.strip().lower()[:255]
    found.subject = " ".join(str(message.get("Subject", "") or "").split())[:500]
    plain, html = _walk(message, found)
    if plain.strip():
        text = plain
    else:
        text, found.html_only = html_to_text(html), bool(html.strip())
    found.text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))[:MAX_TEXT_CHARS]
    found.verified, found.verification = check_sender(message, found.from_address)
    return found


def header_fields(raw_header: bytes) -> tuple[str, str, str]:
    """(Message-ID, From address, Subject) of a message's header alone (a mail too large
    to download is answered from its header)."""
    message = email.message_from_bytes(raw_header, policy=policy.default)
    address = parseaddr(str(message.get("From", "") or ""))[1].lower()
    subject = " ".join(str(message.get("Subject", "") or "").split())
    return str(message.get("Message-ID", "") or "").strip()[:255], address[:255], subject[:500]
