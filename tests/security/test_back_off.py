"""After wrong codes django-otp makes the next try wait (doubling each time); a privacy officer can lift it."""

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ropa.security.models import AuthenticatorBackOff
from tests.security.conftest import code_for, log_in_with_password, verify

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:security_authenticatorbackoff_changelist"


def wrong_codes(client, user, device, times: int, clock) -> None:
    """Wrong codes a minute apart, so each one counts (within the wait a try is refused unchecked)."""
    log_in_with_password(client, user.get_username())
    for _ in range(times):
        clock.shift(60)
        verify(client, "000000" if code_for(device) != "000000" else "111111")


@pytest.fixture
def clock():
    """The back-off is 2^(n-1) seconds after n wrong codes: the clock moves only when told, so no wait runs out."""
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def test_after_three_wrong_codes_even_the_right_one_waits(client, two_factor, auditor, enrol, clock):
    device, _codes = enrol(auditor)
    wrong_codes(client, auditor, device, 3, clock)
    assert verify(client, code_for(device)).status_code == 200  # the code step again, not the admin
    device.refresh_from_db()
    assert device.throttling_failure_count == 3


def test_a_privacy_officer_lifts_the_wait_and_the_right_code_works(client, two_factor, auditor, privacy_officer,
                                                                    enrol, clock):
    device, _codes = enrol(auditor)
    wrong_codes(client, auditor, device, 3, clock)
    assert verify(client, code_for(device)).status_code == 200  # refused: still waiting
    client.logout()

    officer = Client()
    officer_device, _codes = enrol(privacy_officer)
    log_in_with_password(officer, privacy_officer.get_username())
    assert verify(officer, code_for(officer_device)).status_code == 302
    page = officer.get(reverse(CHANGELIST) + "?waiting=yes", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and auditor.username in page.content.decode()
    assert device.key not in page.content.decode()  # the secret is never shown
    response = officer.post(reverse(CHANGELIST), {"action": "lift_back_off", "_selected_action": [device.pk]},
                            HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert "Lifted the wait for 1 authenticator." in response.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 0
    assert LogEntry.objects.filter(object_id=str(device.pk), user=privacy_officer).exists()

    log_in_with_password(client, auditor.get_username())
    assert verify(client, code_for(device)).status_code == 302


def test_an_auditor_can_neither_see_nor_lift_anyone_s_wait(client, auditor, privacy_officer, enrol):
    device, _codes = enrol(privacy_officer)
    AuthenticatorBackOff.objects.filter(pk=device.pk).update(throttling_failure_count=5)
    client.force_login(auditor)
    assert client.get(reverse(CHANGELIST)).status_code == 403
    client.post(reverse(CHANGELIST), {"action": "lift_back_off", "_selected_action": [device.pk]})
    device.refresh_from_db()
    assert device.throttling_failure_count == 5
