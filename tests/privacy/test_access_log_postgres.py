"""On PostgreSQL, outside a transaction, a request's log rows go in one statement that
does not wait for the WAL flush; they are all there, with their values."""

import pytest

from contacts.enums import AccessKind
from contacts.models import AccessRecord
from contacts.services.access import collecting, record_read


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_requests_rows_are_written_together_outside_a_transaction(django_assert_num_queries):
    from tests.factories import UserFactory

    user = UserFactory(username="doc")
    with django_assert_num_queries(1), collecting():
        record_read(user, AccessKind.ENTRY, entry_id=7)
        record_read(user, AccessKind.DIRECTORY, detail="q=đắk hà")
    rows = list(
        AccessRecord.objects.order_by("pk").values_list("user_id", "what", "entry_id", "detail")
    )
    assert rows == [
        (user.pk, AccessKind.ENTRY, 7, ""),
        (user.pk, AccessKind.DIRECTORY, None, "q=đắk hà"),
    ]
