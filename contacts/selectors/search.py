"""Diacritics- and case-free search of press contacts, the same on every database.

Each entry stores its folded text (`search_text`: name, title, area, address and its
agency's or organisation's names, through `contacts.text.fold`, đ → d included); the
query is folded the same way and every word must be in it. On PostgreSQL a pg_trgm GIN
index on the column (migration 0007) answers the `LIKE '%word%'` without reading every
entry; SQLite scans the one column.
"""

from django.db.models import QuerySet

from contacts.text import fold


def search_contacts(contacts: QuerySet, query: str) -> QuerySet:
    """Every word of the query must appear somewhere in the entry (any order)."""
    for word in fold(query).split():
        contacts = contacts.filter(search_text__contains=word)
    return contacts
