"""Purge personal data past its retention now, or list what would go (--dry-run)."""

from django.core.management.base import BaseCommand

from privacy.services import retention


class Command(BaseCommand):
    help = "Anonymise or delete personal data past its retention (settings); --dry-run lists it."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List only; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            for kind, lines in retention.plan().items():
                self.stdout.write(f"{kind}: {len(lines)}")
                for line in lines:
                    self.stdout.write(f"  {line}")
            return
        for kind, count in retention.purge().items():
            self.stdout.write(f"{kind}: {count}")
