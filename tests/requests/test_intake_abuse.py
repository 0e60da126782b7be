"""Abuse and bad input: the trap, rate limits in the database, one answer for every address, size limits."""

import os
import re
import subprocess
import sys

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

from requests import ratelimit
from requests.models import OutboxEmail, RateLimitBucket, RightsRequest, Status
from tests.databases import server_database_url
from tests.requests.intake_helpers import form_data, submit
from tests.requests.test_outbox import FlakyBackend

pytestmark = pytest.mark.django_db


def test_a_filled_in_trap_is_answered_like_success_but_nothing_is_saved_or_sent(
    client, organisation, django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = submit(client, website="https://spam.example")
    assert response.status_code == 302
    assert response["Location"] == reverse("requests:sent", args=[organisation.pk])
    assert RightsRequest.objects.count() == 0 and OutboxEmail.objects.count() == 0
    assert callbacks == [] and mail.outbox == []


def test_the_trap_is_hidden_from_people_by_the_style_sheet(client, organisation):
    html = client.get(reverse("requests:intake")).content.decode()
    assert re.search(r'<div class="intake-trap">\s*<label for="id_website">', html)
    assert 'tabindex="-1"' in re.search(r"<input[^>]*id=\"id_website\"", html)[0]
    from django.contrib.staticfiles import finders

    with open(finders.find("requests/intake.css"), encoding="utf-8") as css:
        assert ".intake-trap { display: none; }" in css.read()


def test_the_limit_per_address_answers_429_with_a_friendly_page(client, organisation, settings):
    settings.INTAKE_RATE_LIMIT_PER_IP = 2
    for n in range(2):
        assert submit(client, email=f"person{n}@example.net").status_code == 302
    with translation.override("en"):
        response = client.post(
            reverse("requests:intake"), form_data(email="person3@example.net"),
            REMOTE_ADDR="198.51.100.7", HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    html = response.content.decode()
    assert "<h1>Please wait a little</h1>" in html
    assert "personvern@verdifull.example" in html
    assert RightsRequest.objects.count() == 2
    assert submit(client, email="person4@example.net", remote_addr="203.0.113.9").status_code == 302


def test_invalid_submissions_count_against_the_address_too(client, organisation, settings):
    settings.INTAKE_RATE_LIMIT_PER_IP = 2
    for _ in range(2):
        assert client.post(reverse("requests:intake"), {"name": "x"}, REMOTE_ADDR="198.51.100.7").status_code == 200
    assert submit(client).status_code == 429


def test_the_limit_per_e_mail_address_holds_across_client_addresses(client, organisation, settings):
    settings.INTAKE_RATE_LIMIT_PER_EMAIL = 2
    for n in range(2):
        assert submit(client, remote_addr=f"198.51.100.{n}").status_code == 302
    assert submit(client, remote_addr="198.51.100.99", email="KARI.Nordmann@example.net").status_code == 429
    assert submit(client, remote_addr="198.51.100.99", email="someone.else@example.net").status_code == 302


def test_the_limit_per_e_mail_address_counts_one_mailbox_whatever_its_tag_or_case(client, organisation, settings):
    settings.INTAKE_RATE_LIMIT_PER_EMAIL = 2
    assert submit(client, remote_addr="198.51.100.1", email="kari+1@example.net").status_code == 302
    assert submit(client, remote_addr="198.51.100.2", email="Kari+shop@Example.NET").status_code == 302
    assert submit(client, remote_addr="198.51.100.3", email="KARI+3@example.net").status_code == 429
    assert submit(client, remote_addr="198.51.100.4", email="kari@example.net").status_code == 429
    assert submit(client, remote_addr="198.51.100.5", email="kari@example.org").status_code == 302
    # The address as typed is the one the request keeps and the confirmation goes to.
    assert set(RightsRequest.objects.values_list("requester_email", flat=True)) == {
        "kari+1@example.net", "Kari+shop@Example.NET", "kari@example.org",
    }


def test_a_mailbox_is_the_address_without_its_tag_case_folded():
    assert ratelimit.mailbox(" Kari+Test@Example.NET ") == "kari@example.net"
    assert ratelimit.mailbox("kari@example.net") == "kari@example.net"
    assert ratelimit.mailbox("+only@example.net") == "+only@example.net"


def test_the_window_closes_and_the_counters_are_purged(client, organisation, settings):
    import datetime

    import time_machine

    settings.INTAKE_RATE_LIMIT_PER_IP = 1
    start = datetime.datetime(2026, 3, 5, 10, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        assert submit(client, email="a@example.net").status_code == 302
        assert submit(client, email="b@example.net").status_code == 429
    with time_machine.travel(start + datetime.timedelta(hours=1), tick=False):
        assert submit(client, email="c@example.net").status_code == 302
        call_command("purge_requests")
    assert RateLimitBucket.objects.count() == 2, "the closed window's counters (address and e-mail) are gone"


def test_both_counters_are_raised_in_one_statement_and_either_refuses(django_assert_num_queries):
    counted = [("ip", "198.51.100.7", 3), ("email", "kari@example.net", 1)]
    with django_assert_num_queries(1):
        assert ratelimit.hit_each(counted, window_minutes=60).allowed
    assert sorted(RateLimitBucket.objects.values_list("hits", flat=True)) == [1, 1]
    assert not ratelimit.hit_each(counted, window_minutes=60).allowed  # the e-mail address is over its limit
    assert ratelimit.hit_each([("ip", "198.51.100.7", 3)], window_minutes=60).allowed  # the address is at 3 of 3
    assert not ratelimit.hit_each([("ip", "198.51.100.7", 3)], window_minutes=60).allowed


def test_the_counters_hold_no_address_in_the_clear(client, organisation):
    submit(client)
    keys = list(RateLimitBucket.objects.values_list("key", flat=True))
    assert len(keys) == 2
    for key in keys:
        assert re.fullmatch(r"[0-9a-f]{64}", key)
    assert not RateLimitBucket.objects.filter(key__contains="198.51").exists()


def test_the_answer_is_the_same_whether_or_not_the_address_is_known(client, organisation, make_request):
    make_request(requester_email="known@example.net")

    def answer(email: str, ip: str) -> tuple[int, str, str]:
        fresh = Client()
        response = submit(fresh, email=email, remote_addr=ip)
        page = fresh.get(response["Location"])
        return response.status_code, response["Location"], re.sub(r'value="[^"]+"', "", page.content.decode())

    assert answer("known@example.net", "198.51.100.1") == answer("unknown@example.net", "198.51.100.2")


def test_a_body_over_the_limit_is_refused_before_it_is_read(client, organisation, settings):
    settings.INTAKE_MAX_BODY_BYTES = 8 * 1024
    with translation.override("en"):
        response = client.post(
            reverse("requests:intake"), form_data(message="x" * 9000), HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 413
    assert "<h1>Your request is too long</h1>" in response.content.decode()
    assert RightsRequest.objects.count() == 0
    assert RateLimitBucket.objects.count() == 0


def test_the_form_refuses_a_post_without_the_csrf_token(organisation):
    response = Client(enforce_csrf_checks=True).post(reverse("requests:intake"), form_data())
    assert response.status_code == 403
    assert RightsRequest.objects.count() == 0


def test_nothing_is_half_saved_when_the_e_mail_cannot_be_queued(client, organisation, monkeypatch):
    from requests import emails

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(emails, "queue_confirmation", broken)
    client.raise_request_exception = False
    assert submit(client).status_code == 500
    assert RightsRequest.objects.count() == 0
    assert RightsRequest.history.count() == 0
    assert RightsRequest.rights.through.objects.count() == 0


def test_a_mail_server_that_is_down_loses_nothing(client, organisation, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.requests.test_outbox.FlakyBackend"
    FlakyBackend.failures_left = 1
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = submit(client)
    finally:
        FlakyBackend.failures_left = 0
    assert response.status_code == 302
    assert RightsRequest.objects.get().status == Status.AWAITING_CONFIRMATION
    email = OutboxEmail.objects.get()
    assert (email.is_sent, email.attempts) == (False, 1) and "SMTPServerDisconnected" in email.last_error
    with time_machine.travel(email.next_attempt_at):  # the worker retries once the back-off is over
        call_command("send_outbox")
    email.refresh_from_db()
    assert email.is_sent and len(mail.outbox) == 1


@pytest.mark.parametrize(("remote", "forwarded", "proxies", "counted_as"), [
    ("198.51.100.7", "", 0, "198.51.100.7"),
    ("198.51.100.7", "203.0.113.5", 0, "198.51.100.7"),  # no trusted proxy: the header is ignored
    ("10.0.0.2", "1.2.3.4, 203.0.113.5", 1, "203.0.113.5"),  # the address our proxy saw, not the client's claim
    ("2001:db8:1:2:aaaa::1", "", 0, "2001:db8:1:2::/64"),
    ("::ffff:198.51.100.7", "", 0, "198.51.100.7"),
])
def test_the_client_address_follows_the_lockout_rules(rf, settings, remote, forwarded, proxies, counted_as):
    settings.ROPA_TRUSTED_PROXY_COUNT = proxies
    request = rf.post("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert ratelimit.client_address(request) == counted_as


def test_two_addresses_in_one_ipv6_network_share_a_limit(client, organisation, settings):
    settings.INTAKE_RATE_LIMIT_PER_IP = 1
    assert submit(client, remote_addr="2001:db8:1:2::1", email="a@example.net").status_code == 302
    assert submit(client, remote_addr="2001:db8:1:2::ffff", email="b@example.net").status_code == 429


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a server database a second process can reach")
@pytest.mark.django_db(transaction=True)
def test_the_limits_hold_across_server_processes(settings):
    """Hits counted by another process (as by another gunicorn worker) count here too."""
    url = server_database_url()
    # A window of ten years, so the test never straddles two windows.
    hit = "ratelimit.hit('ip', '198.51.100.7', limit=3, window_minutes=5_256_000)"
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", f"from requests import ratelimit\nfor _ in range(3): {hit}"],
        env={**os.environ, "DATABASE_URL": url, "SECRET_KEY": settings.SECRET_KEY, "DEBUG": "1"},
        cwd=django_settings.BASE_DIR, check=True, timeout=120,
    )
    verdict = ratelimit.hit("ip", "198.51.100.7", limit=3, window_minutes=5_256_000)
    assert not verdict.allowed
    assert RateLimitBucket.objects.get().hits == 4
