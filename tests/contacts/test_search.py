"""Diacritics- and case-free search: "dak ha", "Dak Ha", "ĐẮK HÀ" and "Đắk Hà" find the
same entries, through the stored folded column on every database (with a trigram index
on PostgreSQL)."""

import pytest
from django.db import connection

from contacts.enums import ContactRole
from contacts.filters import PublicContactFilter
from contacts.models import PressContact
from contacts.selectors.directory import public_contacts
from contacts.selectors.search import search_contacts
from tests.contacts.factories import PressAgencyFactory, PressContactFactory

SPELLINGS = ["dak ha", "Dak Ha", "ĐẮK HÀ", "Đắk Hà"]


@pytest.fixture
def entries(db):
    agency = PressAgencyFactory(name="Báo Kon Tum")
    return {
        "dak_ha": PressContactFactory(
            press_agency=agency, full_name="Y Thị Lan", area="Huyện Đắk Hà"
        ),
        "ung": PressContactFactory(
            press_agency=agency, full_name="Đinh Công Ưng", area="Huyện Kon Rẫy"
        ),
        "on": PressContactFactory(press_agency=agency, full_name="Vũ Thị Ơn", area="Huyện Kon Rẫy"),
        "thang": PressContactFactory(
            press_agency=PressAgencyFactory(name="Đài Truyền hình"),
            full_name="Lê Đức Thắng",
            area="Tây Nguyên",
        ),
    }


def names(queryset):
    return sorted(queryset.values_list("full_name", flat=True))


def run_search_cases(entries):
    everything = PressContact.objects.all()
    for spelling in SPELLINGS:
        assert names(search_contacts(everything, spelling)) == ["Y Thị Lan"], spelling
    cases = {
        "ung": ["Đinh Công Ưng"],
        "UNG": ["Đinh Công Ưng"],
        "Ưng": ["Đinh Công Ưng"],
        "vu thi on": ["Vũ Thị Ơn"],
        "VŨ THỊ ƠN": ["Vũ Thị Ơn"],
        "Vu Thi Ơn": ["Vũ Thị Ơn"],
        "dinh": ["Đinh Công Ưng"],
        "đinh": ["Đinh Công Ưng"],
        "DINH": ["Đinh Công Ưng"],
        "thang": ["Lê Đức Thắng"],
        "THẮNG": ["Lê Đức Thắng"],
        "duc thang": ["Lê Đức Thắng"],
        # the agency's name is searched too, and every word must match
        "dai truyen hinh": ["Lê Đức Thắng"],
        "bao kon tum ray": ["Vũ Thị Ơn", "Đinh Công Ưng"],
        "xyz": [],
    }
    for query, expected in cases.items():
        assert names(search_contacts(everything, query)) == sorted(expected), query


def test_search_ignores_diacritics_and_case_on_the_current_database(entries):
    run_search_cases(entries)


@pytest.mark.postgres
def test_postgres_has_the_trigram_index_the_search_uses(entries):
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'contacts_presscontact_search_trgm'"
        )
        [definition] = cursor.fetchone()
    assert "gin (search_text gin_trgm_ops)" in definition
    run_search_cases(entries)


def test_folded_column_follows_a_rename_of_the_organisation(world):
    PressContactFactory(
        role=ContactRole.SPOKESPERSON,
        press_agency=None,
        organisation=world.agency,
        full_name="Trịnh Thị Ưng",
    )
    world.agency.name = "Sở Khoa học và Công nghệ"
    world.agency.save()
    assert names(search_contacts(PressContact.objects.all(), "so khoa hoc")) == ["Trịnh Thị Ưng"]


def test_folded_column_follows_renames_of_the_entry_and_its_agency(entries):
    contact = entries["ung"]
    contact.full_name = "Đoàn Thị Ước"
    contact.save()
    assert names(search_contacts(PressContact.objects.all(), "uoc")) == ["Đoàn Thị Ước"]
    agency = contact.press_agency
    agency.name = "Báo Đất Việt"
    agency.save()
    assert names(search_contacts(PressContact.objects.all(), "dat viet")) == [
        "Vũ Thị Ơn",
        "Y Thị Lan",
        "Đoàn Thị Ước",
    ]


def test_public_search_finds_spokespersons_by_their_organisation(world):
    PressContactFactory(
        role=ContactRole.SPOKESPERSON,
        press_agency=None,
        organisation=world.centre2,
        full_name="Trịnh Thị Ưng",
    )
    public = PublicContactFilter({"q": "dak ha"}, queryset=public_contacts())
    assert names(public.qs) == ["Trịnh Thị Ưng"]


@pytest.mark.parametrize("entries_count", [3, 30])
def test_renaming_an_agency_refreshes_its_entries_in_constant_queries(
    db, django_assert_num_queries, entries_count
):
    agency = PressAgencyFactory(name="Báo Kon Tum")
    for n in range(entries_count):
        PressContactFactory(press_agency=agency, full_name=f"Phóng viên {n}")
    agency.name = "Báo Đất Việt"
    # update the agency, its history row, read the entries, one UPDATE for the batch
    with django_assert_num_queries(4):
        agency.save()
    assert search_contacts(PressContact.objects.all(), "dat viet").count() == entries_count
