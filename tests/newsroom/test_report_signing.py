"""The sent report as a PAdES-signed PDF: LibreOffice makes it, pyHanko signs it with the
centre's PKCS#12 certificate (a throwaway one made here with `cryptography`), the portal
verifies it, a tampered copy fails; a bad certificate refuses the sending with a message
naming the setting, or sends unsigned when the centre allows it."""

import shutil
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.core import mail
from django.urls import reverse

from newsroom.models import ReportSettings, WeeklyReport
from newsroom.reports.signing import verify_pdf
from newsroom.services.reports import ReportRefused, generate_draft, send_report

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed"),
]
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 26, 14, 0, tzinfo=HCM)
WEEK_START = date(2026, 11, 19)
PASSWORD = "mat-khau-thu"  # noqa: S105 - a throwaway test certificate


def make_p12(path, *, name="Nguyễn Văn Bình", valid_from=None, days=365, password=PASSWORD):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Trung tâm VH-TT-DL&TT Kon Rẫy"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        ]
    )
    start = valid_from or datetime(2026, 1, 1, tzinfo=UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, True, False, False, False),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        b"centre",
        key,
        cert,
        None,
        serialization.BestAvailableEncryption(password.encode()),
    )
    path.write_bytes(data)
    return path


@pytest.fixture(autouse=True)
def pdf_on(settings):
    settings.REPORT_PDF_ENABLED = True


@pytest.fixture
def centre_conf(world, tmp_path, monkeypatch):
    monkeypatch.setenv("DUATIN_TEST_P12", PASSWORD)
    return ReportSettings.objects.create(
        centre=world.centre,
        recipients="vanphong@konray.gov.vn",
        signer_name="Nguyễn Văn Bình",
        signing_certificate_path=str(make_p12(tmp_path / "konray.p12")),
        signing_password_env="DUATIN_TEST_P12",
        allow_unsigned=False,
    )


def draft(world):
    with time_machine.travel(NOW, tick=False):
        return generate_draft(world.centre, WEEK_START)


def send(report):
    with time_machine.travel(NOW, tick=False):
        return send_report(report)[0]


def test_sent_report_has_a_signed_pdf_that_validates_and_a_tampered_copy_fails(
    world, centre_conf, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = send(draft(world))
    pdf = bytes(report.pdf)
    assert pdf.startswith(b"%PDF")
    check = verify_pdf(pdf, report.signing_certificate)
    assert (check.valid, check.intact, check.signer) == (True, True, "Nguyễn Văn Bình")
    assert check.signed_at.astimezone(HCM).replace(microsecond=0) == NOW
    from io import BytesIO

    from pyhanko.pdf_utils.reader import PdfFileReader

    assert PdfFileReader(BytesIO(pdf)).embedded_signatures[0].sig_object["/SubFilter"] == (
        "/ETSI.CAdES.detached"
    )  # PAdES
    # One byte changed inside the signed range: validation fails.
    at = pdf.index(b"BT")  # inside a content stream... or any signed byte
    tampered = pdf[:at] + (b"X" if pdf[at : at + 1] != b"X" else b"Y") + pdf[at + 1 :]
    broken = verify_pdf(tampered, report.signing_certificate)
    assert (broken.valid, broken.intact) == (False, False)
    # The page shows who signed and when; the PDF is attached to the e-mail.
    page = client_for(world.director).get(reverse("newsroom:report_detail", args=[report.pk]))
    assert "Đã ký bởi Nguyễn Văn Bình lúc 26/11/2026 14:00; chữ ký hợp lệ." in " ".join(
        page.content.decode().split()
    )
    assert [a[0] for a in mail.outbox[0].attachments][-1] == "bao-cao-tuan-20261119.pdf"
    download = client_for(world.director).get(reverse("newsroom:report_pdf", args=[report.pk]))
    assert download.content == pdf


def bad(conf, tmp_path, case, monkeypatch):
    if case == "missing":
        conf.signing_certificate_path = str(tmp_path / "khong-co.p12")
    elif case == "password":
        monkeypatch.setenv("DUATIN_TEST_P12", "sai-mat-khau")
    elif case == "expired":
        conf.signing_certificate_path = str(
            make_p12(tmp_path / "cu.p12", valid_from=datetime(2024, 1, 1, tzinfo=UTC), days=30)
        )
    elif case == "not-p12":
        (tmp_path / "rac.p12").write_bytes(b"not a certificate")
        conf.signing_certificate_path = str(tmp_path / "rac.p12")
    conf.save()


MESSAGES = {
    "missing": "Không đọc được tệp chứng thư số (cài đặt “tệp chứng thư số (PKCS#12)”",
    "password": "Không mở được chứng thư số: sai mật khẩu hoặc không phải tệp PKCS#12",
    "expired": "Chứng thư số chỉ có hiệu lực từ 01/01/2024 đến 31/01/2024",
    "not-p12": "Không mở được chứng thư số: sai mật khẩu hoặc không phải tệp PKCS#12",
}


@pytest.mark.parametrize("case", list(MESSAGES))
def test_a_bad_certificate_refuses_the_sending_and_changes_nothing(
    world, centre_conf, tmp_path, monkeypatch, case, client_for
):
    bad(centre_conf, tmp_path, case, monkeypatch)
    report = draft(world)
    with pytest.raises(ReportRefused) as refusal:
        send(report)
    assert str(refusal.value).startswith(MESSAGES[case])
    report.refresh_from_db()
    assert (report.sent_at, report.docx, report.pdf, report.data.get("letterhead")) == (
        None,
        None,
        None,
        None,
    )
    assert mail.outbox == []
    with time_machine.travel(NOW, tick=False):
        response = client_for(world.director).post(
            reverse("newsroom:report_send", args=[report.pk]), {"confirm": "on"}
        )
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert len(shown) == 1 and shown[0].startswith(MESSAGES[case])


def test_a_centre_that_allows_it_sends_unsigned_and_says_why(
    world, centre_conf, tmp_path, monkeypatch
):
    centre_conf.allow_unsigned = True
    bad(centre_conf, tmp_path, "password", monkeypatch)
    report = send(draft(world))
    assert report.is_sent and bytes(report.pdf).startswith(b"%PDF")
    assert report.signing_certificate == ""
    assert report.signing_note.startswith(MESSAGES["password"])
    assert WeeklyReport.objects.get().is_sent
