"""Lockout after repeated failed logins (per user name and address), the client address behind a proxy,
and the log of logins that privacy officers read (Art. 32(1)(d): test and evaluate the measures)."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from ropa.security.client_ip import client_ip
from tests.security.conftest import PASSWORD, code_for, log_in_with_password, verify

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def attempt(client, username: str, password: str, address: str = "192.0.2.10", **headers):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"},
                       REMOTE_ADDR=address, **headers)


def fail(client, username: str, times: int, address: str = "192.0.2.10", **headers) -> None:
    """Wrong passwords: the form answers each one, the last one with the lockout page if it reaches the limit."""
    for number in range(1, times + 1):
        response = attempt(client, username, "wrong-password", address, **headers)
        assert response.status_code == (429 if number >= settings.AXES_FAILURE_LIMIT else 200)


def test_five_wrong_passwords_lock_the_user_name_out_even_with_the_right_one(client, privacy_officer):
    fail(client, "officer", settings.AXES_FAILURE_LIMIT - 1)
    assert attempt(client, "officer", "wrong-password").status_code == 429
    response = attempt(client, "officer", PASSWORD, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert b"Too many failed login attempts" in response.content
    assert b"Try again in 30 minutes" in response.content
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_still_let_the_right_one_in(client, privacy_officer):
    fail(client, "officer", settings.AXES_FAILURE_LIMIT - 1)
    assert attempt(client, "officer", PASSWORD).status_code == 302


def test_the_lock_holds_that_user_name_from_that_address_only(client, privacy_officer, auditor):
    """Per user name and address: a guesser cannot lock a colleague out from elsewhere in the office's name."""
    fail(client, "officer", settings.AXES_FAILURE_LIMIT)
    assert attempt(client, "officer", PASSWORD, address="198.51.100.20").status_code == 302
    client.logout()
    assert attempt(client, "auditor", PASSWORD).status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, privacy_officer):
    fail(client, "officer", settings.AXES_FAILURE_LIMIT)
    assert attempt(client, "officer", PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + datetime.timedelta(minutes=1)):
        assert attempt(client, "officer", PASSWORD).status_code == 302


def test_wrong_codes_count_as_failed_logins_and_lock_out(client, two_factor, privacy_officer, enrol):
    device, _codes = enrol(privacy_officer)
    log_in_with_password(client, "officer")
    wrong = f"{(int(code_for(device)) + 500_000) % 1_000_000:06d}"
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert verify(client, wrong).status_code == 200
    response = verify(client, wrong)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session  # logged out: the password step must be done again
    assert attempt(client, "officer", PASSWORD).status_code == 429
    failures = AccessFailureLog.objects.filter(username="officer")
    assert failures.filter(path_info=reverse("security:verify")).count() == settings.AXES_FAILURE_LIMIT


def test_neither_password_nor_code_is_written_into_the_attempt_log(client, two_factor, privacy_officer, enrol):
    device, _codes = enrol(privacy_officer)
    attempt(client, "officer", "my-secret-guess")
    log_in_with_password(client, "officer")
    verify(client, "987654")
    posted = " ".join(AccessAttempt.objects.values_list("post_data", flat=True))
    assert "my-secret-guess" not in posted
    assert "987654" not in posted
    assert "csrfmiddlewaretoken=" not in posted or "csrfmiddlewaretoken=****" in posted


def test_failed_and_successful_logins_are_recorded(client, privacy_officer):
    attempt(client, "officer", "wrong-password", address="203.0.113.9")
    attempt(client, "officer", PASSWORD, address="203.0.113.9")
    assert AccessFailureLog.objects.get().username == "officer"
    success = AccessLog.objects.get()
    assert (success.username, success.ip_address) == ("officer", "203.0.113.9")
    client.post(reverse("admin:logout"), REMOTE_ADDR="203.0.113.9")
    success.refresh_from_db()
    assert success.logout_time is not None


def test_privacy_officers_read_the_log_of_logins_but_cannot_change_it(client, officer_client, privacy_officer, auditor):
    """Of their own workspace's people: a colleague who forgot the password (issue 23)."""
    attempt(client, "auditor", "wrong-password", address="203.0.113.7")
    log = AccessFailureLog.objects.get()
    attempt_row = AccessAttempt.objects.get()
    for name in ("axes_accessfailurelog_changelist", "axes_accessattempt_changelist", "axes_accesslog_changelist"):
        response = officer_client.get(reverse(f"admin:{name}"))
        assert response.status_code == 200
    assert b"auditor" in officer_client.get(reverse("admin:axes_accessfailurelog_changelist")).content
    page = officer_client.get(reverse("admin:axes_accessfailurelog_change", args=[log.pk]))
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    delete = reverse("admin:axes_accessattempt_delete", args=[attempt_row.pk])
    assert officer_client.post(delete, {"post": "yes"}).status_code == 403
    assert AccessAttempt.objects.filter(pk=attempt_row.pk).exists()


