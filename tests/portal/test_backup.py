"""Backup and restore: the restore drill on SQLite and on PostgreSQL (into a second
database), and clear refusals of foreign, damaged or unsafe archives and of a non-empty
target."""

import io
import json
import secrets
import socket
import sqlite3
import tarfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django.utils import translation

from events.models import NoticeAttachment
from portal import backup
from tests.factories import NoticeFactory

PDF_BYTES = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


@pytest.fixture(autouse=True)
def _english():
    """Messages are compared in English here; the Vietnamese ones are checked once below."""
    with translation.override("en"):
        yield


def source_row_counts() -> dict[str, int]:
    """Rows per table of the test database, read through Django's connection."""
    with connection.cursor() as cursor:
        tables = [
            t for t in connection.introspection.table_names(cursor) if not t.startswith("sqlite_")
        ]
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def make_notices_with_attachment(world):
    for title in ("Hội nghị tổng kết", "Lễ khai mạc", "Ngày hội văn hóa"):
        NoticeFactory(agency=world.agency, locality=world.locality, title=title)
    notice = NoticeFactory(
        agency=world.agency, locality=world.locality, created_by=world.agency_user
    )
    attachment = NoticeAttachment.objects.create(
        notice=notice,
        file=SimpleUploadedFile("giay-moi.pdf", PDF_BYTES),
        original_name="Giấy mời.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
    )
    return notice, attachment


def read_archive_manifest(archive: Path) -> dict:
    with tarfile.open(archive) as tar:
        return json.loads(tar.extractfile("manifest.json").read())


def repack(
    archive: Path, dest: Path, *, manifest=None, replace=None, extra=None, rename=None
) -> Path:
    """A copy of an archive with its manifest edited, members replaced, renamed or added."""
    replace = dict(replace or {})
    rename = rename or {}
    with tarfile.open(archive) as src, tarfile.open(dest, "w:gz") as out:
        for member in src.getmembers():
            if member.name == "manifest.json" and manifest is not None:
                data = json.dumps(manifest(json.loads(src.extractfile(member).read()))).encode()
            elif member.name in replace:
                data = replace.pop(member.name)
            elif member.isfile():
                data = src.extractfile(member).read()
            else:
                out.addfile(member)
                continue
            info = tarfile.TarInfo(rename.get(member.name, member.name))
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))
        for name, data in (extra or {}).items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))
    return dest


def assert_round_trip(world, client_for, settings, tmp_path, target_db):
    notice, attachment = make_notices_with_attachment(world)
    archive = backup.create_backup(tmp_path / "backups")
    expected = source_row_counts()
    manifest = read_archive_manifest(archive)
    assert manifest["vendor"] == connection.vendor
    assert manifest["row_counts"] == expected
    assert manifest["media"] == {"files": 1, "bytes": len(PDF_BYTES)}
    assert "0001_initial" in manifest["migrations"]["events"]

    restored_media = tmp_path / "restored-media"
    report = backup.restore_backup(archive, db=target_db, media_root=restored_media)

    assert backup.count_rows(target_db) == expected
    assert (report.tables, report.rows) == (len(expected), sum(expected.values()))
    assert (report.media_files, report.media_bytes) == (1, len(PDF_BYTES))
    assert report.warnings == []
    storage = FileSystemStorage(location=restored_media)
    with storage.open(attachment.file.name, "rb") as handle:
        assert handle.read() == PDF_BYTES
    # And downloaded through the portal with the restored media folder in place.
    settings.MEDIA_ROOT = restored_media
    response = client_for(world.agency_user).get(
        reverse("events:attachment", args=[notice.pk, attachment.pk])
    )
    assert b"".join(response.streaming_content) == PDF_BYTES


@pytest.fixture
def second_database(tmp_path):
    """An empty second database of the test database's vendor: a SQLite file in tmp_path,
    or a database created on the same PostgreSQL server (dropped afterwards)."""
    if connection.vendor == "sqlite":
        yield {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "second.db")}
        return
    import psycopg2
    from psycopg2 import sql

    source = connection.settings_dict
    target = {**source, "NAME": f"restore_drill_{secrets.token_hex(4)}"}
    params = {"dbname": "postgres", "user": source["USER"], "password": source["PASSWORD"]}
    params.update(host=source["HOST"], port=source["PORT"])
    admin = psycopg2.connect(**{k: v for k, v in params.items() if v})
    admin.autocommit = True
    name = sql.Identifier(target["NAME"])
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(name))
    try:
        yield target
    finally:
        with admin.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        admin.close()


