"""`manage.py restore ARCHIVE`: restore a backup into an empty database and media folder."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from portal.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup` into an empty database and media "
        "folder, then check its row counts against the archive's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="duatin-YYYYmmdd-HHMMSS.tar.gz")
        parser.add_argument(
            "--force",
            action="store_true",
            help="overwrite a database that has tables and a media folder that has files",
        )

    def handle(self, *args, archive, force=False, **options):
        try:
            report = restore_backup(archive, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(warning))
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Restored %(archive)s: %(tables)s tables, %(rows)s rows (as in the "
                    "manifest), %(files)s media files (%(bytes)s bytes)."
                )
                % {
                    "archive": report.archive,
                    "tables": report.tables,
                    "rows": report.rows,
                    "files": report.media_files,
                    "bytes": report.media_bytes,
                }
            )
        )