def test_auditors_and_request_handlers_do_not_see_the_log_of_logins(client, auditor, request_handler):
    for user in (auditor, request_handler):
        client.force_login(user)
        assert client.get(reverse("admin:axes_accesslog_changelist")).status_code == 403


class TestClientAddress:
    """Behind N trusted proxies the client is the N-th X-Forwarded-For address from the right."""

    def request(self, remote: str, forwarded: str | None = None):
        headers = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            headers["HTTP_X_FORWARDED_FOR"] = forwarded
        return RequestFactory().get("/", **headers)

    def test_without_a_proxy_the_header_is_ignored(self, settings):
        settings.ROPA_TRUSTED_PROXY_COUNT = 0
        assert client_ip(self.request("203.0.113.5", "198.51.100.1")) == "203.0.113.5"

    def test_behind_one_proxy_the_address_it_saw_is_used(self, settings):
        settings.ROPA_TRUSTED_PROXY_COUNT = 1
        assert client_ip(self.request("10.0.0.2", "203.0.113.5")) == "203.0.113.5"

    def test_an_address_the_client_made_up_is_ignored(self, settings):
        settings.ROPA_TRUSTED_PROXY_COUNT = 1
        assert client_ip(self.request("10.0.0.2", "198.51.100.66, 203.0.113.5")) == "203.0.113.5"

    def test_behind_two_proxies_the_second_address_from_the_right_is_used(self, settings):
        settings.ROPA_TRUSTED_PROXY_COUNT = 2
        assert client_ip(self.request("10.0.0.3", "198.51.100.66, 203.0.113.5, 10.0.0.2")) == "203.0.113.5"

    def test_a_missing_or_garbled_header_falls_back_to_the_peer(self, settings):
        settings.ROPA_TRUSTED_PROXY_COUNT = 1
        assert client_ip(self.request("10.0.0.2")) == "10.0.0.2"
        assert client_ip(self.request("10.0.0.2", "not-an-address")) == "10.0.0.2"

    def test_lockout_behind_a_proxy_holds_the_client_not_the_proxy(self, client, privacy_officer, settings):
        settings.ROPA_TRUSTED_PROXY_COUNT = 1
        fail(client, "officer", settings.AXES_FAILURE_LIMIT, address="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5")
        assert AccessAttempt.objects.get().ip_address == "203.0.113.5"
        locked = attempt(client, "officer", PASSWORD, "10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5")
        assert locked.status_code == 429
        elsewhere = attempt(client, "officer", PASSWORD, "10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.8")
        assert elsewhere.status_code == 302

    def test_no_proxy_is_trusted_unless_configured_even_in_production(self, settings):
        """Issue 16.2: a default of 1 let anyone who reached gunicorn directly choose their address."""
        from tests.test_settings import PRODUCTION, run_manage

        script = "from django.conf import settings; print(settings.ROPA_TRUSTED_PROXY_COUNT)"
        unset = {key: value for key, value in PRODUCTION.items() if key != "TRUSTED_PROXY_COUNT"}
        assert run_manage("shell", "--no-imports", "-c", script, env=unset).stdout.strip() == "0"
        two = run_manage("shell", "--no-imports", "-c", script, env=PRODUCTION | {"TRUSTED_PROXY_COUNT": "2"})
        assert two.stdout.strip() == "2"
        assert settings.ROPA_TRUSTED_PROXY_COUNT == 0

    def test_a_promised_proxy_that_adds_nothing_is_logged_once(self, settings, caplog):
        from ropa.security import client_ip as module

        settings.ROPA_TRUSTED_PROXY_COUNT = 1
        module._warned = False
        with caplog.at_level("WARNING", logger="ropa.security.client_ip"):
            assert client_ip(self.request("203.0.113.9")) == "203.0.113.9"
            assert client_ip(self.request("203.0.113.9")) == "203.0.113.9"
        assert [record.getMessage().count("TRUSTED_PROXY_COUNT=1") for record in caplog.records] == [1]


def test_rotating_x_forwarded_for_does_not_escape_the_lockout_by_default(client, privacy_officer):
    """Issue 16.2: with the defaults, the header a client sends is not its address: 30 made-up ones still lock."""
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "officer", "wrong-password", "192.0.2.10", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
    locked = attempt(client, "officer", PASSWORD, "192.0.2.10", HTTP_X_FORWARDED_FOR="198.51.100.200")
    assert locked.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.10"}
