"""Signing the sent report on a PKCS#11 token, as a government USB token would: here a
SoftHSM2 software token (Debian's `softhsm2`) holding a throwaway key and certificate,
reached through pyHanko's PKCS11Signer exactly as the vendor's library would be. A wrong
PIN, token, label or an expired certificate refuses the sending with a message naming the
setting, and nothing is sent."""

import os
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.core import mail

from newsroom.models import ReportSettings, WeeklyReport
from newsroom.reports.signing import SigningFailed, check_signer, verify_pdf
from newsroom.services.reports import ReportRefused
from tests.conftest import service_missing
from tests.newsroom.test_report_signing import draft, send

pytestmark = pytest.mark.django_db
LIBRARIES = ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so")
TOKEN, PIN, SO_PIN = "duatin-test", "1234", "000000"


def _certificate(key, name, start, days):
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Trung tâm VH-TT-DL&TT Kon Rẫy"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        ]
    )
    return (
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


def _put_on_token(library, folder: Path, label: str, object_id: bytes, **cert_kw):
    """A new key pair imported into the token with softhsm2-util, its certificate written
    next to it through PKCS#11 (as a CA's enrolment tool does)."""
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = folder / f"{label}.pem"
    pem.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    subprocess.run(  # noqa: S603 - fixed arguments, a test token
        [
            "softhsm2-util",
            "--import",
            str(pem),
            "--token",
            TOKEN,
            "--label",
            label,
            "--id",
            object_id.hex(),
            "--pin",
            PIN,
        ],
        check=True,
        capture_output=True,
    )
    cert = _certificate(key, **cert_kw)
    token = pkcs11.lib(library).get_token(token_label=TOKEN)
    with token.open(rw=True, user_pin=PIN) as session:
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: label,
                Attribute.ID: object_id,
                Attribute.SUBJECT: cert.subject.public_bytes(),
                Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
            }
        )


@pytest.fixture(scope="session")
def softhsm(tmp_path_factory):
    """One SoftHSM2 token for the test session (the PKCS#11 library is loaded once per
    process): a valid signing key "chuky" and an expired one "het-han"."""
    library = next((path for path in LIBRARIES if Path(path).exists()), None)
    if library is None or shutil.which("softhsm2-util") is None:
        service_missing("needs SoftHSM2 (Debian package softhsm2) for the PKCS#11 tests")
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOFTHSM2_CONF", str(conf))
        subprocess.run(  # noqa: S603 - fixed arguments, a test token
            [
                "softhsm2-util",
                "--init-token",
                "--free",
                "--label",
                TOKEN,
                "--so-pin",
                SO_PIN,
                "--pin",
                PIN,
            ],
            check=True,
            capture_output=True,
        )
        start = datetime(2026, 1, 1, tzinfo=UTC)
        _put_on_token(
            library, folder, "chuky", b"\x01", name="Nguyễn Văn Bình", start=start, days=365
        )
        _put_on_token(
            library,
            folder,
            "het-han",
            b"\x02",
            name="Chữ ký cũ",
            start=start - timedelta(days=800),
            days=365,
        )
        yield library


@pytest.fixture
def token_conf(world, softhsm, monkeypatch):
    monkeypatch.setenv("DUATIN_TEST_PIN", PIN)
    return ReportSettings.objects.create(
        centre=world.centre,
        recipients="vanphong@konray.gov.vn",
        signer_name="Nguyễn Văn Bình",
        pkcs11_library=softhsm,
        pkcs11_token_label=TOKEN,
        pkcs11_key_label="chuky",
        pkcs11_pin_env="DUATIN_TEST_PIN",
        allow_unsigned=False,
    )


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_report_signed_on_the_token_validates_and_names_the_signer(
    world, token_conf, settings, django_capture_on_commit_callbacks
):
    settings.REPORT_PDF_ENABLED = True
    with django_capture_on_commit_callbacks(execute=True):
        report = send(draft(world))
    assert report.signing_note == ""
    check = verify_pdf(bytes(report.pdf), report.signing_certificate)
    assert (check.valid, check.intact, check.signer) == (True, True, "Nguyễn Văn Bình")
    tampered = bytearray(report.pdf)
    at = bytes(tampered).index(b"/Type /Page") + 1
    tampered[at] = ord("X")
    assert verify_pdf(bytes(tampered), report.signing_certificate).valid is False
    assert [m.attachments[-1][0].rpartition(".")[2] for m in mail.outbox] == ["pdf"]


def test_the_token_and_key_are_found_with_the_right_pin(token_conf):
    check_signer(token_conf)  # raises SigningFailed otherwise


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"pkcs11_pin_env": "DUATIN_WRONG_PIN"},
            "Token từ chối mã PIN (cài đặt “biến môi trường chứa mã PIN của token”).",
        ),
        (
            {"pkcs11_token_label": "khong-co"},
            "Không có đúng một token mang nhãn “khong-co” đang cắm vào máy (cài đặt “nhãn token”).",
        ),
        (
            {"pkcs11_key_label": "khong-co"},
            "Token không có khóa và chứng thư số mang nhãn “khong-co” "
            "(cài đặt “nhãn khóa và chứng thư số trên token”).",
        ),
        (
            {"pkcs11_key_label": "het-han"},
            "Chứng thư số chỉ có hiệu lực từ",
        ),
        (
            {"pkcs11_token_label": ""},
            "Token chưa được cấu hình đủ (cài đặt “nhãn token” đang để trống).",
        ),
    ],
)
def test_a_token_problem_refuses_the_sending_naming_the_setting(
    world, token_conf, monkeypatch, settings, change, message
):
    settings.REPORT_PDF_ENABLED = True
    monkeypatch.setenv("DUATIN_WRONG_PIN", "9999")
    ReportSettings.objects.filter(pk=token_conf.pk).update(**change)
    report = draft(world)
    with pytest.raises(ReportRefused) as refusal:
        send(report)
    assert message in str(refusal.value)
    with pytest.raises(SigningFailed):
        check_signer(ReportSettings.objects.get(pk=token_conf.pk))
    report = WeeklyReport.objects.get(pk=report.pk)
    assert (report.sent_at, report.pdf, mail.outbox) == (None, None, [])


def test_a_library_that_does_not_load_is_named(world, token_conf, tmp_path):
    missing = tmp_path / "libkhongco.so"
    ReportSettings.objects.filter(pk=token_conf.pk).update(pkcs11_library=str(missing))
    with pytest.raises(SigningFailed) as failure:
        check_signer(ReportSettings.objects.get(pk=token_conf.pk))
    assert str(failure.value).startswith(
        f"Không dùng được thư viện PKCS#11 (cài đặt “thư viện PKCS#11 (token USB)”: {missing})"
    )
    assert os.environ.get("DUATIN_TEST_PIN") == PIN
