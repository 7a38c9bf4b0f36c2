"""Mail for the intake tests, and a real IMAP server: Dovecot started per test as a
foreground process on a free local port, with a throwaway passwd-file user and a maildir
in a temporary folder (tests marked `imap` skip without Dovecot locally, fail under CI)."""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import pytest
from imapclient import IMAPClient

from intake.models import Mailbox

DOVECOT_CONF = """
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
instance_name = duatin-test-{port}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
first_valid_uid = 1
default_internal_user = {internal}
default_login_user = {login}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={mail_group} home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Dovecot:
    user = "intake@centre.test"
    password = "throwaway-secret"  # noqa: S105 - a test server's throwaway user

    def __init__(self, binary: str):
        self.root = Path(tempfile.mkdtemp(prefix="duatin-dovecot-"))
        self.root.chmod(0o755)  # the mail user must reach the maildir
        self.port = free_port()
        self.binary = binary
        self.process = None

    def start(self):
        if os.getuid() == 0:
            internal, login, mail_user = "dovecot", "dovenull", "dovecot"
        else:
            internal = login = mail_user = pwd.getpwuid(os.getuid()).pw_name
        for folder in ("run", "state", "mail", "home"):
            (self.root / folder).mkdir(exist_ok=True)
        if os.getuid() == 0:
            entry = pwd.getpwnam(mail_user)
            for folder in ("mail", "home"):
                os.chown(self.root / folder, entry.pw_uid, entry.pw_gid)
        (self.root / "passwd").write_text(f"{self.user}:{{PLAIN}}{self.password}\n")
        conf = self.root / "dovecot.conf"
        conf.write_text(
            DOVECOT_CONF.format(
                root=self.root,
                port=self.port,
                internal=internal,
                login=login,
                mail_user=mail_user,
                mail_group=mail_user,
            )
        )
        self.process = subprocess.Popen(  # noqa: S603 - our own binary and config
            [self.binary, "-F", "-c", str(conf)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self._wait_until_listening()

    def _wait_until_listening(self):
        for _attempt in range(100):
            if self.process.poll() is not None:
                log = (
                    (self.root / "dovecot.log").read_text()
                    if (self.root / "dovecot.log").exists()
                    else ""
                )
                raise RuntimeError(f"dovecot exited: {self.process.stderr.read()!r} {log}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("dovecot did not start listening")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)

    def client(self) -> IMAPClient:
        client = IMAPClient("127.0.0.1", port=self.port, ssl=False, timeout=10)
        client.login(self.user, self.password)
        return client

    def append(self, raw: bytes, when=None, folder="INBOX"):
        with self.client() as client:
            client.append(folder, raw, msg_time=when)

    def count(self, folder: str) -> int:
        with self.client() as client:
            if not client.folder_exists(folder):
                return 0
            return client.select_folder(folder, readonly=True)[b"EXISTS"]


@pytest.fixture
def dovecot(require_dovecot):
    server = Dovecot(require_dovecot)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mailbox_for(db):
    def make(centre, server: Dovecot | None = None, **extra) -> Mailbox:
        values = {
            "enabled": True,
            "host": "127.0.0.1",
            "port": server.port if server else 1,
            "use_tls": False,
            "username": Dovecot.user,
            "password": Dovecot.password,
            **extra,
        }
        return Mailbox.objects.create(centre=centre, **values)

    return make


def build_mail(
    *,
    sender: str,
    subject: str,
    body: str = "",
    html: str | None = None,
    attachments=(),
    message_id: str | None = None,
    return_path: str | None = "same",
    authentication_results: str | None = None,
    date=None,
) -> bytes:
    """An e-mail as the centre's server stores it: Return-Path (the envelope sender)
    added on delivery, the same as From unless a test forges it."""
    message = EmailMessage()
    if return_path == "same":
        return_path = sender.split("<")[-1].rstrip(">")
    if return_path:
        message["Return-Path"] = f"<{return_path}>"
    if authentication_results:
        message["Authentication-Results"] = authentication_results
    message["From"] = sender
    message["To"] = Dovecot.user
    message["Subject"] = subject
    message["Message-ID"] = message_id or make_msgid(domain="agency.test")
    if date is not None:
        message["Date"] = format_datetime(date)
    if html is not None and not body:
        message.set_content(html, subtype="html")
    else:
        message.set_content(body)
        if html is not None:
            message.add_alternative(html, subtype="html")
    for filename, content, maintype, subtype in attachments:
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()


def ingest(mailbox: Mailbox, raw: bytes, received_at, uid: int):
    """A message as a poll records it (without a server), then read: the row."""
    from intake.services.intake import process_mail
    from intake.services.mailboxes import claim

    mail = claim(
        mailbox, uidvalidity=1, uid=uid, header=b"", raw=raw, received_at=received_at, size=len(raw)
    )
    if mail is not None:
        process_mail(mail.pk)
        mail.refresh_from_db()
    return mail


# DejaVu (fonts-dejavu-core, which Chromium and LibreOffice bring) has the Vietnamese letters.
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def pdf_of(text: str) -> bytes:
    """A typed invitation as a PDF (fpdf2, DejaVu Sans for the Vietnamese letters)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", "", FONT)
    pdf.set_font("DejaVu", size=11)
    for line in text.splitlines():
        pdf.multi_cell(0, 7, line or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def docx_of(text: str) -> bytes:
    import io

    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()
