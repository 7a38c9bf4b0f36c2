"""The public exports are files built once per change of the public list, served with
their ETag (a repeat download is a 304), in a constant number of queries."""

import pytest
from django.urls import reverse

from contacts.services import public_exports, review
from tests.contacts.factories import PressAgencyFactory, PressContactFactory
from tests.contacts.test_review import new_data

pytestmark = pytest.mark.django_db
URL = "contacts:public_export"


def download(client, fmt, **headers):
    return client.get(reverse(URL, args=[fmt]), headers=headers)


def test_approving_an_entry_rebuilds_the_files_and_changes_their_etag(
    world, client, django_capture_on_commit_callbacks
):
    agency = PressAgencyFactory(name="Báo Kon Tum")
    before = download(client, "csv")
    assert "Phạm Thị Thu Hương" not in before.content.decode("utf-8-sig")
    proposal = review.propose_new(by=world.reporter, data=new_data(agency))
    with django_capture_on_commit_callbacks(execute=True):
        review.approve(proposal, by=world.reviewer)
    after = download(client, "csv", if_none_match=before["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert "Phạm Thị Thu Hương" in after.content.decode("utf-8-sig")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "vcf"])
def test_a_repeat_download_with_the_etag_is_a_304(client, db, fmt):
    PressContactFactory(press_agency=PressAgencyFactory(), full_name="Y Thị Lan")
    first = download(client, fmt)
    assert (first.status_code, first["Cache-Control"]) == (200, "public, no-cache")
    again = download(client, fmt, if_none_match=first["ETag"])
    assert (again.status_code, again.content, again["ETag"]) == (304, b"", first["ETag"])


def test_a_change_of_the_list_without_its_task_keeps_serving_the_built_file(client, db):
    """The file is the list as of the last rebuild: the hourly rebuild catches up."""
    agency = PressAgencyFactory()
    PressContactFactory(press_agency=agency, full_name="Y Thị Lan")
    first = download(client, "csv")
    PressContactFactory(press_agency=agency, full_name="Đinh Công Ưng")
    assert download(client, "csv").content == first.content
    public_exports.rebuild()
    assert "Đinh Công Ưng" in download(client, "csv").content.decode("utf-8-sig")


@pytest.mark.parametrize("count", [2, 20])
def test_a_built_export_is_served_in_constant_queries(client, db, django_assert_num_queries, count):
    agency = PressAgencyFactory()
    for n in range(count):
        PressContactFactory(press_agency=agency, full_name=f"Phóng viên {n}")
    public_exports.rebuild()
    with django_assert_num_queries(0):
        response = download(client, "xlsx")
    assert response.status_code == 200


def test_a_filtered_export_is_still_made_on_request(client, db):
    agency = PressAgencyFactory()
    PressContactFactory(press_agency=agency, full_name="Y Thị Lan", area="Huyện Đắk Hà")
    PressContactFactory(press_agency=agency, full_name="Vũ Thị Ơn", area="Huyện Kon Rẫy")
    public_exports.rebuild()
    body = client.get(reverse(URL, args=["csv"]), {"q": "dak ha"}).content.decode("utf-8-sig")
    assert ("Y Thị Lan" in body, "Vũ Thị Ơn" in body) == (True, False)