@pytest.mark.django_db(transaction=True)
def test_restore_drill_into_a_second_database_gives_the_same_rows_and_files(
    world, client_for, settings, tmp_path, second_database
):
    """The README's restore drill. Runs on both CI legs: SQLite (file copy through the
    backup API) and PostgreSQL (pg_dump -Fc, pg_restore into a second database)."""
    assert_round_trip(world, client_for, settings, tmp_path, second_database)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgres_restore_refuses_a_database_with_tables_unless_forced(
    world, tmp_path, second_database
):
    make_notices_with_attachment(world)
    archive = backup.create_backup(tmp_path / "backups")
    backup.restore_backup(archive, db=second_database, media_root=tmp_path / "m1")
    with pytest.raises(backup.BackupError, match="is not empty"):
        backup.restore_backup(archive, db=second_database, media_root=tmp_path / "m2")
    assert not (tmp_path / "m2").exists()
    report = backup.restore_backup(
        archive, db=second_database, media_root=tmp_path / "m1", force=True
    )
    assert backup.count_rows(second_database) == source_row_counts()
    assert report.media_files == 1


def sqlite_file_archive(tmp_path) -> Path:
    """An archive of a small SQLite file and one media file, made without Django's database."""
    source_db = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "source.db")}
    with sqlite3.connect(source_db["NAME"]) as source:
        source.execute("CREATE TABLE events_notice (id integer, title text)")
        source.executemany("INSERT INTO events_notice VALUES (?, ?)", [(1, "Lễ"), (2, "Hội")])
    media = tmp_path / "media"
    (media / "notices").mkdir(parents=True)
    (media / "notices" / "a.pdf").write_bytes(PDF_BYTES)
    return backup.create_backup(tmp_path / "backups", db=source_db, media_root=media)


def test_sqlite_restore_refuses_a_database_with_tables_and_changes_nothing(tmp_path):
    """On files only (no Django database): a SQLite archive, a busy target."""
    archive = sqlite_file_archive(tmp_path)
    target_db = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "busy.db")}
    with sqlite3.connect(target_db["NAME"]) as busy:
        busy.execute("CREATE TABLE kept (id integer)")
        busy.execute("INSERT INTO kept VALUES (1)")

    with pytest.raises(backup.BackupError) as refused:
        backup.restore_backup(archive, db=target_db, media_root=tmp_path / "media-new")
    assert str(refused.value) == (
        f"The target database {target_db['NAME']} is not empty (1 tables). Restore into an "
        "empty database, or add --force to overwrite it."
    )
    assert backup.count_rows(target_db) == {"kept": 1}
    assert not (tmp_path / "media-new").exists()

    report = backup.restore_backup(
        archive, db=target_db, media_root=tmp_path / "media-new", force=True
    )
    assert backup.count_rows(target_db) == {"events_notice": 2}
    assert (tmp_path / "media-new" / "notices" / "a.pdf").read_bytes() == PDF_BYTES
    assert (report.tables, report.rows, report.media_files) == (1, 2, 1)


@pytest.mark.django_db(transaction=True)
def test_restore_that_does_not_match_the_manifest_counts_is_reported(
    world, tmp_path, second_database
):
    make_notices_with_attachment(world)
    archive = backup.create_backup(tmp_path / "backups")

    def one_notice_more(manifest):
        manifest["row_counts"]["events_notice"] += 1
        return manifest

    forged = repack(archive, tmp_path / "forged.tar.gz", manifest=one_notice_more)
    with pytest.raises(backup.BackupError) as mismatch:
        backup.restore_backup(forged, db=second_database, media_root=tmp_path / "restored")
    assert str(mismatch.value) == (
        "The restored database does not match the archive: 1 tables differ "
        "(events_notice: 4 rows, expected 5)."
    )


