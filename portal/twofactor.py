"""Two-factor sign-in: who needs it, enrolment, verification, backup codes, recovery.

A TOTP device (an authenticator app) plus one static device holding printable backup
codes, each usable once. django-otp's OTPMiddleware marks a request verified once
`django_otp.login()` stored the device in the session; portal.middleware.TwoFactorMiddleware
sends a signed-in user who has a device to the verify step, and one who must have 2FA
and has none to enrolment.
"""

import base64
import secrets
import time
from binascii import unhexlify

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

TOTP_DEVICE_NAME = "authenticator"
BACKUP_DEVICE_NAME = "backup"


def two_factor_required(user) -> bool:
    return bool(
        user.is_authenticated
        and (user.is_staff or user.is_superuser or user.role in settings.OTP_REQUIRED_ROLES)
    )


def has_two_factor(user) -> bool:
    return user_has_device(user, confirmed=True)


def new_key() -> str:
    """A fresh TOTP secret (hex, as django-otp stores it)."""
    return random_hex(20)


def base32_secret(hex_key: str) -> str:
    return base64.b32encode(unhexlify(hex_key)).decode()


def config_url(user, hex_key: str) -> str:
    return TOTPDevice(user=user, name=TOTP_DEVICE_NAME, key=hex_key).config_url


def qr_svg(text: str) -> str:
    """The QR code as inline SVG markup (no external image, no script)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


def key_accepts(hex_key: str, token: str) -> bool:
    """Does `token` match the secret now (±1 step)? Used before any device exists."""
    token = (token or "").strip().replace(" ", "")
    if not (token.isascii() and token.isdigit() and len(token) == 6):
        return False
    totp = TOTP(unhexlify(hex_key))
    totp.time = time.time()
    return totp.verify(int(token), tolerance=1)


@transaction.atomic
def enrol(user, hex_key: str) -> tuple[TOTPDevice, list[str]]:
    """Replace the user's devices with a confirmed authenticator and new backup codes."""
    reset_devices(user)
    device = TOTPDevice.objects.create(
        user=user, name=TOTP_DEVICE_NAME, key=hex_key, confirmed=True
    )
    # The code just checked must not work a second time.
    device.last_t = TOTP(unhexlify(hex_key)).t()
    device.save(update_fields=["last_t"])
    return device, new_backup_codes(user)


@transaction.atomic
def new_backup_codes(user) -> list[str]:
    """Replace the user's backup codes with OTP_BACKUP_CODE_COUNT fresh ones."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(settings.OTP_BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes(user) -> list[str]:
    """The user's unused backup codes."""
    return list(
        StaticToken.objects.filter(device__user=user, device__name=BACKUP_DEVICE_NAME).values_list(
            "token", flat=True
        )
    )


def verify(user, token: str):
    """The device that accepts `token` (a backup code is used up), or None.

    Devices are locked while checking, so two requests cannot both use one code;
    django-otp's throttling slows down guessing after each failure.
    """
    token = (token or "").strip().replace(" ", "")
    if not token or len(token) > 16:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, for_verify=True):
            if device.verify_token(token):
                return device
    return None


@transaction.atomic
def reset_devices(user) -> int:
    """Remove every 2FA device of a user (the administrator's recovery path)."""
    removed = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        removed += 1
    return removed
