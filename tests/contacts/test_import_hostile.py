"""Hostile import files: each is refused with a message naming the cap it crossed, fast,
without a 500, and nothing is stored (no dry run, no proposal, no entry)."""

import os
import tracemalloc
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contacts.exchange import read_xlsx
from contacts.models import ContactProposal, ImportDryRun, PressContact
from contacts.services import imports
from contacts.tasks import prune_import_dry_runs
from tests.contacts import crafted
from tests.contacts.crafted import HEADER, ONE_ENTRY, cell, row, sheet, xlsx
from tests.contacts.factories import PressAgencyFactory

CSV_HEADER = "role,press_agency,full_name\n"
CSV_ENTRY = "reporter,Báo Kon Tum,Hồ Văn Lượng\n"
NOW = datetime(2026, 3, 5, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def agency(db):
    return PressAgencyFactory(name="Báo Kon Tum")


def upload(client, content: bytes, name: str):
    return client.post(reverse("contacts:import"), {"file": SimpleUploadedFile(name, content)})


def csv_rows(count: int) -> bytes:
    lines = [f"reporter,Báo Kon Tum,Người Thứ {i}\n" for i in range(count)]
    return (CSV_HEADER + "".join(lines)).encode()


def xlsx_rows(count: int) -> bytes:
    rows = "".join(
        row(n, cell(f"A{n}", "reporter"), cell(f"B{n}", "Báo Kon Tum"), cell(f"C{n}", f"Người {n}"))
        for n in range(2, count + 2)
    )
    return xlsx(sheet(HEADER + rows))


def xlsx_with_cell(ref: str, text: str, dimension: str = "A1:C2") -> bytes:
    number = int("".join(ch for ch in ref if ch.isdigit()))
    return xlsx(sheet(HEADER + ONE_ENTRY + row(number, cell(ref, text)), dimension=dimension))


NOT_NORMAL = "đây không phải là một tệp bình thường."
DTD = (
    "“{name}” chứa khai báo kiểu tài liệu XML (DTD), thứ mà tệp văn phòng không bao giờ cần; "
    "tệp đã bị từ chối để bảo đảm an toàn."
)
# (name, content, settings, the exact message shown under the file field)
HOSTILE = {
    "row-cap-csv": (
        "nhieu.csv",
        lambda: csv_rows(4),
        {"CONTACT_IMPORT_MAX_ROWS": 3},
        "Tệp có hơn 3 dòng dưới dòng tiêu đề; mỗi lần chỉ nhập tối đa 3 dòng (hãy chia nhỏ tệp).",
    ),
    "row-cap-xlsx": (
        "nhieu.xlsx",
        lambda: xlsx_rows(4),
        {"CONTACT_IMPORT_MAX_ROWS": 3},
        "Tệp có hơn 3 dòng dưới dòng tiêu đề; mỗi lần chỉ nhập tối đa 3 dòng (hãy chia nhỏ tệp).",
    ),
    "column-cap-csv": (
        "rong.csv",
        lambda: (CSV_HEADER.strip() + ",x" * 48 + "\n" + CSV_ENTRY).encode(),
        {},
        "Dòng 1 có hơn 50 cột; một tệp chỉ được có tối đa 50 cột.",
    ),
    "column-cap-xlsx-at-the-last-cell": (
        "rong.xlsx",
        lambda: xlsx_with_cell("XFD1048576", "x", dimension="A1:XFD1048576"),
        {},
        "Dòng 1048576 có hơn 50 cột; một tệp chỉ được có tối đa 50 cột.",
    ),
    "cell-cap-csv": (
        "dai.csv",
        lambda: (CSV_HEADER + "reporter,Báo Kon Tum," + "a" * 2001 + "\n").encode(),
        {},
        "Dòng 2 có một ô dài hơn 2000 ký tự; mỗi ô chỉ được chứa tối đa 2000 ký tự.",
    ),
    "cell-cap-xlsx": (
        "dai.xlsx",
        lambda: xlsx_with_cell("C3", "a" * 2001),
        {},
        "Dòng 3 có một ô dài hơn 2000 ký tự; mỗi ô chỉ được chứa tối đa 2000 ký tự.",
    ),
    "csv-cell-over-the-csv-module-limit": (
        "dai.csv",
        lambda: (CSV_HEADER + 'reporter,Báo Kon Tum,"' + "a" * 131_073 + '"\n').encode(),
        {},
        "Dòng 2 có một ô dài hơn 2000 ký tự; mỗi ô chỉ được chứa tối đa 2000 ký tự.",
    ),
    "cells-beyond-the-budget": (
        "o-trong.xlsx",
        lambda: xlsx(sheet(HEADER + row(2, *(f'<c r="D{i}"/>' for i in range(12))))),
        {"CONTACT_IMPORT_MAX_ROWS": 2, "CONTACT_IMPORT_MAX_COLUMNS": 3},
        "Trang tính có nhiều ô hơn 2 dòng × 3 cột; đây không phải là danh bạ mà chức năng nhập "
        "đọc được.",
    ),
    "billion-laughs-in-the-sheet": (
        "bom.xlsx",
        lambda: xlsx(sheet(HEADER + row(2, cell("C2", "&lol9;")), prolog=crafted.BILLION_LAUGHS)),
        {},
        DTD.format(name="bom.xlsx"),
    ),
    "external-entity-in-the-workbook": (
        "xxe.xlsx",
        lambda: xlsx(workbook=crafted.WORKBOOK.replace("?>", "?>" + crafted.XXE, 1)),
        {},
        DTD.format(name="xxe.xlsx"),
    ),
    "dtd-in-a-utf16-part": (
        "bom.xlsx",
        lambda: xlsx(
            extra=[("xl/sharedStrings.xml", ("<?xml?>" + crafted.XXE).encode("utf-16-le"), True)]
        ),
        {},
        DTD.format(name="bom.xlsx"),
    ),
    "zip-member-compressed-too-well": (
        "bom.xlsx",
        lambda: xlsx(extra=[("xl/media/pad.bin", b"\0" * (3 * 1024 * 1024), True)]),
        {},
        f"“bom.xlsx” được nén hơn 100 lần; {NOT_NORMAL}",
    ),
    "zip-inflating-past-the-cap": (
        "bom.xlsx",
        lambda: xlsx(extra=[("xl/media/pad.bin", os.urandom(1_200_000), False)]),
        {"CONTACT_IMPORT_MAX_INFLATED_BYTES": 1024 * 1024},
        f"“bom.xlsx” khi giải nén lớn hơn 1 MB; {NOT_NORMAL}",
    ),
    "zip-with-too-many-members": (
        "bom.xlsx",
        lambda: xlsx(extra=[(f"xl/media/{i}.bin", b"x", True) for i in range(101)]),
        {},
        f"“bom.xlsx” chứa hơn 100 thành phần; {NOT_NORMAL}",
    ),
    "broken-sheet-xml": (
        "hong.xlsx",
        lambda: xlsx("<worksheet><sheetData><row><c"),
        {},
        "Không mở được tệp Excel.",
    ),
    "oversize-csv": (
        "lon.csv",
        lambda: csv_rows(40_000),
        {"CONTACT_IMPORT_MAX_BYTES": 1024 * 1024},
        "“lon.csv” quá lớn; giới hạn là 1 MB.",
    ),
    "oversize-xlsx": (
        "lon.xlsx",
        lambda: xlsx(extra=[("xl/media/pad.bin", os.urandom(1_150_000), False)]),
        {"CONTACT_IMPORT_MAX_BYTES": 1024 * 1024},
        "Tệp “lon.xlsx” có dung lượng 1.1 MB, vượt quá mức tối đa 1 MB.",
    ),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_file_is_refused_with_its_cap_and_nothing_is_stored(
    world, client_for, agency, settings, case
):
    name, content, overrides, message = HOSTILE[case]
    for setting, value in overrides.items():
        setattr(settings, setting, value)
    entries = PressContact.objects.count()
    response = upload(client_for(world.agency_user), content(), name)
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [message]
    assert response.context["results"] is None
    assert (ImportDryRun.objects.count(), ContactProposal.objects.count()) == (0, 0)
    assert PressContact.objects.count() == entries


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("bad_id", ["²", "٣", "1²", "9" * 30, "-1", "1.0"])
def test_an_id_that_is_not_plain_digits_is_no_entry_and_nothing_is_stored(
    world, client_for, agency, fmt, bad_id
):
    if fmt == "csv":
        content, name = f"id,{CSV_HEADER}{bad_id},{CSV_ENTRY}".encode(), "id.csv"
    else:
        header = row(1, cell("A1", "id"), cell("B1", "role"), cell("C1", "full_name"))
        line = row(2, cell("A2", bad_id), cell("B2", "reporter"), cell("C2", "Hồ Văn Lượng"))
        content, name = xlsx(sheet(header + line)), "id.xlsx"
    response = upload(client_for(world.agency_user), content, name)
    assert [(r.line, r.status, r.message) for r in response.context["results"]] == [
        (2, "error", f"Không có mục nào có id {bad_id}.")
    ]
    assert response.context["dry_run"] is None
    assert (ImportDryRun.objects.count(), ContactProposal.objects.count()) == (0, 0)


def test_a_declared_dimension_of_the_whole_sheet_reads_only_the_cells_present(agency):
    """openpyxl would build the declared A1:XFD1048576 grid (≈137 GB); the reader ignores
    `<dimension>` and keeps memory flat."""
    content = xlsx(sheet(HEADER + ONE_ENTRY, dimension="A1:XFD1048576"))
    assert len(content) < 1700  # the 1.6 KB file of the report
    read_xlsx(SimpleUploadedFile("bom.xlsx", content))  # warm up imports
    tracemalloc.start()
    try:
        rows = read_xlsx(SimpleUploadedFile("bom.xlsx", content))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert rows == [
        {"role": "reporter", "press_agency": "Báo Kon Tum", "full_name": "Hồ Văn Lượng", "_line": 2}
    ]
    assert peak < 4 * 1024 * 1024


def test_the_dimension_bomb_file_imports_its_one_row(world, client_for, agency):
    content = xlsx(sheet(HEADER + ONE_ENTRY, dimension="A1:XFD1048576"))
    response = upload(client_for(world.agency_user), content, "bom.xlsx")
    assert [(r.line, r.status, r.name) for r in response.context["results"]] == [
        (2, "new", "Hồ Văn Lượng")
    ]


# ---- the dry run is a row of its owner, applied once --------------------------------


def check(client):
    return upload(client, (CSV_HEADER + CSV_ENTRY).encode(), "moi.csv").context["dry_run"]


def apply(client, dry_run_pk):
    return client.post(reverse("contacts:import_apply"), {"dry_run": dry_run_pk})


def shown(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_dry_run_is_kept_in_the_database_not_the_session(world, client_for, agency):
    client = client_for(world.agency_user)
    with time_machine.travel(NOW, tick=False):
        dry_run = check(client)
    assert dry_run.owner == world.agency_user
    assert dry_run.expires_at == NOW + timedelta(minutes=60)
    assert [(r["line"], r["status"]) for r in dry_run.rows] == [(2, "new")]
    assert not [key for key in client.session.keys() if "import" in key]


def test_applying_twice_applies_once_and_says_so(world, client_for, agency):
    client = client_for(world.agency_user)
    with time_machine.travel(NOW, tick=False):
        dry_run = check(client)
        first = apply(client, dry_run.pk)
        assert shown(first) == ["Đã gửi 1 đề xuất tới Sở để duyệt."]
        second = apply(client, dry_run.pk)
    assert second.url == reverse("contacts:proposals")
    assert shown(second) == [  # the first answer was never shown: a double-click
        "Đã gửi 1 đề xuất tới Sở để duyệt.",
        "Tệp này đã được nhập lúc 05/03/2026 09:30:00 (1 thay đổi): không nhập thêm gì nữa.",
    ]
    assert ContactProposal.objects.count() == 1
    dry_run.refresh_from_db()
    assert (dry_run.applied_at, dry_run.applied_count) == (NOW, 1)


@pytest.mark.parametrize("who", ["agency2_user", "director", "reviewer"])
def test_another_users_dry_run_is_404_and_nothing_is_applied(world, client_for, agency, who):
    dry_run = check(client_for(world.agency_user))
    response = apply(client_for(getattr(world, who)), dry_run.pk)
    assert response.status_code == 404
    assert ContactProposal.objects.count() == 0
    dry_run.refresh_from_db()
    assert dry_run.applied_at is None


def test_an_expired_dry_run_is_refused_with_a_message(world, client_for, agency):
    client = client_for(world.agency_user)
    with time_machine.travel(NOW, tick=False):
        dry_run = check(client)
    with time_machine.travel(NOW + timedelta(minutes=61), tick=False):
        response = apply(client, dry_run.pk)
    assert response.url == reverse("contacts:import")
    assert shown(response) == [
        "Kết quả kiểm tra tệp đã hết hạn: hãy kiểm tra lại tệp rồi mới nhập."
    ]
    assert ContactProposal.objects.count() == 0


@pytest.mark.parametrize("value", ["", "abc", "0", str(2**70)])
def test_a_bad_dry_run_reference_asks_to_check_the_file_again(world, client_for, value):
    response = apply(client_for(world.agency_user), value)
    assert response.url == reverse("contacts:import")
    assert shown(response) == ["Hãy kiểm tra lại tệp trước khi nhập."]


def test_expired_dry_runs_are_pruned_after_the_retention(world, settings):
    settings.CONTACT_IMPORT_DRY_RUN_RETENTION = timedelta(hours=24)
    owner = world.agency_user

    def dry_run_expired(ago):
        return ImportDryRun.objects.create(
            owner=owner, created_at=NOW - ago, expires_at=NOW - ago, rows=[]
        )

    old, recent = dry_run_expired(timedelta(hours=25)), dry_run_expired(timedelta(hours=23))
    live = ImportDryRun.objects.create(owner=owner, expires_at=NOW + timedelta(minutes=5))
    with time_machine.travel(NOW, tick=False):
        assert prune_import_dry_runs() == 1
    assert set(ImportDryRun.objects.values_list("pk", flat=True)) == {recent.pk, live.pk}
    assert not ImportDryRun.objects.filter(pk=old.pk).exists()
    assert settings.CELERY_BEAT_SCHEDULE["import-dry-run-prune"]["task"] == (
        "contacts.prune_import_dry_runs"
    )
    assert imports.prune_dry_runs(NOW) == 0
