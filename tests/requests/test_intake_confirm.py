"""The confirmation link: signed, single-use, expiring; following it makes the request received."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from requests.intake.tokens import confirmation_token
from requests.models import OutboxEmail, RightsRequest, Status
from tests.requests.intake_helpers import confirmation_link, status_link, submit

pytestmark = pytest.mark.django_db

SENT_AT = datetime.datetime(2026, 3, 5, 14, 0, tzinfo=datetime.UTC)


@pytest.fixture
def submitted(client, organisation, django_capture_on_commit_callbacks) -> RightsRequest:
    with time_machine.travel(SENT_AT, tick=False), django_capture_on_commit_callbacks(execute=True):
        submit(client)
    return RightsRequest.objects.get()


def follow(client, link: str, *, at: datetime.datetime, capture):
    """Open the link, then press its one button (the POST that confirms)."""
    with time_machine.travel(at, tick=False), capture(execute=True), translation.override("en"):
        page = client.get(link, HTTP_ACCEPT_LANGUAGE="en")
        if page.status_code != 200:
            return page
        return client.post(link, HTTP_ACCEPT_LANGUAGE="en")


def test_opening_the_link_does_not_confirm_so_a_mail_scanner_cannot_spend_it(
    client, submitted, django_capture_on_commit_callbacks,
):
    """A GET shows one button that POSTs; any number of GETs leave the request unconfirmed and the link usable."""
    link = confirmation_link()
    for _ in range(3):
        with time_machine.travel(SENT_AT, tick=False):
            page = client.get(link, HTTP_ACCEPT_LANGUAGE="en")
        assert page.status_code == 200
    html = page.content.decode()
    assert '<form method="post" id="intake-confirm">' in html and 'name="csrfmiddlewaretoken"' in html
    assert submitted.reference not in html
    assert page["Referrer-Policy"] == "same-origin", "the link never goes to another site as a referrer"
    request = RightsRequest.objects.get()
    assert (request.status, request.email_confirmed_at) == (Status.AWAITING_CONFIRMATION, None)
    assert not OutboxEmail.objects.filter(kind=OutboxEmail.Kind.RECEIPT).exists()
    assert follow(client, link, at=SENT_AT, capture=django_capture_on_commit_callbacks).status_code == 200
    assert RightsRequest.objects.get().status == Status.RECEIVED


def test_the_confirming_post_needs_the_pages_csrf_token(submitted):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    with time_machine.travel(SENT_AT, tick=False):
        assert strict.post(confirmation_link()).status_code == 403
    assert RightsRequest.objects.get().status == Status.AWAITING_CONFIRMATION


def test_a_post_with_an_expired_link_is_refused(client, submitted):
    with time_machine.travel(SENT_AT + datetime.timedelta(hours=49), tick=False):
        response = client.post(confirmation_link())
    assert response.status_code == 410
    assert RightsRequest.objects.get().status == Status.AWAITING_CONFIRMATION


def test_following_the_link_confirms_the_address_and_shows_reference_and_deadline(
    client, submitted, mailoutbox, django_capture_on_commit_callbacks,
):
    """Received stays the day the form was sent (Art. 12(3)); the deadline is the reference's example."""
    response = follow(
        client, confirmation_link(), at=SENT_AT + datetime.timedelta(days=1),
        capture=django_capture_on_commit_callbacks,
    )
    assert response.status_code == 200
    html = response.content.decode()
    request = RightsRequest.objects.get()
    assert request.status == Status.RECEIVED
    assert request.received == datetime.date(2026, 3, 5)
    assert request.email_confirmed_at == SENT_AT + datetime.timedelta(days=1)
    assert f'<dd id="intake-reference">{request.reference}</dd>' in html
    assert '<dd id="intake-deadline">April 7, 2026</dd>' in html
    entry = request.status_changes.last()
    assert (entry.from_status, entry.to_status) == (Status.AWAITING_CONFIRMATION, Status.RECEIVED)
    assert entry.changed_by is None
    assert entry.comment


def test_it_sends_a_receipt_with_a_private_status_link(
    client, submitted, mailoutbox, django_capture_on_commit_callbacks,
):
    follow(client, confirmation_link(), at=SENT_AT, capture=django_capture_on_commit_callbacks)
    receipt = OutboxEmail.objects.get(kind=OutboxEmail.Kind.RECEIPT)
    assert receipt.is_sent and receipt.recipient == "kari.nordmann@example.net"
    assert receipt.subject == f"We have received your request ({submitted.reference})"
    assert status_link(receipt).startswith("/request/status/")
    assert [m.subject for m in mailoutbox][-1] == receipt.subject


