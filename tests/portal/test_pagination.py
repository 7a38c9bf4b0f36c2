"""A keyed page: the same rows, in the same order, as a plain Paginator's page."""

from django.core.paginator import Paginator
from django.db.models import F, Value
from django.db.models.functions import Concat

from contacts.models import Organisation
from portal.pagination import keyed_page
from tests.factories import CentreFactory


def test_a_keyed_page_has_the_plain_pages_rows_in_order_with_their_annotations(db):
    for n in range(7):
        CentreFactory(name=f"Trung tâm {n % 3} {n}")
    organisations = (
        Organisation.objects.select_related("level")
        .annotate(label=Concat(F("name"), Value("!")))
        .order_by("-name", "pk")
    )
    for number in (1, 2, 3, "no such page"):
        plain = Paginator(organisations, 3).get_page(number)
        keyed = keyed_page(organisations, 3, number)
        assert list(keyed) == list(plain.object_list)
        assert [o.label for o in keyed] == [o.label for o in plain.object_list]
        assert (keyed.number, keyed.paginator.count) == (plain.number, plain.paginator.count)


def test_an_empty_list_is_one_empty_page_and_one_query(db, django_assert_num_queries):
    with django_assert_num_queries(1):  # the count; no rows to load
        page = keyed_page(Organisation.objects.filter(name="không có"), 20, 1)
    assert list(page) == []
