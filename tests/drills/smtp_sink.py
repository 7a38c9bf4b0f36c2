"""A tiny SMTP server for the drills: counts accepted messages by their X-Outbox-Id.

A message counts as delivered only when the sink has answered "250" to its DATA while the
client was still connected, as a real mail server commits it. `hold_after=N` makes the
sink hold every DATA reply after N accepted messages until `release()`, so a drill can
kill a worker while its messages are in flight; a held message whose client has gone is
discarded, never counted.
"""

import socket
import socketserver
import threading
from collections import Counter
from email.parser import BytesHeaderParser


class _Handler(socketserver.StreamRequestHandler):
    timeout = 30

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        sink: SmtpSink = self.server.sink
        self.reply("220 drill-sink ESMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            verb = line[:4].upper()
            if verb == b"EHLO":
                self.wfile.write(b"250-drill-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
            elif verb == b"DATA":
                self.reply("354 end with <CRLF>.<CRLF>")
                chunks = []
                while True:
                    chunk = self.rfile.readline()
                    if not chunk:
                        return
                    if chunk == b".\r\n":
                        break
                    chunks.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                if not sink.accept(b"".join(chunks), self.connection):
                    return
                self.reply("250 queued")
            elif verb == b"QUIT":
                self.reply("221 bye")
                return
            else:  # HELO, MAIL, RCPT, RSET, NOOP
                self.reply("250 ok")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SmtpSink:
    def __init__(self, port: int = 0, hold_after: int | None = None):
        self.port = port
        self.hold_after = hold_after
        self.counts: Counter[str] = Counter()
        self.accepted = 0
        self.waiting = 0
        self.discarded = 0
        self._lock = threading.Lock()
        self._gate = threading.Event()
        self._gate.set()
        self._server = None

    def __enter__(self):
        self._server = _Server(("127.0.0.1", self.port), _Handler)
        self._server.sink = self
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.release()
        self._server.shutdown()
        self._server.server_close()

    def release(self) -> None:
        self.hold_after = None
        self._gate.set()

    def accept(self, data: bytes, conn: socket.socket) -> bool:
        outbox_id = BytesHeaderParser().parsebytes(data).get("X-Outbox-Id", "?")
        with self._lock:
            held = self.hold_after is not None and self.accepted >= self.hold_after
            if held:
                self._gate.clear()
                self.waiting += 1
        if held:
            self._gate.wait(timeout=120)
            if not _peer_alive(conn):
                with self._lock:
                    self.discarded += 1
                return False
        with self._lock:
            self.counts[outbox_id] += 1
            self.accepted += 1
        return True


def _peer_alive(conn: socket.socket) -> bool:
    conn.setblocking(False)
    try:
        return conn.recv(1, socket.MSG_PEEK) != b""
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        conn.setblocking(True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
