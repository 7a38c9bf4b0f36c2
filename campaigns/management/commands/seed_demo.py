from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from campaigns.demo import seed_campaigns
from contacts.demo import seed_organisations, seed_press_contacts, seed_users
from events.demo import seed_leaders_calendar, seed_notices, seed_stories
from newsroom.demo import seed_channels, seed_newsroom, seed_reports_and_monitoring


class Command(BaseCommand):
    help = "Load the demo province (idempotent). Demo users are created only when DEBUG is on."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force-users",
            action="store_true",
            help="Create demo users even with DEBUG off (tests only).",
        )

    @transaction.atomic
    def handle(self, *args, force_users=False, **options):
        seed_channels(seed_organisations())
        if not (settings.DEBUG or force_users):
            self.stdout.write(
                self.style.WARNING(
                    "DEBUG is off: organisations loaded, demo users and data skipped."
                )
            )
            return
        users = seed_users()
        notices = seed_notices(users)
        seed_press_contacts()
        stories = seed_stories(users)
        calendar = seed_leaders_calendar(users)
        seed_reports_and_monitoring(users)
        newsroom = seed_newsroom(users)
        campaigns = seed_campaigns(users)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(users)} users (password 'demo'), {notices} new notices, "
                f"{stories} new stories, {calendar} leaders' calendar items, "
                f"{newsroom} new assignments and publications, {campaigns} new campaign."
            )
        )
