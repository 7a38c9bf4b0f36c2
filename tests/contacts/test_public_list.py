"""The public list at /contacts/: no login, approved active entries, public fields only."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from contacts.enums import ContactRole, PressKind, PressLevel
from contacts.services import review
from tests.contacts.factories import PressAgencyFactory, PressContactFactory

URL = reverse("contacts:public_list")


def shown_names(response):
    return [c.full_name for c in response.context["page"].object_list]


def test_anyone_without_login_sees_the_public_list(client, db):
    PressContactFactory(full_name="Nguyễn Văn Thường")
    response = client.get(URL)
    assert response.status_code == 200
    assert shown_names(response) == ["Nguyễn Văn Thường"]


def test_public_page_never_shows_internal_fields_retired_or_unapproved_entries(client, world):
    agency = PressAgencyFactory(name="Báo Kon Tum")
    PressContactFactory(
        press_agency=agency,
        full_name="Trần Thị Ánh",
        phone="0900 000 111",
        email="anh@example.vn",
        internal_phone="0900 999 222",
        internal_email="anh.noibo@example.vn",
    )
    PressContactFactory(press_agency=agency, full_name="Lê Văn Nghỉ", is_active=False)
    PressContactFactory(
        full_name="Hồ Thị Khóa",
        press_agency=PressAgencyFactory(name="Báo Đã Đóng", is_active=False),
    )
    review.propose_new(
        by=world.agency_user,
        data={
            "role": ContactRole.REPORTER,
            "press_agency": agency,
            "full_name": "Đỗ Chờ Duyệt",
            "phone": "0900 000 333",
        },
    )

    response = client.get(URL)

    html = response.content.decode()
    assert shown_names(response) == ["Trần Thị Ánh"]
    assert "0900 000 111" in html and "anh@example.vn" in html
    for hidden in (
        "0900 999 222",
        "anh.noibo@example.vn",
        "Lê Văn Nghỉ",
        "Hồ Thị Khóa",
        "Đỗ Chờ Duyệt",
        "0900 000 333",
    ):
        assert hidden not in html
    # The internal columns are not even loaded from the database.
    contact = response.context["page"].object_list[0]
    assert contact.get_deferred_fields() >= {"internal_phone", "internal_email"}


def test_entries_are_grouped_by_press_agency(client, db):
    vtv = PressAgencyFactory(name="Đài Truyền hình Việt Nam")
    nd = PressAgencyFactory(name="Báo Nhân Dân")
    PressContactFactory(press_agency=vtv, full_name="B")
    PressContactFactory(press_agency=nd, full_name="C")
    PressContactFactory(press_agency=nd, full_name="A")
    response = client.get(URL)
    assert shown_names(response) == ["A", "C", "B"]
    assert response.content.decode().count('data-testid="contact-group"') == 2


def test_filters_by_level_kind_and_area(client, db):
    central = PressAgencyFactory(name="VTV", level=PressLevel.CENTRAL, kind=PressKind.RADIO_TV)
    local = PressAgencyFactory(
        name="Báo Kon Tum", level=PressLevel.PROVINCIAL, kind=PressKind.NEWSPAPER
    )
    PressContactFactory(press_agency=central, full_name="Trung ương", area="Tây Nguyên")
    PressContactFactory(press_agency=local, full_name="Tỉnh", area="Huyện Đắk Hà")
    assert shown_names(client.get(URL, {"level": "central"})) == ["Trung ương"]
    assert shown_names(client.get(URL, {"kind": "newspaper"})) == ["Tỉnh"]
    assert shown_names(client.get(URL, {"area": "Huyện Đắk Hà"})) == ["Tỉnh"]
    assert shown_names(client.get(URL, {"q": "dak ha"})) == ["Tỉnh"]
    assert client.get(URL).context["areas"] == ["Huyện Đắk Hà", "Tây Nguyên"]


def test_bad_filter_values_show_the_whole_list_and_say_which_was_ignored(client, db):
    PressContactFactory(full_name="A")
    response = client.get(URL, {"level": "galactic", "page": "x"})
    assert response.status_code == 200
    assert shown_names(response) == ["A"]
    html = response.content.decode()
    assert "Giá trị lọc này không hợp lệ nên đã được bỏ qua:" in html
    assert "galactic" in html


def test_entries_not_verified_for_180_days_are_flagged_stale(client, db):
    with time_machine.travel(timezone.now() - timedelta(days=181), tick=False):
        PressContactFactory(full_name="Cũ")
    PressContactFactory(full_name="Mới")
    html = client.get(URL).content.decode()
    assert html.count("needs re-checking") + html.count("cần kiểm tra lại") == 1


def _make_entries(count):
    for number in range(count):
        agency = PressAgencyFactory(name=f"Báo số {number % 3}")
        PressContactFactory(press_agency=agency, area=f"Huyện {number % 2}")


# count, the page's keys, its rows, areas — whatever the number of entries.
@pytest.mark.parametrize("count", [1, 6])
def test_public_list_query_count_is_constant(client, db, django_assert_num_queries, count):
    _make_entries(count)
    with django_assert_num_queries(4):
        response = client.get(URL)
    assert len(response.context["page"].object_list) == count


@pytest.mark.parametrize("count", [1, 6])
def test_public_search_query_count_is_constant(client, db, django_assert_num_queries, count):
    _make_entries(count)
    with django_assert_num_queries(4):
        response = client.get(URL, {"q": "bao so", "level": "provincial"})
    assert len(response.context["page"].object_list) == count


def test_public_list_pages_a_few_thousand_entries(client, db, django_assert_num_queries, settings):
    """Not a timing test: 2 000 entries, still four queries and one page of rows."""
    from contacts.models import PressContact

    agency = PressAgencyFactory(name="Báo Lớn")
    PressContact.objects.bulk_create(
        PressContact(
            role=ContactRole.REPORTER,
            press_agency=agency,
            full_name=f"PV {n:04d}",
            search_text=f"pv {n:04d} bao lon",
            verified_on=timezone.localdate(),
        )
        for n in range(2000)
    )
    with django_assert_num_queries(4):
        response = client.get(URL, {"page": 50})
    assert len(response.context["page"].object_list) == settings.PAGE_SIZE
    assert response.context["page"].paginator.count == 2000


def test_the_list_is_sorted_by_the_owners_name_and_follows_a_rename(client, world):
    """The owner's name is kept on each entry (an index sorts the list); renaming an agency
    or an organisation re-sorts its entries at once."""
    first, second = PressAgencyFactory(name="Báo An Giang"), PressAgencyFactory(name="Báo Bến Tre")
    PressContactFactory(press_agency=first, full_name="Phóng viên A")
    PressContactFactory(press_agency=second, full_name="Phóng viên B")
    PressContactFactory(
        press_agency=None,
        organisation=world.agency,
        role=ContactRole.SPOKESPERSON,
        full_name="Người phát ngôn",
    )
    world.agency.name = "Ủy ban nhân dân xã Zơ Ngol"  # last in Vietnamese order
    world.agency.save()
    assert shown_names(client.get(URL)) == ["Phóng viên A", "Phóng viên B", "Người phát ngôn"]
    first.name = "Báo Cà Mau"
    first.save()
    assert shown_names(client.get(URL)) == ["Phóng viên B", "Phóng viên A", "Người phát ngôn"]
