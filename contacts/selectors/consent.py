"""The recorded bases of an entry's personal fields."""

from django.db.models import QuerySet

from contacts.models import ConsentRecord, PressContact


def consent_history(contact: PressContact) -> QuerySet[ConsentRecord]:
    return contact.consent_records.select_related("recorded_by").order_by("-recorded_at", "-pk")


def latest_records(contact: PressContact) -> dict:
    """{field: the record that set the current basis} (for the staff page)."""
    latest = {}
    for record in consent_history(contact):
        latest.setdefault(record.field, record)
    return latest
