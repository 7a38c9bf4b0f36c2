"""Recovery: remove a user's 2FA devices (lost phone and lost backup codes).

    python manage.py reset_two_factor director

The user signs in with the password and, if their role requires it, enrols again.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from portal.twofactor import reset_devices


class Command(BaseCommand):
    help = "Remove every two-factor device of a user so they can enrol again."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        removed = reset_devices(user)
        self.stdout.write(
            self.style.SUCCESS(f"{removed} two-factor device(s) of {username} removed.")
        )
