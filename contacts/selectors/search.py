"""Diacritics- and case-free search of press contacts.

PostgreSQL: the columns themselves through the `unaccent` extension (created by
migration 0003). Elsewhere (SQLite): the stored folded column `search_text`, compared
with the folded query — the same `fold()` on both sides, đ → d included.
"""

from django.db import connection
from django.db.models import Q, QuerySet

from contacts.text import fold

SEARCH_FIELDS = (
    "full_name",
    "title",
    "area",
    "office_address",
    "press_agency__name",
    "press_agency__short_name",
    "organisation__name",
    "organisation__short_name",
)


def search_contacts(contacts: QuerySet, query: str, *, vendor: str | None = None) -> QuerySet:
    """Every word of the query must appear somewhere in the entry (any order).

    `vendor` forces a path (tests run the folded path on PostgreSQL too)."""
    if (vendor or connection.vendor) == "postgresql":
        for word in query.split():
            condition = Q()
            for field in SEARCH_FIELDS:
                condition |= Q(**{f"{field}__unaccent__icontains": word})
            contacts = contacts.filter(condition)
        return contacts
    for word in fold(query).split():
        contacts = contacts.filter(search_text__contains=word)
    return contacts
