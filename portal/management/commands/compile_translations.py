"""Compile every .po catalogue to .mo in pure Python (polib), so `make run` needs no
GNU gettext on a bare machine. Developers still use `makemessages` (needs gettext)."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def catalogues() -> list[Path]:
    root = Path(settings.BASE_DIR)
    skip = {".venv", "var", "node_modules", "staticfiles"}
    return sorted(
        p
        for p in root.rglob("locale/*/LC_MESSAGES/*.po")
        if not skip.intersection(p.relative_to(root).parts)
    )


class Command(BaseCommand):
    help = "Compile the project's .po files to .mo without GNU gettext."

    def handle(self, *args, **options):
        for po_path in catalogues():
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
            self.stdout.write(f"compiled {po_path.relative_to(settings.BASE_DIR)}")
