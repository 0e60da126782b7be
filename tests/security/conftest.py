"""Two-factor fixtures: enforcement switched on, an enrolled authenticator, the code it would show."""

import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from ropa.security.devices import replace_backup_codes

PASSWORD = "a-long-test-password"  # the password tests/conftest.py gives every role user


@pytest.fixture
def two_factor(settings):
    """Production behaviour: every logged-in user must pass the second step."""
    settings.ROPA_REQUIRE_2FA = True
    return settings


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """What the authenticator app shows now (or `steps_ahead` 30-second steps later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def enrol():
    """Give a user a confirmed authenticator and a backup sheet; returns (device, backup codes)."""

    def make(user) -> tuple[TOTPDevice, list[str]]:
        device = TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=True)
        return device, replace_backup_codes(user)

    return make


def log_in_with_password(client, username: str, next_url: str = "/admin/"):
    """The admin's own login form, as a person would use it."""
    return client.post(
        f"{reverse('admin:login')}?next={next_url}",
        {"username": username, "password": PASSWORD, "next": next_url},
        REMOTE_ADDR="192.0.2.10",
    )


def verify(client, code: str, next_url: str = "/admin/"):
    return client.post(reverse("security:verify"), {"otp_token": code, "next": next_url}, REMOTE_ADDR="192.0.2.10")


@pytest.fixture
def verified_client(client, two_factor, enrol):
    """Log a user in through both steps; returns the client."""

    def log_in(user):
        device, _codes = enrol(user)
        log_in_with_password(client, user.get_username())
        response = verify(client, code_for(device))
        assert response.status_code == 302, response
        return client

    return log_in
