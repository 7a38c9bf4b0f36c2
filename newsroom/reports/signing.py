"""PAdES signatures on the report's PDF (pyHanko) and their verification.

The embedded default signs with a PKCS#12 file per centre: `ReportSettings.
signing_certificate_path` names the file on the server and `signing_password_env` the
environment variable holding its password (no secret in the database). Government USB
tokens (PKCS#11) are described in the README and not testable here.
"""

import os
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from django.utils import timezone
from django.utils.translation import gettext as _

PATH_FIELD = "signing_certificate_path"
PASSWORD_FIELD = "signing_password_env"  # noqa: S105 - a field name, not a secret


class SigningFailed(Exception):
    """The message names the setting to fix."""


@dataclass(frozen=True)
class Verification:
    valid: bool
    intact: bool
    signer: str
    signed_at: datetime | None
    summary: str


def _label(field: str) -> str:
    from newsroom.models import ReportSettings

    return str(ReportSettings._meta.get_field(field).verbose_name)


def load_certificate(conf, now=None):
    """The centre's key and certificate, or SigningFailed saying which setting is wrong."""
    path = conf.signing_certificate_path
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise SigningFailed(
            _("The certificate file cannot be read (setting “%(setting)s”: %(path)s): %(e)s")
            % {"setting": _label(PATH_FIELD), "path": path, "e": exc.strerror}
        ) from exc
    password = os.environ.get(conf.signing_password_env, "") if conf.signing_password_env else ""
    try:
        key, cert, _chain = pkcs12.load_key_and_certificates(data, password.encode() or None)
    except ValueError as exc:
        raise SigningFailed(
            _(
                "The certificate cannot be opened: wrong password or not a PKCS#12 file "
                "(settings “%(path)s” and “%(password)s”)."
            )
            % {"path": _label(PATH_FIELD), "password": _label(PASSWORD_FIELD)}
        ) from exc
    if key is None or cert is None:
        raise SigningFailed(
            _("The PKCS#12 file holds no key and certificate (setting “%(setting)s”).")
            % {"setting": _label(PATH_FIELD)}
        )
    now = now or timezone.now()
    if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
        raise SigningFailed(
            _(
                "The certificate is valid only from %(start)s to %(end)s "
                "(setting “%(setting)s”): renew it."
            )
            % {
                "start": timezone.localtime(cert.not_valid_before_utc).strftime("%d/%m/%Y"),
                "end": timezone.localtime(cert.not_valid_after_utc).strftime("%d/%m/%Y"),
                "setting": _label(PATH_FIELD),
            }
        )
    return data, password, cert


def sign_pdf(pdf: bytes, conf) -> tuple[bytes, str]:
    """The PDF signed PAdES (baseline B, SHA-256), and the signer's certificate as PEM."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    data, password, cert = load_certificate(conf)
    signer = signers.SimpleSigner.load_pkcs12_data(data, (), password.encode() or None)
    meta = signers.PdfSignatureMetadata(
        field_name="ChuKySo",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason="Báo cáo tuần",
        location=conf.place,
    )
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    signed = signers.sign_pdf(writer, meta, signer=signer)
    return signed.getvalue(), cert.public_bytes(Encoding.PEM).decode()


def verify_pdf(pdf: bytes, certificate_pem: str) -> Verification:
    """Check the stored PDF's signature against the certificate it was signed with."""
    from asn1crypto import pem, x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        _type, _headers, der = pem.unarmor(certificate_pem.encode())
        root = x509.Certificate.load(der)
        signatures = PdfFileReader(BytesIO(pdf), strict=False).embedded_signatures
        if not signatures:
            return Verification(False, False, "", None, _("The PDF carries no signature."))
        status = validate_pdf_signature(
            signatures[0], ValidationContext(trust_roots=[root], allow_fetching=False)
        )
    except Exception as exc:  # noqa: BLE001 - a damaged file fails in many ways
        return Verification(
            False, False, "", None, _("The signature cannot be checked: %(e)s") % {"e": exc}
        )
    signer = status.signing_cert.subject.native.get("common_name", "")
    valid = bool(status.intact and status.valid and status.trusted)
    return Verification(
        valid,
        bool(status.intact),
        signer,
        status.signer_reported_dt,
        _("valid")
        if valid
        else _("INVALID: the file was changed after signing or the signature does not match"),
    )
