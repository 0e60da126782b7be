"""The private status link: status, deadline and any extension, and nothing that names the requester."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from requests import services
from requests.intake.tokens import status_token
from requests.models import RightsRequest
from tests.requests.intake_helpers import confirmation_link, status_link, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def confirmed(client, organisation, django_capture_on_commit_callbacks) -> RightsRequest:
    with django_capture_on_commit_callbacks(execute=True):
        submit(client)
        client.post(confirmation_link())
    return RightsRequest.objects.get()


def show(client, link: str):
    with translation.override("en"):
        return client.get(link, HTTP_ACCEPT_LANGUAGE="en")


def test_it_shows_status_and_deadline_and_nothing_personal(client, confirmed):
    response = show(client, status_link())
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>Request {confirmed.reference}</h1>" in html
    assert '<dd id="intake-status">Received</dd>' in html
    with translation.override("en"):
        assert f'<dd id="intake-deadline">{date_format(confirmed.deadline, "DATE_FORMAT")}</dd>' in html
    assert 'id="intake-extension"' not in html
    for personal in ["Kari", "Nordmann", "example.net", "912 34 567", "C-7731", "erase my account", "Erasure"]:
        assert personal not in html, personal
    assert "no-store" in response["Cache-Control"] and response["Referrer-Policy"] == "no-referrer"


def test_it_shows_an_extension_with_the_original_deadline(client, confirmed):
    """Art. 12(3): extended by two further months; the requester sees the new and the original date."""
    confirmed.received = datetime.date(2026, 3, 5)
    confirmed.save()
    services.extend(confirmed, "Several systems must be searched", told_on=datetime.date(2026, 3, 20),
                    today=datetime.date(2026, 3, 20))
    html = show(client, status_link()).content.decode()
    assert '<dd id="intake-deadline">June 5, 2026</dd>' in html
    assert ('<dd id="intake-extension">On March 20, 2026 the deadline was extended by two months; '
            "it was originally April 7, 2026.</dd>") in html
    assert "Several systems" not in html


def test_a_closed_request_shows_when_it_was_closed(client, confirmed):
    confirmed.withdraw(comment="The customer changed her mind")
    html = show(client, status_link()).content.decode()
    assert '<dd id="intake-status">Withdrawn</dd>' in html
    assert 'id="intake-closed"' in html and 'id="intake-deadline"' not in html
    assert "changed her mind" not in html


def test_a_tampered_status_link_shows_a_helpful_page(client, confirmed):
    link = status_link()
    for bad in [link.replace("/status/", "/status/9"), link[:-5] + "xxxx/", reverse("requests:status", args=["x"])]:
        response = show(client, bad)
        assert response.status_code == 404
        assert 'id="intake-problem-unknown"' in response.content.decode()


def test_a_status_link_stops_working_when_its_key_changes_or_the_request_is_purged(client, confirmed):
    link = status_link()
    confirmed.status_key = "another-key"
    confirmed.save()
    assert show(client, link).status_code == 404
    assert show(client, reverse("requests:status", args=[status_token(confirmed)])).status_code == 200
    link = reverse("requests:status", args=[status_token(confirmed)])
    confirmed.delete()
    assert show(client, link).status_code == 404


def test_the_status_page_uses_few_queries(client, confirmed, django_assert_max_num_queries):
    link = status_link()
    with django_assert_max_num_queries(1):
        show(client, link)
