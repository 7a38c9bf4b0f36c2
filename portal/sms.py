"""Text messages (SMS), with pluggable backends like Django's e-mail backends.

`SMS_BACKEND` names the class: `portal.sms.ConsoleBackend` (development: printed),
`portal.sms.FileBackend` (one file per message in `SMS_FILE_PATH`), `portal.sms.LocmemBackend`
(tests: `portal.sms.outbox`), or a gateway's own class with the same `send(message)`.
A backend that cannot reach its gateway raises `SmsUnavailable`; the outbox keeps the row
pending and tries again later, as for a mail server that is down.
"""

import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string


class SmsUnavailable(OSError):
    """The gateway cannot take the message now (transient: try again later)."""


@dataclass(frozen=True)
class SmsMessage:
    to: str
    body: str
    reference: str = ""  # the outbox row, so a gateway can recognise a resend


class BaseBackend:
    def send(self, message: SmsMessage) -> None:
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    _lock = threading.Lock()

    def send(self, message: SmsMessage) -> None:
        with self._lock:
            sys.stdout.write(f"SMS to {message.to} [{message.reference}]\n{message.body}\n---\n")
            sys.stdout.flush()


class FileBackend(BaseBackend):
    def send(self, message: SmsMessage) -> None:
        folder = Path(settings.SMS_FILE_PATH)
        if not folder.is_dir():
            raise SmsUnavailable(f"SMS folder {folder} does not exist")
        name = f"{timezone.now():%Y%m%d-%H%M%S-%f}-{message.reference or 'sms'}.txt"
        (folder / name).write_text(f"To: {message.to}\n\n{message.body}", encoding="utf-8")


outbox: list[SmsMessage] = []


class LocmemBackend(BaseBackend):
    def send(self, message: SmsMessage) -> None:
        outbox.append(message)


class DownBackend(BaseBackend):
    """A gateway that is down: every message waits (tests, and a switch for an outage)."""

    def send(self, message: SmsMessage) -> None:
        raise SmsUnavailable("SMS gateway unreachable")


def get_backend() -> BaseBackend:
    return import_string(settings.SMS_BACKEND)()


def send(message: SmsMessage) -> None:
    get_backend().send(message)


def phone_key(phone: str) -> str:
    """A phone number's national digits, for comparing: '+84 912.345.678', '84912345678'
    and '0912 345 678' are one number ('912345678'); '' when it has too few digits."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    if digits.startswith("84") and len(digits) >= 11:
        digits = digits[2:]
    digits = digits.lstrip("0")
    return digits if len(digits) >= 8 else ""
