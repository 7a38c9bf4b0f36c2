"""The public list's exports (CSV, Excel, vCard), built once per change of the list.

Anonymous visitors download the whole public list; building it for each of them read
every entry and wrote the file in memory per request. Instead a task rebuilds the three
files when the list changes (a reviewer approves a proposal or re-verifies an entry, an
agency changes, a person gives or withdraws consent) and the view serves the stored file
with its ETag, so a repeat download is a 304. Filtered exports and exports with internal
fields are still made on request.
"""

import hashlib
import json
import logging
import os
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from contacts import exchange
from contacts.selectors.directory import public_contacts

log = logging.getLogger(__name__)
FORMATS = ("csv", "xlsx", "vcf")
MANIFEST = "manifest.json"


def export_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "public-exports"


def build(fmt: str, contacts, internal: bool = False) -> bytes:
    if fmt == "vcf":
        return exchange.write_vcard(contacts, internal).encode("utf-8")
    writer = exchange.write_csv if fmt == "csv" else exchange.write_xlsx
    return writer(exchange.export_rows(contacts, internal), exchange.columns(internal))


def _write_atomically(path: Path, content: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(content)
    os.replace(temporary, path)


def rebuild() -> dict:
    """Write the three files, then the manifest naming them (so a reader sees the old
    set or the new one, never half of each). Returns the manifest."""
    directory = export_dir()
    directory.mkdir(parents=True, exist_ok=True)
    built_on = timezone.localdate().isoformat()
    manifest = {}
    with translation.override(settings.LANGUAGE_CODE):
        contacts = list(public_contacts())
        for fmt in FORMATS:
            try:
                content = build(fmt, contacts)
            except Exception:  # one format's trouble (a cell Excel refuses) spares the others
                log.exception("public export: the %s file could not be built", fmt)
                manifest[fmt] = {"failed": True}  # made on request until the next change
                continue
            etag = hashlib.sha256(content).hexdigest()[:32]
            name = f"{etag}.{fmt}"
            _write_atomically(directory / name, content)
            manifest[fmt] = {"file": name, "etag": etag, "built_on": built_on}
    _write_atomically(directory / MANIFEST, json.dumps(manifest).encode())
    for old in directory.iterdir():
        if old.name != MANIFEST and old.name not in {v.get("file") for v in manifest.values()}:
            old.unlink(missing_ok=True)
    return manifest


def _stored(fmt: str) -> dict | None:
    """The manifest's entry with the file's path; None when there is no usable file."""
    try:
        entry = json.loads((export_dir() / MANIFEST).read_text())[fmt]
    except (FileNotFoundError, KeyError, ValueError):
        return None
    if entry.get("failed"):
        return entry
    path = export_dir() / entry["file"]
    return {**entry, "path": path} if path.exists() else None


def current(fmt: str) -> dict | None:
    """{path, etag, built_on} of the stored file; built now if there is none yet (the
    first download after a deploy). None when the last build of this format failed:
    the caller makes it on request, as before, until the list changes again."""
    stored = _stored(fmt)
    if stored is None:
        rebuild()
        stored = _stored(fmt)
    return None if stored is None or stored.get("failed") else stored


def rebuild_soon() -> None:
    """After this transaction commits, hand the rebuild to a worker; if the broker is
    down, the hourly beat rebuild catches up (nothing waits on the broker)."""
    transaction.on_commit(_enqueue, robust=True)


def list_changed() -> None:
    """What the public list shows changed in a way that must hold at once (a person
    withdrew consent for a field; an entry was anonymised): the stored files are
    forgotten now, so the next download is built from the database, and again after
    the commit (a download in between may have stored the old state), then rebuilt."""
    _forget()
    connection = transaction.get_connection()
    # once per transaction, however many entries change in it (an erasure, a purge)
    if not any(callback is _after_commit for _sids, callback, *_ in connection.run_on_commit):
        transaction.on_commit(_after_commit, robust=True)


def _forget() -> None:
    (export_dir() / MANIFEST).unlink(missing_ok=True)


def _after_commit() -> None:
    _forget()
    _enqueue()


def _enqueue() -> None:
    from contacts.tasks import rebuild_public_exports

    rebuild_public_exports.apply_async(retry=False)
