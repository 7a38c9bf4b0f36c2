"""`manage.py backup`: the database and MEDIA_ROOT in one dated archive (portal/backup.py)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from portal.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database and the media folder into var/backups/duatin-<date>.tar.gz."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            type=Path,
            default=None,
            help=f"folder for the archive (default BACKUP_DIR, {settings.BACKUP_DIR})",
        )

    def handle(self, *args, output_dir=None, **options):
        try:
            archive = create_backup(output_dir)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        size = archive.stat().st_size
        self.stdout.write(
            self.style.SUCCESS(
                _("Backup written: %(path)s (%(size)s bytes)") % {"path": archive, "size": size}
            )
        )
