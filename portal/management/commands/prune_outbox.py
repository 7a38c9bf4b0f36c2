"""Delete the outbox's sent and failed rows past their retention now, in batches, or count
them (--dry-run). The nightly `portal.prune_old_rows` does the same with the rest."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from portal import retention


class Command(BaseCommand):
    help = "Delete sent/failed outbox rows past their retention (settings); --dry-run counts them."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count only; delete nothing.")
        parser.add_argument("--batch", type=int, help="Rows per transaction (OUTBOX_PRUNE_BATCH).")

    def handle(self, *args, dry_run=False, batch=None, **options):
        now = timezone.now()
        if dry_run:
            for kind, rows in retention.outbox_past_retention(now).items():
                self.stdout.write(f"{kind}: {rows.count()} would be deleted")
            return
        for kind, count in retention.prune_outbox(now, batch).items():
            self.stdout.write(f"{kind}: {count} deleted")