@pytest.fixture
def good_archive(tmp_path):
    """A valid archive for the test database's vendor. Every bad variant below is refused
    before anything is restored, so a SQLite file's archive relabelled for PostgreSQL
    serves both CI legs without a pg_dump per case."""
    archive = sqlite_file_archive(tmp_path)
    if connection.vendor == "sqlite":
        return archive

    def relabel(manifest):
        return {**manifest, "vendor": "postgresql", "database_file": "database.dump"}

    relabelled = repack(archive, tmp_path / "pg.tar.gz", manifest=relabel)
    return repack(relabelled, tmp_path / "pg2.tar.gz", rename={"database.sqlite3": "database.dump"})


def not_gzip(archive, tmp_path):
    path = tmp_path / "random.tar.gz"
    path.write_bytes(secrets.token_bytes(4096))
    return path


def cut_short(archive, tmp_path):
    path = tmp_path / "cut.tar.gz"
    path.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    return path


def foreign_tar(archive, tmp_path):
    path = tmp_path / "foreign.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        data = b"hello"
        info = tarfile.TarInfo("readme.txt")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return path


def other_format(archive, tmp_path):
    return repack(archive, tmp_path / "other.tar.gz", manifest=lambda m: {**m, "format": "x"})


def other_vendor(archive, tmp_path):
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    return repack(archive, tmp_path / "vendor.tar.gz", manifest=lambda m: {**m, "vendor": other})


def tampered_database(archive, tmp_path):
    name = backup.DATABASE_MEMBER[connection.vendor]
    return repack(archive, tmp_path / "tampered.tar.gz", replace={name: b"not a database"})


def path_traversal(archive, tmp_path):
    return repack(archive, tmp_path / "evil.tar.gz", extra={"media/../../evil.txt": b"x"})


def other_version(archive, tmp_path):
    return repack(archive, tmp_path / "v2.tar.gz", manifest=lambda m: {**m, "version": 2})


def unexpected_entry(archive, tmp_path):
    return repack(archive, tmp_path / "extra.tar.gz", extra={"etc/passwd": b"root"})


def media_count_mismatch(archive, tmp_path):
    def five_files(manifest):
        return {**manifest, "media": {"files": 5, "bytes": 1}}

    return repack(archive, tmp_path / "count.tar.gz", manifest=five_files)


def missing_file(archive, tmp_path):
    return tmp_path / "nothing-here.tar.gz"


BAD_ARCHIVES = [
    (not_gzip, "{path} is not a Đưa Tin backup archive (not a readable .tar.gz file)."),
    (cut_short, "{path} is damaged: its manifest cannot be read."),
    (foreign_tar, "{path} is not a Đưa Tin backup archive (no valid manifest.json)."),
    (other_format, "{path} is not a Đưa Tin backup archive (no valid manifest.json)."),
    (other_vendor, "The archive holds a {other} database; this portal uses {vendor}."),
    (tampered_database, "{path} is damaged: the database file does not match its checksum."),
    (path_traversal, "{path} is damaged: unsafe file name media/../../evil.txt"),
    (missing_file, "{path} does not exist or is not a file."),
    (other_version, "{path} has backup format version 2; this portal reads version 1."),
    (unexpected_entry, "{path} is damaged: unexpected entry etc/passwd"),
    (media_count_mismatch, "{path} is damaged: 1 media files, the manifest lists 5"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make_bad", "message"), BAD_ARCHIVES, ids=lambda v: getattr(v, "__name__", "")
)
def test_restore_refuses_a_bad_archive_with_a_clear_message_and_changes_nothing(
    good_archive, tmp_path, settings, make_bad, message
):
    bad = make_bad(good_archive, tmp_path)
    settings.MEDIA_ROOT = tmp_path / "empty-media"
    before = source_row_counts()
    vendor = connection.vendor
    other = "sqlite" if vendor == "postgresql" else "postgresql"
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(bad), "--force")
    assert str(refused.value) == message.format(path=bad, vendor=vendor, other=other)
    assert source_row_counts() == before
    assert not (tmp_path / "empty-media").exists()
    assert not (tmp_path.parent / "evil.txt").exists()