def test_the_link_works_once(client, submitted, django_capture_on_commit_callbacks):
    link = confirmation_link()
    follow(client, link, at=SENT_AT, capture=django_capture_on_commit_callbacks)
    response = follow(client, link, at=SENT_AT, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 410
    html = response.content.decode()
    assert 'id="intake-problem-used"' in html
    assert "already been used" in html
    assert submitted.reference not in html
    assert OutboxEmail.objects.filter(kind=OutboxEmail.Kind.RECEIPT).count() == 1


def test_an_expired_link_is_refused_and_the_request_stays_unconfirmed(
    client, submitted, django_capture_on_commit_callbacks,
):
    response = follow(
        client, confirmation_link(), at=SENT_AT + datetime.timedelta(hours=48, seconds=1),
        capture=django_capture_on_commit_callbacks,
    )
    assert response.status_code == 410
    assert 'id="intake-problem-expired"' in response.content.decode()
    assert RightsRequest.objects.get().status == Status.AWAITING_CONFIRMATION


def test_the_link_still_works_just_before_it_expires(client, submitted, django_capture_on_commit_callbacks):
    response = follow(
        client, confirmation_link(), at=SENT_AT + datetime.timedelta(hours=47, minutes=59),
        capture=django_capture_on_commit_callbacks,
    )
    assert response.status_code == 200


def test_the_lifetime_is_a_setting(client, submitted, settings, django_capture_on_commit_callbacks):
    settings.INTAKE_CONFIRMATION_HOURS = 1
    response = follow(
        client, confirmation_link(), at=SENT_AT + datetime.timedelta(hours=2),
        capture=django_capture_on_commit_callbacks,
    )
    assert response.status_code == 410


@pytest.mark.parametrize("tamper", [
    lambda link: link.replace("/confirm/", "/confirm/9"),   # another request's id
    lambda link: link[:-3] + ("AAA/" if not link.endswith("AAA/") else "BBB/"),  # a changed signature
    lambda link: link.split(":")[0] + "/",                  # the signature cut off
])
def test_a_tampered_link_is_refused_with_a_helpful_page(client, submitted, tamper, django_capture_on_commit_callbacks):
    response = follow(client, tamper(confirmation_link()), at=SENT_AT, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="intake-problem-tampered"' in html
    assert f'href="{reverse("requests:intake")}"' in html
    assert RightsRequest.objects.get().status == Status.AWAITING_CONFIRMATION


def test_a_link_signed_for_another_purpose_is_refused(client, submitted, django_capture_on_commit_callbacks):
    """A status link's token never confirms (each kind of link is signed with its own salt)."""
    from requests.intake.tokens import status_token

    link = reverse("requests:confirm", args=[status_token(submitted)])
    response = follow(client, link, at=SENT_AT, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 400


def test_a_link_whose_request_was_purged_counts_as_expired(client, submitted, django_capture_on_commit_callbacks):
    link = confirmation_link()
    submitted.delete()
    response = follow(client, link, at=SENT_AT, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 410
    assert 'id="intake-problem-expired"' in response.content.decode()


def test_a_request_a_handler_already_confirmed_refuses_the_link(
    client, submitted, django_capture_on_commit_callbacks,
):
    submitted.confirm_email(comment="Confirmed on the phone")
    response = follow(client, confirmation_link(), at=SENT_AT, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 410
    assert OutboxEmail.objects.filter(kind=OutboxEmail.Kind.RECEIPT).count() == 0


def test_only_the_latest_secret_counts(client, submitted, django_capture_on_commit_callbacks):
    old_link = confirmation_link()
    # save() refuses to replace a secret (requests/models/rights_requests.py, forward only); the link check must
    # still compare with the stored secret, whatever wrote it.
    RightsRequest.objects.filter(pk=submitted.pk).update(confirmation_nonce="a-new-secret")
    submitted.refresh_from_db()
    response = follow(client, old_link, at=SENT_AT, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 410
    fresh = reverse("requests:confirm", args=[confirmation_token(submitted)])
    assert follow(client, fresh, at=SENT_AT, capture=django_capture_on_commit_callbacks).status_code == 200


def test_link_pages_are_never_cached_or_indexed_and_leak_no_referrer(
    client, submitted, django_capture_on_commit_callbacks,
):
    response = follow(client, confirmation_link(), at=SENT_AT, capture=django_capture_on_commit_callbacks)
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert 'class="ropa-language-switch"' not in response.content.decode(), "switching would reuse the link"


def test_links_use_the_configured_public_address(client, organisation, settings, django_capture_on_commit_callbacks):
    settings.INTAKE_BASE_URL = "https://personvern.verdifull.example"
    with django_capture_on_commit_callbacks(execute=True):
        submit(client)
    body = OutboxEmail.objects.get().body
    assert "https://personvern.verdifull.example/request/confirm/" in body
    assert "testserver" not in body


def test_confirming_is_atomic(client, submitted, monkeypatch, django_capture_on_commit_callbacks):
    """If the receipt cannot be written, the request stays unconfirmed and the link stays usable."""
    from requests import emails

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(emails, "queue_receipt", broken)
    client.raise_request_exception = False
    response = follow(client, confirmation_link(), at=SENT_AT, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 500
    request = RightsRequest.objects.get()
    assert (request.status, request.email_confirmed_at) == (Status.AWAITING_CONFIRMATION, None)
    assert request.confirmation_nonce
