"""Export (CSV, Excel, vCard) and import with a dry run: all rows or none."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from contacts.enums import ProposalSource, ProposalStatus
from contacts.models import ContactProposal, ImportDryRun, PressContact
from tests.contacts.factories import PressAgencyFactory, PressContactFactory

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def entries(db):
    agency = PressAgencyFactory(name="Báo Kon Tum")
    vtv = PressAgencyFactory(name="Đài Truyền hình Việt Nam", short_name="VTV")
    return [
        PressContactFactory(
            press_agency=agency,
            full_name="Đinh Công Ưng",
            title="Phóng viên thường trú",
            area="Huyện Đắk Hà",
            office_address="Số 5, đường Trần Hưng Đạo; TP. Kon Tum",
            phone="0900 000 001",
            email="ung@example.vn",
            internal_phone="0900 999 001",
            internal_email="ung.nb@example.vn",
        ),
        PressContactFactory(
            press_agency=vtv,
            full_name="Vũ Thị Ơn",
            title="Biên tập viên",
            area="Tây Nguyên",
            phone="=1+2",
            email="on@example.vn",
            internal_phone="",
            internal_email="",
        ),
    ]


def export(client, fmt, **params):
    response = client.get(reverse("contacts:public_export", args=[fmt]), params)
    assert response.status_code == 200
    return response


def upload(client, content: bytes, name: str):
    return client.post(reverse("contacts:import"), {"file": SimpleUploadedFile(name, content)})


def apply(client, response):
    """Confirm the dry run shown on `response`, as its button does."""
    dry_run = response.context["dry_run"]
    return client.post(reverse("contacts:import_apply"), {"dry_run": dry_run.pk})


def test_public_csv_export_has_public_columns_only(client, entries):
    text = export(client, "csv").content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == (
        'Mã số,Vai trò,Cơ quan báo chí,"Cơ quan, đơn vị",Họ và tên,Chức vụ,Địa chỉ cơ quan,'
        "Địa bàn,Điện thoại,Thư điện tử,Ngày xác minh"
    )
    assert "0900 999 001" not in text and "ung.nb@example.vn" not in text
    assert "Đinh Công Ưng" in lines[1]
    assert "'=1+2" in lines[2]  # a formula-looking value is defused


def test_staff_export_has_internal_columns(world, client_for, entries):
    response = client_for(world.reporter).get(
        reverse("contacts:public_export", args=["xlsx"]), {"fields": "internal"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Danh bạ báo chí"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-2:] == ("Điện thoại nội bộ", "Thư điện tử nội bộ")
    assert rows[1][-2:] == ("0900 999 001", "ung.nb@example.vn")


def test_export_follows_the_list_filters(client, entries):
    text = export(client, "csv", q="dak ha").content.decode("utf-8-sig")
    assert len(text.splitlines()) == 2


def test_vcard_export_is_vcard_3_with_escaped_and_folded_lines(client, entries):
    response = export(client, "vcf")
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    text = response.content.decode()
    cards = text.split("END:VCARD\r\n")
    assert len([c for c in cards if c]) == 2
    first = cards[0].split("\r\n")
    assert first[:4] == ["BEGIN:VCARD", "VERSION:3.0", "N:Đinh Công Ưng;;;;", "FN:Đinh Công Ưng"]
    assert "ORG:Báo Kon Tum" in first
    assert "TEL;TYPE=WORK,VOICE:0900 000 001" in first
    assert "EMAIL;TYPE=INTERNET:ung@example.vn" in first
    assert "ADR;TYPE=WORK:;;Số 5\\, đường Trần Hưng Đạo\\; TP. Kon Tum;;;;" in first
    assert "0900 999 001" not in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_excel_with_vietnamese_text_round_trips_unchanged(world, client_for, entries):
    client = client_for(world.reviewer)
    before = list(PressContact.objects.order_by("pk").values())
    exported = client.get(
        reverse("contacts:public_export", args=["xlsx"]), {"fields": "internal"}
    ).content
    response = upload(client, exported, "danh-ba.xlsx")
    assert [(r.line, r.status, r.name) for r in response.context["results"]] == [
        (2, "unchanged", "Đinh Công Ưng"),
        (3, "unchanged", "Vũ Thị Ơn"),
    ]
    assert response.context["to_apply"] == 0
    assert list(PressContact.objects.order_by("pk").values()) == before
    # And the file's cells hold exactly the directory's text.
    sheet = load_workbook(io.BytesIO(exported)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][4:8] == (
        "Đinh Công Ưng",
        "Phóng viên thường trú",
        "Số 5, đường Trần Hưng Đạo; TP. Kon Tum",
        "Huyện Đắk Hà",
    )


def test_a_file_with_the_old_english_keys_still_imports(world, client_for, entries):
    client = client_for(world.reviewer)
    csv_text = "role,press_agency,full_name,email\nreporter,Báo Kon Tum,Hồ Văn Lượng,l@example.vn\n"
    response = upload(client, csv_text.encode(), "cu.csv")
    assert [(r.status, r.name) for r in response.context["results"]] == [("new", "Hồ Văn Lượng")]


def test_vietnamese_headers_are_read_without_accents_or_case(world, client_for, entries):
    client = client_for(world.reviewer)
    csv_text = "VAI TRO,co quan bao chi,Họ Và Tên\nreporter,Báo Kon Tum,Hồ Văn Lượng\n"
    response = upload(client, csv_text.encode(), "go-tay.csv")
    assert [(r.status, r.name) for r in response.context["results"]] == [("new", "Hồ Văn Lượng")]


def test_csv_round_trips_unchanged(world, client_for, entries):
    client = client_for(world.agency_user)
    exported = export(client, "csv").content
    response = upload(client, exported, "danh-ba.csv")
    assert [r.status for r in response.context["results"]] == ["unchanged", "unchanged"]


def test_edited_excel_becomes_proposals_after_the_dry_run(world, client_for, entries):
    client = client_for(world.agency_user)
    exported = export(client, "xlsx").content
    workbook = load_workbook(io.BytesIO(exported))
    sheet = workbook.active
    sheet.cell(row=2, column=9, value="0900 000 777")  # phone of Đinh Công Ưng
    sheet.append(
        [
            "",
            "Phóng viên thường trú",
            "VTV",
            "",
            "Lê Đức Thắng",
            "Phóng viên",
            "",
            "Tây Nguyên",
            "0900 000 888",
            "thang@example.vn",
            "",
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)

    response = upload(client, buffer.getvalue(), "sua.xlsx")
    assert [(r.status, r.message) for r in response.context["results"]] == [
        ("changed", "điện thoại (công khai)"),
        ("unchanged", ""),
        ("new", ""),
    ]
    assert ContactProposal.objects.count() == 0  # a dry run changes nothing

    response = apply(client, response)
    assert response.url == reverse("contacts:proposals")
    proposals = list(ContactProposal.objects.order_by("pk"))
    assert [(p.action, p.status, p.source) for p in proposals] == [
        ("edit", ProposalStatus.PENDING, ProposalSource.IMPORT),
        ("new", ProposalStatus.PENDING, ProposalSource.IMPORT),
    ]
    assert proposals[0].data == {"phone": "0900 000 777"}
    assert proposals[1].data["full_name"] == "Lê Đức Thắng"
    assert PressContact.objects.get(full_name="Đinh Công Ưng").phone == "0900 000 001"
    assert world.reviewer.notifications.count() == 1


def test_a_file_with_one_bad_row_applies_nothing_and_reports_that_row(world, client_for, entries):
    client = client_for(world.reviewer)
    csv_text = (
        "role,press_agency,full_name,area,email\n"
        "reporter,Báo Kon Tum,Hồ Văn Lượng,Huyện Kon Rẫy,luong@example.vn\n"
        "reporter,Báo Không Có,Trần Văn Sai,Huyện Kon Rẫy,sai@example.vn\n"
        "reporter,VTV,Y Đắk,Huyện Đắk Hà,khong-phai-email\n"
    )
    response = upload(client, csv_text.encode(), "moi.csv")
    results = response.context["results"]
    assert [(r.line, r.status) for r in results] == [(2, "new"), (3, "error"), (4, "error")]
    assert results[1].message == "Không có cơ quan báo chí “Báo Không Có”."
    assert results[2].message.startswith("Email (công khai): ")
    assert response.context["has_errors"]
    assert response.context["dry_run"] is None  # nothing to apply, so nothing kept
    assert ImportDryRun.objects.count() == 0
    assert PressContact.objects.count() == 2
    assert ContactProposal.objects.count() == 0


def test_reviewer_import_goes_live(world, client_for, entries):
    client = client_for(world.reviewer)
    csv_text = "role,press_agency,full_name\nreporter,Báo Kon Tum,Hồ Văn Lượng\n"
    apply(client, upload(client, csv_text.encode("utf-8-sig"), "moi.csv"))
    contact = PressContact.objects.get(full_name="Hồ Văn Lượng")
    assert contact.verified_by == world.reviewer


def test_apply_without_a_dry_run_does_nothing(world, client_for):
    response = client_for(world.reviewer).post(reverse("contacts:import_apply"))
    assert response.url == reverse("contacts:import")


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "anh.csv"),
        ("role,full_name\nreporter,Lê\n".encode("utf-16"), "utf16.csv"),
        (b"role,full_name\nreporter,L\xea\n", "latin.csv"),
        (b"PK\x03\x04 not really a zip", "gia.xlsx"),
        (b"role,full_name\n", "trong.csv"),
        (b"name,phone\nA,1\n", "cot-sai.csv"),
        (b"role,full_name\nreporter,A\n", "danh-ba.pdf"),
    ],
)
def test_bad_uploads_get_a_message_and_nothing_is_stored(world, client_for, content, name):
    response = upload(client_for(world.agency_user), content, name)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert response.context["results"] is None


def test_too_large_upload_is_refused(world, client_for, settings):
    settings.CONTACT_IMPORT_MAX_BYTES = 100
    response = upload(
        client_for(world.agency_user), b"role,full_name\n" + b"reporter,A\n" * 20, "lon.csv"
    )
    assert response.context["form"].errors["file"]


def test_a_new_row_for_someone_already_listed_is_an_error_naming_the_entry(
    world, client_for, entries
):
    ung = entries[0]
    csv_text = (
        "role,press_agency,full_name,area\n"
        "reporter,Báo Kon Tum,ĐINH CÔNG ƯNG,Huyện Kon Rẫy\n"  # same person, other spelling
        "reporter,VTV,Đinh Công Ưng,Tây Nguyên\n"  # same name, another press agency: fine
    )
    response = upload(client_for(world.director), csv_text.encode(), "moi.csv")
    results = response.context["results"]
    assert [(r.line, r.status) for r in results] == [(2, "error"), (3, "new")]
    assert results[0].message == (
        f"ĐINH CÔNG ƯNG đã có trong danh bạ (mục {ung.pk}): hãy ghi {ung.pk} vào cột id "
        "để cập nhật mục đó."
    )
    assert response.context["dry_run"] is None
    assert ContactProposal.objects.count() == 0


def test_a_row_repeating_an_earlier_row_of_the_file_is_an_error(world, client_for, entries):
    csv_text = (
        "role,press_agency,full_name\n"
        "reporter,Báo Kon Tum,Hồ Văn Lượng\n"
        "reporter,Báo Kon Tum,Hồ văn lượng\n"
    )
    response = upload(client_for(world.reviewer), csv_text.encode(), "moi.csv")
    results = response.context["results"]
    assert [(r.line, r.status, r.message) for r in results] == [
        (2, "new", ""),
        (3, "error", "Trùng với dòng 2 của tệp."),
    ]


def test_a_row_with_the_id_of_an_existing_entry_updates_it_not_a_duplicate(
    world, client_for, entries
):
    ung = entries[0]
    csv_text = (
        "id,role,press_agency,full_name,area\n"
        f"{ung.pk},reporter,Báo Kon Tum,Đinh Công Ưng,Tây Nguyên\n"
    )
    response = upload(client_for(world.director), csv_text.encode(), "sua.csv")
    assert [(r.status, r.contact_id) for r in response.context["results"]] == [("changed", ung.pk)]