@pytest.mark.django_db(transaction=True)
def test_backup_command_writes_one_dated_archive(world, tmp_path, capsys):
    moment = datetime(2026, 3, 5, 8, 9, 10, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with time_machine.travel(moment, tick=False):
        call_command("backup", "--output-dir", str(tmp_path))
    archive = tmp_path / "duatin-20260305-080910.tar.gz"
    assert sorted(tmp_path.iterdir()) == [archive]
    assert capsys.readouterr().out.startswith(f"Backup written: {archive} (")
    manifest = read_archive_manifest(archive)
    assert (manifest["format"], manifest["version"]) == ("duatin-backup", 1)
    assert manifest["created_at"] == "2026-03-05T08:09:10+07:00"
    with time_machine.travel(moment, tick=False), pytest.raises(CommandError) as twice:
        call_command("backup", "--output-dir", str(tmp_path))
    assert str(twice.value) == f"{archive} already exists."


def test_restore_tells_the_operator_in_vietnamese(tmp_path):
    missing = tmp_path / "khong-co.tar.gz"
    with translation.override("vi"), pytest.raises(CommandError) as refused:
        call_command("restore", str(missing))
    assert str(refused.value) == f"{missing} không tồn tại hoặc không phải là tệp."


def test_restore_refuses_a_media_folder_with_files(tmp_path):
    archive = sqlite_file_archive(tmp_path)
    target_db = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "new.db")}
    busy_media = tmp_path / "busy-media"
    busy_media.mkdir()
    (busy_media / "kept.txt").write_text("kept")
    with pytest.raises(backup.BackupError) as refused:
        backup.restore_backup(archive, db=target_db, media_root=busy_media)
    assert str(refused.value) == (
        f"The media folder {busy_media} is not empty. Restore into an empty folder, or add "
        "--force to overwrite its files."
    )
    assert sorted(p.name for p in busy_media.iterdir()) == ["kept.txt"]
    assert not Path(target_db["NAME"]).exists()


def test_restore_warns_when_the_archive_migrations_differ_from_the_code(tmp_path):
    source_db = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "old.db")}
    with sqlite3.connect(source_db["NAME"]) as source:
        source.execute("CREATE TABLE django_migrations (id integer, app text, name text)")
        source.executemany(
            "INSERT INTO django_migrations VALUES (?, 'events', ?)",
            [(1, "0001_initial"), (2, "9999_from_the_future")],
        )
    archive = backup.create_backup(tmp_path / "b", db=source_db, media_root=tmp_path / "none")
    target_db = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "new.db")}
    report = backup.restore_backup(archive, db=target_db, media_root=tmp_path / "restored")
    on_disk = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    not_applied = len([key for key in on_disk if key[0] == "events"]) - 1
    assert report.warnings == [
        "The archive has 1 migrations this code does not know (events.9999_from_the_future…): "
        "it comes from a newer version of the portal.",
        f"{not_applied} migrations of this code are not applied in the archive: run "
        "`manage.py migrate` after the restore.",
    ]
    assert (report.tables, report.rows, report.media_files) == (1, 2, 0)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


POSTGRES_NOWHERE = {
    "ENGINE": "django.db.backends.postgresql",
    "NAME": "nowhere",
    "USER": "postgres",
    "PASSWORD": "",
    "HOST": "127.0.0.1",
}


def test_an_unreachable_postgres_server_is_a_clear_message(tmp_path):
    db = {**POSTGRES_NOWHERE, "PORT": closed_port()}
    with pytest.raises(backup.BackupError) as refused:
        backup.create_backup(tmp_path, db=db)
    assert str(refused.value).startswith("Cannot connect to database nowhere: ")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_postgres_client_is_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(backup.BackupError) as refused:
        backup.create_backup(tmp_path / "out", db={**POSTGRES_NOWHERE, "PORT": 5432})
    assert str(refused.value) == (
        "pg_dump was not found: install the PostgreSQL client (postgresql-client-15)."
    )


def test_only_postgresql_and_sqlite_are_supported(tmp_path):
    with pytest.raises(backup.BackupError) as refused:
        backup.create_backup(tmp_path, db={"ENGINE": "django.db.backends.mysql", "NAME": "x"})
    assert str(refused.value) == (
        "Backups support PostgreSQL and SQLite only, not django.db.backends.mysql."
    )
