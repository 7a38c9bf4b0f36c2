"""PAdES signatures on the report's PDF (pyHanko) and their verification.

Each centre signs either with a PKCS#12 file (`ReportSettings.signing_certificate_path`,
its password in the environment variable named by `signing_password_env`) or, when
`pkcs11_library` is set, with a key on a PKCS#11 token (a government USB token through its
vendor's library; `pkcs11_token_label`, `pkcs11_key_label`, the PIN in the variable named
by `pkcs11_pin_env`). No secret sits in the database. The tests sign with a throwaway
PKCS#12 file and with a SoftHSM2 token; a real USB token is described in the README.
"""

import os
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from django.utils import timezone
from django.utils.translation import gettext as _

PATH_FIELD = "signing_certificate_path"
PASSWORD_FIELD = "signing_password_env"  # noqa: S105 - a field name, not a secret
LIBRARY_FIELD = "pkcs11_library"
TOKEN_FIELD = "pkcs11_token_label"  # noqa: S105 - a field name
KEY_FIELD = "pkcs11_key_label"
PIN_FIELD = "pkcs11_pin_env"


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


def _check_validity(cert, field: str, now=None) -> None:
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
                "setting": _label(field),
            }
        )


def uses_token(conf) -> bool:
    return bool(conf.pkcs11_library)


def is_configured(conf) -> bool:
    return bool(conf.pkcs11_library or conf.signing_certificate_path)


@contextmanager
def token_signer(conf):
    """pyHanko's PKCS#11 signer on the centre's token, and its certificate; the session
    is closed afterwards. Every failure is a SigningFailed naming the setting to fix."""
    import pkcs11
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import PKCS11Signer, find_token, open_pkcs11_session

    if not conf.pkcs11_token_label or not conf.pkcs11_key_label:
        missing = TOKEN_FIELD if not conf.pkcs11_token_label else KEY_FIELD
        raise SigningFailed(
            _("The token is not fully set up (setting “%(setting)s” is empty).")
            % {"setting": _label(missing)}
        )
    pin = os.environ.get(conf.pkcs11_pin_env, "") if conf.pkcs11_pin_env else ""
    criteria = TokenCriteria(label=conf.pkcs11_token_label)
    try:
        slots = pkcs11.lib(conf.pkcs11_library).get_slots(token_present=True)
    except Exception as exc:  # noqa: BLE001 - a library that will not load fails in many ways
        raise SigningFailed(
            _("The PKCS#11 library cannot be used (setting “%(setting)s”: %(path)s): %(e)s")
            % {"setting": _label(LIBRARY_FIELD), "path": conf.pkcs11_library, "e": exc}
        ) from exc
    try:
        found = find_token(slots, token_criteria=criteria)
    except Exception:  # noqa: BLE001 - pyHanko: more than one token matches
        found = None
    if found is None:
        raise SigningFailed(
            _("No single token labelled “%(token)s” is plugged in (setting “%(setting)s”).")
            % {"token": conf.pkcs11_token_label, "setting": _label(TOKEN_FIELD)}
        )
    try:
        session = open_pkcs11_session(
            conf.pkcs11_library,
            token_criteria=criteria,
            user_pin=pin or None,
        )
    except pkcs11.exceptions.PinIncorrect as exc:
        raise SigningFailed(
            _("The token refused the PIN (setting “%(setting)s”).") % {"setting": _label(PIN_FIELD)}
        ) from exc
    except pkcs11.exceptions.PinLocked as exc:
        raise SigningFailed(
            _("The token's PIN is locked after too many wrong tries: unlock it with its tool.")
        ) from exc
    except Exception as exc:  # noqa: BLE001 - the token may fail in many ways
        raise SigningFailed(
            _("The token cannot be opened (setting “%(setting)s”): %(e)s")
            % {"setting": _label(TOKEN_FIELD), "e": exc}
        ) from exc
    try:
        try:
            signer = PKCS11Signer(
                session, key_label=conf.pkcs11_key_label, cert_label=conf.pkcs11_key_label
            )
            certificate = x509.load_der_x509_certificate(signer.signing_cert.dump())
        except Exception as exc:  # noqa: BLE001 - pyHanko reports a missing object many ways
            raise SigningFailed(
                _(
                    "The token has no key and certificate labelled “%(label)s” "
                    "(setting “%(setting)s”)."
                )
                % {"label": conf.pkcs11_key_label, "setting": _label(KEY_FIELD)}
            ) from exc
        _check_validity(certificate, KEY_FIELD)
        yield signer, certificate
    finally:
        session.close()


def check_signer(conf) -> None:
    """Raise SigningFailed now if the centre's certificate cannot sign (before the slow
    conversion to PDF)."""
    if not is_configured(conf):
        raise SigningFailed(
            _("No certificate is set (setting “%(setting)s”).") % {"setting": _label(PATH_FIELD)}
        )
    if uses_token(conf):
        with token_signer(conf):
            return
    load_certificate(conf)


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
    _check_validity(cert, PATH_FIELD, now)
    return data, password, cert


def sign_pdf(pdf: bytes, conf) -> tuple[bytes, str]:
    """The PDF signed PAdES (baseline B, SHA-256), and the signer's certificate as PEM."""
    from pyhanko.sign import signers

    if uses_token(conf):
        with token_signer(conf) as (signer, cert):
            return _sign(pdf, signer, conf), cert.public_bytes(Encoding.PEM).decode()
    data, password, cert = load_certificate(conf)
    signer = signers.SimpleSigner.load_pkcs12_data(data, (), password.encode() or None)
    return _sign(pdf, signer, conf), cert.public_bytes(Encoding.PEM).decode()


def _sign(pdf: bytes, signer, conf) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    meta = signers.PdfSignatureMetadata(
        field_name="ChuKySo",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason="Báo cáo tuần",
        location=conf.place,
    )
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    return signers.sign_pdf(writer, meta, signer=signer).getvalue()


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
