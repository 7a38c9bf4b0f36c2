from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from events.services.compliance_months import rebuild


class Command(BaseCommand):
    help = "Recompute the per-agency, per-month compliance rollup from the notices."

    def add_arguments(self, parser):
        parser.add_argument(
            "--centre", type=int, action="append", help="only this centre (repeatable)"
        )

    def handle(self, *args, **options):
        written = rebuild(options["centre"])
        self.stdout.write(_("%(n)d compliance rows written.") % {"n": written})
