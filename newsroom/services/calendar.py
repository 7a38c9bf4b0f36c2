from django.db import transaction

from portal.models import User, new_calendar_token


@transaction.atomic
def regenerate_calendar_token(user: User) -> str:
    """A new secret feed address; the old one stops working at once."""
    user.calendar_token = new_calendar_token()
    user.save(update_fields=["calendar_token"])
    return user.calendar_token
