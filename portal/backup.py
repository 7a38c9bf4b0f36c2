"""Backup and restore: the database and the media folder in one dated archive.

    duatin-YYYYmmdd-HHMMSS.tar.gz
        manifest.json      format, version, database vendor, migrations, row counts,
                           media file count and bytes, SHA-256 of the database file
        database.dump      PostgreSQL: pg_dump custom format (-Fc)
        database.sqlite3   SQLite: a consistent copy made with SQLite's backup API
        media/...          every file under MEDIA_ROOT

On PostgreSQL the row counts and the dump read the same snapshot (a REPEATABLE READ
transaction exports it, `pg_dump --snapshot` uses it), so the manifest describes exactly
the dump even while the portal is in use. The database is read before the media folder:
a file uploaded meanwhile is an extra file in the archive, never a row without its file.

`restore_backup` checks the whole archive before it touches anything, refuses a target
database that has tables (or a media folder that has files) unless `force`, restores,
then compares the restored row counts with the manifest. Both functions take a database
settings dict (Django's `DATABASES` entry) so tests can restore into a second database.
"""

import contextlib
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "duatin-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE_MEMBER = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
MEDIA_PREFIX = "media/"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A problem the operator can act on; the command prints it without a traceback."""


@dataclass
class RestoreReport:
    archive: Path
    vendor: str
    tables: int
    rows: int
    media_files: int
    media_bytes: int
    warnings: list[str] = field(default_factory=list)


def vendor_of(db: dict) -> str:
    engine = db["ENGINE"]
    if engine.endswith("postgresql"):
        return "postgresql"
    if engine.endswith("sqlite3"):
        return "sqlite"
    raise BackupError(
        _("Backups support PostgreSQL and SQLite only, not %(engine)s.") % {"engine": engine}
    )


# --- database access without Django's connection (the target may be a second database)


def _pg_connect(db: dict):
    import psycopg2

    params = {
        "dbname": db["NAME"],
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
    }
    try:
        return psycopg2.connect(**{k: v for k, v in params.items() if v is not None})
    except psycopg2.OperationalError as exc:
        raise BackupError(
            _("Cannot connect to database %(name)s: %(error)s")
            % {"name": db["NAME"], "error": str(exc).strip()}
        ) from None


def _pg_env(db: dict) -> dict:
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[var] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(
            _("%(tool)s was not found: install the PostgreSQL client (postgresql-client-15).")
            % {"tool": name}
        )
    return path


def _pg_tables(cursor) -> list[str]:
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    )
    return [row[0] for row in cursor.fetchall()]


def _sqlite_tables(conn) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )
    return [row[0] for row in rows]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _count_rows(cursor, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 - quoted name
        counts[table] = cursor.fetchone()[0]
    return counts


def _migrations(cursor, tables: list[str]) -> dict[str, list[str]]:
    if "django_migrations" not in tables:
        return {}
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    state: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        state.setdefault(app, []).append(name)
    return state


def target_tables(db: dict) -> list[str]:
    """Tables already in a database (an empty list for a missing SQLite file)."""
    if vendor_of(db) == "postgresql":
        conn = _pg_connect(db)
        try:
            with conn.cursor() as cursor:
                return _pg_tables(cursor)
        finally:
            conn.close()
    path = Path(db["NAME"])
    if not path.exists():
        return []
    conn = sqlite3.connect(path)
    try:
        return _sqlite_tables(conn)
    finally:
        conn.close()


def count_rows(db: dict) -> dict[str, int]:
    """Rows per table of a database, read through its own connection."""
    if vendor_of(db) == "postgresql":
        conn = _pg_connect(db)
        try:
            with conn.cursor() as cursor:
                return _count_rows(cursor, _pg_tables(cursor))
        finally:
            conn.close()
    conn = sqlite3.connect(db["NAME"])
    try:
        return _count_rows(conn.cursor(), _sqlite_tables(conn))
    finally:
        conn.close()


# --- dump


def _dump_postgres(db: dict, dest: Path) -> dict:
    pg_dump = _pg_tool("pg_dump")
    conn = _pg_connect(db)
    try:
        conn.set_session(isolation_level="REPEATABLE READ", readonly=True)
        with conn.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            tables = _pg_tables(cursor)
            counts = _count_rows(cursor, tables)
            migrations = _migrations(cursor, tables)
            result = subprocess.run(
                [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={dest}"]
                + ["--dbname", db["NAME"]],
                env=_pg_env(db),
                capture_output=True,
                text=True,
                check=False,
            )
    finally:
        conn.rollback()
        conn.close()
    if result.returncode != 0:
        raise BackupError(_("pg_dump failed: %(error)s") % {"error": result.stderr.strip()})
    return {"row_counts": counts, "migrations": migrations}


def _dump_sqlite(db: dict, dest: Path, using: str | None) -> dict:
    if using is not None:
        # Django's own connection: also sees an in-memory database (the test database).
        connection = connections[using]
        if connection.in_atomic_block:
            # SQLite's backup would wait forever for this connection's own write lock.
            raise BackupError(_("A SQLite backup cannot run inside a transaction."))
        connection.ensure_connection()
        source = connection.connection
        close_source = False
    else:
        source = sqlite3.connect(db["NAME"])
        close_source = True
    copy = sqlite3.connect(dest)
    try:
        source.backup(copy)
        cursor = copy.cursor()
        tables = _sqlite_tables(copy)
        return {
            "row_counts": _count_rows(cursor, tables),
            "migrations": _migrations(cursor, tables),
        }
    finally:
        copy.close()
        if close_source:
            source.close()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _media_files(media_root: Path) -> list[Path]:
    if not media_root.is_dir():
        return []
    return sorted(p for p in media_root.rglob("*") if p.is_file() and not p.is_symlink())


def create_backup(
    output_dir: Path | None = None,
    *,
    using: str = "default",
    db: dict | None = None,
    media_root: Path | None = None,
    now=None,
) -> Path:
    """Write duatin-YYYYmmdd-HHMMSS.tar.gz into output_dir; return its path."""
    db = db or connections[using].settings_dict
    vendor = vendor_of(db)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    output_dir = Path(output_dir or settings.BACKUP_DIR)
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime(now or timezone.now())
    archive = output_dir / f"duatin-{stamp:%Y%m%d-%H%M%S}.tar.gz"
    if archive.exists():
        raise BackupError(_("%(path)s already exists.") % {"path": archive})
    partial = archive.with_name(archive.name + ".partial")
    member = DATABASE_MEMBER[vendor]
    with tempfile.TemporaryDirectory(prefix="duatin-backup-") as scratch:
        dump = Path(scratch) / member
        if vendor == "postgresql":
            state = _dump_postgres(db, dump)
        else:
            state = _dump_sqlite(
                db, dump, using if db is connections[using].settings_dict else None
            )
        files = _media_files(media_root)
        try:
            with tarfile.open(partial, "w:gz") as tar:
                tar.add(dump, arcname=member)
                media_bytes = 0
                media_count = 0
                for path in files:
                    try:
                        tar.add(
                            path, arcname=MEDIA_PREFIX + path.relative_to(media_root).as_posix()
                        )
                    except FileNotFoundError:
                        continue  # deleted since the listing: its row is gone too
                    media_count += 1
                    media_bytes += path.stat().st_size
                manifest = {
                    "format": FORMAT,
                    "version": VERSION,
                    "created_at": stamp.isoformat(),
                    "vendor": vendor,
                    "database_file": member,
                    "database_sha256": _sha256(dump),
                    "migrations": state["migrations"],
                    "row_counts": state["row_counts"],
                    "media": {"files": media_count, "bytes": media_bytes},
                }
                data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                info.mtime = int(stamp.timestamp())
                tar.addfile(info, io.BytesIO(data))
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    os.replace(partial, archive)
    return archive


# --- restore


def _open_archive(path: Path) -> tarfile.TarFile:
    if not path.is_file():
        raise BackupError(_("%(path)s does not exist or is not a file.") % {"path": path})
    try:
        return tarfile.open(path, "r:*")
    except (tarfile.TarError, OSError, EOFError, zlib.error):
        raise BackupError(
            _("%(path)s is not a Đưa Tin backup archive (not a readable .tar.gz file).")
            % {"path": path}
        ) from None


def read_manifest(tar: tarfile.TarFile, path: Path) -> dict:
    foreign = _("%(path)s is not a Đưa Tin backup archive (no valid manifest.json).") % {
        "path": path
    }
    try:
        member = tar.getmember(MANIFEST)
        handle = tar.extractfile(member)
        manifest = json.loads(handle.read()) if handle else None
    except KeyError:
        raise BackupError(foreign) from None
    except (tarfile.TarError, OSError, EOFError, zlib.error, ValueError):
        raise BackupError(
            _("%(path)s is damaged: its manifest cannot be read.") % {"path": path}
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(foreign)
    if manifest.get("version") != VERSION:
        raise BackupError(
            _("%(path)s has backup format version %(version)s; this portal reads version 1.")
            % {"path": path, "version": manifest.get("version")}
        )
    required = ("vendor", "database_file", "database_sha256", "row_counts", "media")
    if any(key not in manifest for key in required) or not isinstance(manifest["row_counts"], dict):
        raise BackupError(foreign)
    return manifest


def _media_member_path(name: str) -> PurePosixPath | None:
    """The path under MEDIA_ROOT of an archive member, or None for an unsafe name."""
    relative = PurePosixPath(name[len(MEDIA_PREFIX) :])
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        return None
    return relative


def _check_members(tar: tarfile.TarFile, manifest: dict, path: Path) -> list[tarfile.TarInfo]:
    damaged = _("%(path)s is damaged: %(problem)s")
    try:
        members = tar.getmembers()
    except (tarfile.TarError, OSError, EOFError, zlib.error):
        raise BackupError(
            damaged % {"path": path, "problem": _("the archive is cut short")}
        ) from None
    media = []
    for member in members:
        if member.name in (MANIFEST, manifest["database_file"]):
            continue
        if not member.name.startswith(MEDIA_PREFIX) or not (member.isfile() or member.isdir()):
            raise BackupError(
                damaged
                % {"path": path, "problem": _("unexpected entry %(name)s") % {"name": member.name}}
            )
        if _media_member_path(member.name) is None:
            raise BackupError(
                damaged
                % {"path": path, "problem": _("unsafe file name %(name)s") % {"name": member.name}}
            )
        if member.isfile():
            media.append(member)
    if len(media) != manifest["media"].get("files"):
        raise BackupError(
            damaged
            % {
                "path": path,
                "problem": _("%(found)s media files, the manifest lists %(listed)s")
                % {"found": len(media), "listed": manifest["media"].get("files")},
            }
        )
    return media


def _extract_database(tar, manifest, path: Path, dest: Path) -> None:
    try:
        handle = tar.extractfile(manifest["database_file"])
        with open(dest, "wb") as out:
            shutil.copyfileobj(handle, out, CHUNK)
    except (KeyError, AttributeError):
        raise BackupError(
            _("%(path)s is damaged: the database file is missing.") % {"path": path}
        ) from None
    except (tarfile.TarError, EOFError, zlib.error):
        raise BackupError(
            _("%(path)s is damaged: the database file cannot be read.") % {"path": path}
        ) from None
    if _sha256(dest) != manifest["database_sha256"]:
        raise BackupError(
            _("%(path)s is damaged: the database file does not match its checksum.")
            % {"path": path}
        )


def _restore_postgres(db: dict, dump: Path, force: bool) -> None:
    pg_restore = _pg_tool("pg_restore")
    command = [pg_restore, "--no-owner", "--no-privileges", "--exit-on-error"]
    command += ["--single-transaction", "--dbname", db["NAME"]]
    if force:
        command += ["--clean", "--if-exists"]
    result = subprocess.run(
        [*command, str(dump)], env=_pg_env(db), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(
            _("pg_restore failed, nothing was restored: %(error)s")
            % {"error": result.stderr.strip()}
        )


def _restore_sqlite(db: dict, copy: Path) -> None:
    target = Path(db["NAME"])
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(copy)
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)  # page by page through SQLite: journals stay consistent
    finally:
        dest.close()
        source.close()


def _restore_media(tar, members, media_root: Path) -> tuple[int, int]:
    count = size = 0
    for member in members:
        relative = _media_member_path(member.name)
        target = media_root.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle = tar.extractfile(member)
        with open(target, "wb") as out:
            shutil.copyfileobj(handle, out, CHUNK)
        count += 1
        size += member.size
    return count, size


def _migration_warnings(manifest: dict) -> list[str]:
    archived = {
        (app, name) for app, names in manifest.get("migrations", {}).items() for name in names
    }
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    ours = {key for key in known if key[0] in {k[0] for k in archived}}
    warnings = []
    unknown = sorted(archived - known)
    if unknown:
        warnings.append(
            _(
                "The archive has %(count)s migrations this code does not know (%(first)s…): "
                "it comes from a newer version of the portal."
            )
            % {"count": len(unknown), "first": ".".join(unknown[0])}
        )
    missing = ours - archived
    if missing:
        warnings.append(
            _(
                "%(count)s migrations of this code are not applied in the archive: "
                "run `manage.py migrate` after the restore."
            )
            % {"count": len(missing)}
        )
    return warnings


def restore_backup(
    archive: Path,
    *,
    using: str = "default",
    db: dict | None = None,
    media_root: Path | None = None,
    force: bool = False,
) -> RestoreReport:
    """Restore an archive into an empty database and media folder, then verify it."""
    archive = Path(archive)
    db = db or connections[using].settings_dict
    vendor = vendor_of(db)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    with contextlib.ExitStack() as stack:
        tar = stack.enter_context(_open_archive(archive))
        manifest = read_manifest(tar, archive)
        if manifest["vendor"] != vendor:
            raise BackupError(
                _("The archive holds a %(archived)s database; this portal uses %(current)s.")
                % {"archived": manifest["vendor"], "current": vendor}
            )
        media = _check_members(tar, manifest, archive)
        scratch = tempfile.TemporaryDirectory(prefix="duatin-restore-")
        stack.callback(scratch.cleanup)
        dump = Path(scratch.name) / DATABASE_MEMBER[vendor]
        _extract_database(tar, manifest, archive, dump)
        existing = target_tables(db)
        if existing and not force:
            raise BackupError(
                _(
                    "The target database %(name)s is not empty (%(count)s tables). Restore into "
                    "an empty database, or add --force to overwrite it."
                )
                % {"name": db["NAME"], "count": len(existing)}
            )
        if _media_files(media_root) and not force:
            raise BackupError(
                _(
                    "The media folder %(path)s is not empty. Restore into an empty folder, or add "
                    "--force to overwrite its files."
                )
                % {"path": media_root}
            )
        if vendor == "postgresql":
            _restore_postgres(db, dump, force)
        else:
            if connections[using].settings_dict is db:
                connections[using].close()
            _restore_sqlite(db, dump)
        try:
            files, size = _restore_media(tar, media, media_root)
        except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
            raise BackupError(
                _("The database was restored, but the media files failed: %(error)s")
                % {"error": exc}
            ) from None
    counts = count_rows(db)
    expected = manifest["row_counts"]
    wrong = {t: (n, counts.get(t)) for t, n in expected.items() if counts.get(t) != n}
    if wrong:
        table, (want, got) = sorted(wrong.items())[0]
        raise BackupError(
            _(
                "The restored database does not match the archive: %(count)s tables differ "
                "(%(table)s: %(got)s rows, expected %(want)s)."
            )
            % {"count": len(wrong), "table": table, "got": got, "want": want}
        )
    warnings = _migration_warnings(manifest)
    extra = sorted(set(counts) - set(expected))
    if extra:
        warnings.append(
            _("Tables not in the archive were left in place: %(tables)s")
            % {"tables": ", ".join(extra)}
        )
    return RestoreReport(
        archive=archive,
        vendor=vendor,
        tables=len(expected),
        rows=sum(expected.values()),
        media_files=files,
        media_bytes=size,
        warnings=warnings,
    )
