"""A user's second factor: one authenticator app (TOTP, RFC 6238) and a sheet of single-use backup codes."""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODE_COUNT = 10
APP_DEVICE_NAME = "authenticator app"
BACKUP_DEVICE_NAME = "backup codes"


def normalise_code(raw: str) -> str:
    """Codes are read aloud and retyped: spaces and dashes are ignored, letters are case-insensitive."""
    return "".join(raw.split()).replace("-", "").lower()


def has_confirmed_device(user: AbstractBaseUser) -> bool:
    return any(True for _device in devices_for_user(user, confirmed=True))


def pending_app_device(user: AbstractBaseUser) -> TOTPDevice:
    """The unconfirmed authenticator being enrolled; reused so reloading the page keeps the same QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def manual_key(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app that cannot scan."""
    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[index:index + 4] for index in range(0, len(key), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG made here: the secret never goes to a QR-code service."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    return image.to_string(encoding="unicode")


def confirm_app_device(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the authenticator with a code it shows; on success return a fresh sheet of backup codes."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, confirmed=False)
        if not device.verify_token(normalise_code(code)):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
        return replace_backup_codes(device.user)


def replace_backup_codes(user: AbstractBaseUser) -> list[str]:
    """Make BACKUP_CODE_COUNT new single-use codes; every earlier code stops working."""
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(
            user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _index in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user: AbstractBaseUser) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify_code(user: AbstractBaseUser, raw: str) -> Device | None:
    """The device that accepts this code, or None.

    Six digits go to the authenticator, anything else to the backup codes, so a mistyped app code does
    not count against the backup sheet. Each device throttles its own failures (django-otp doubles the
    wait after every miss) and an app code is refused when replayed.
    """
    code = normalise_code(raw)
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    with transaction.atomic():
        for device in model.objects.select_for_update().filter(user=user, confirmed=True).order_by("pk"):
            if device.verify_token(code):
                return device
    return None
