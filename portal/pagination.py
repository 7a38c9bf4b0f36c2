"""Pages of long lists whose cost is the page's, not the list's."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


def keyed_page(queryset: QuerySet, per_page: int, number) -> Page:
    """The page `number` of `queryset`, sorted and counted on its primary keys alone,
    then its rows loaded with their joins, annotations and prefetches (in the same order).

    Paginating the full queryset makes the database join every row of the list to its
    related tables (agency, locality…) before sorting and keeping the page's 20; here only
    the page's rows are joined. One query more than a plain Paginator (none for an
    empty page)."""
    page = Paginator(queryset.values_list("pk", flat=True), per_page).get_page(number)
    keys = list(page.object_list)
    found = {row.pk: row for row in queryset.filter(pk__in=keys)} if keys else {}
    page.object_list = [found[key] for key in keys if key in found]
    return page
