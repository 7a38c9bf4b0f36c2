"""Provincial reviewers keep the list of press agencies; no one else changes it."""

import pytest
from django.urls import reverse

from contacts.enums import PressKind, PressLevel
from contacts.models import PressAgency
from tests.contacts.factories import PressAgencyFactory, PressContactFactory
from tests.forms import with_token

pytestmark = pytest.mark.django_db


def agency_data(**overrides):
    data = {
        "name": "Báo Người Lao Động",
        "short_name": "NLĐ",
        "level": PressLevel.CENTRAL,
        "kind": PressKind.NEWSPAPER,
        "website": "nld.com.vn",
        "is_active": "on",
    }
    data.update(overrides)
    return with_token(data)


def test_a_reviewer_adds_a_press_agency_and_it_can_be_chosen_for_entries(world, client_for):
    client = client_for(world.reviewer)
    response = client.post(reverse("contacts:agency_create"), agency_data(), follow=True)
    agency = PressAgency.objects.get()
    assert (agency.name, agency.website) == ("Báo Người Lao Động", "https://nld.com.vn")
    assert "Đã thêm Báo Người Lao Động." in response.content.decode()
    assert agency.history.get().history_user == world.reviewer
    form = client.get(reverse("contacts:create")).content.decode()
    assert f'<option value="{agency.pk}">Báo Người Lao Động</option>' in form


def test_a_name_already_listed_is_refused_whatever_its_case(world, client_for):
    PressAgencyFactory(name="Báo Kon Tum")
    response = client_for(world.reviewer).post(
        reverse("contacts:agency_create"), agency_data(name="  báo  kon tum ")
    )
    assert response.status_code == 200
    assert "Cơ quan báo chí này đã có trong danh sách." in response.content.decode()
    assert PressAgency.objects.count() == 1


def test_a_reviewer_retires_an_agency_and_its_entries_stay(world, client_for):
    agency = PressAgencyFactory(name="Báo Kon Tum")
    entry = PressContactFactory(press_agency=agency)
    client_for(world.reviewer).post(
        reverse("contacts:agency_edit", args=[agency.pk]),
        agency_data(name="Báo Kon Tum", is_active=""),
    )
    agency.refresh_from_db()
    entry.refresh_from_db()
    assert (agency.is_active, entry.press_agency) == (False, agency)


def test_a_bad_website_is_a_message_and_changes_nothing(world, client_for):
    agency = PressAgencyFactory(name="Báo Kon Tum")
    response = client_for(world.reviewer).post(
        reverse("contacts:agency_edit", args=[agency.pk]),
        agency_data(name="Báo Kon Tum mới", website="không phải địa chỉ"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["website"]
    agency.refresh_from_db()
    assert agency.name == "Báo Kon Tum"


def test_only_reviewers_manage_press_agencies(world, client_for):
    agency = PressAgencyFactory(name="Báo Kon Tum")
    urls = [
        reverse("contacts:agencies"),
        reverse("contacts:agency_create"),
        reverse("contacts:agency_edit", args=[agency.pk]),
    ]
    for user in (world.agency_user, world.reporter, world.director, world.director2):
        client = client_for(user)
        assert [client.get(url).status_code for url in urls] == [403, 403, 403]
        assert client.post(urls[2], agency_data(name="Đổi tên")).status_code == 403
    agency.refresh_from_db()
    assert agency.name == "Báo Kon Tum"
    assert (
        client_for(world.reviewer).get(reverse("contacts:agency_edit", args=[999])).status_code
        == 404
    )


def test_search_and_empty_state(world, client_for):
    PressAgencyFactory(name="Báo Kon Tum", short_name="BKT")
    PressAgencyFactory(name="Đài PT-TH Kon Tum")
    client = client_for(world.reviewer)
    found = client.get(reverse("contacts:agencies"), {"q": "bkt"})
    assert [a.name for a in found.context["page"]] == ["Báo Kon Tum"]
    empty = client.get(reverse("contacts:agencies"), {"q": "không có"})
    assert "Không có cơ quan báo chí nào khớp với tìm kiếm." in empty.content.decode()


@pytest.mark.parametrize("count", [1, 8])
def test_press_agency_list_query_count_is_constant(
    world, client_for, django_assert_num_queries, count
):
    for _ in range(count):
        agency = PressAgencyFactory()
        PressContactFactory(press_agency=agency)
        PressContactFactory(press_agency=agency, is_active=False)
    client = client_for(world.reviewer)
    # session, user, navbar organisation, unread notifications, page count, page
    with django_assert_num_queries(7):
        response = client.get(reverse("contacts:agencies"))
    assert [a.live_entries for a in response.context["page"]] == [1] * count
