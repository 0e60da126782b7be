"""Odd requests answer 4xx, never 500 (issue 16.7): an undecodable form body, ids beyond 64 bits."""

import pytest
from django.test import Client
from django.urls import reverse

from requests.models import RightsRequest
from tests.requests.intake_helpers import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_errors(settings):
    """Error pages as production serves them: DEBUG off, CSRF enforced, exceptions turned into responses."""
    settings.DEBUG = False
    return Client(raise_request_exception=False, enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.parametrize("url_name", ["requests:intake_for", "admin:login"])
def test_a_form_posted_in_utf16_is_a_bad_request_not_a_server_error(production_errors, organisation, url_name):
    """Django's own 400 view is CSRF-protected, so it read the body again and failed with a 500."""
    client = production_errors
    url = reverse(url_name, args=[organisation.pk]) if url_name.startswith("requests") else reverse(url_name)
    client.get(url)
    token = client.cookies["csrftoken"].value
    response = client.post(url, data=f"csrfmiddlewaretoken={token}&name=Kari&email=kari@example.net",
                           content_type="application/x-www-form-urlencoded; charset=utf-16")
    assert response.status_code == 400
    assert b"Bad request" in response.content


def test_the_bad_request_page_speaks_norwegian(production_errors, organisation):
    client = Client(raise_request_exception=False, enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="nb")
    url = reverse("requests:intake_for", args=[organisation.pk])
    client.get(url)
    response = client.post(url, data=f"csrfmiddlewaretoken={client.cookies['csrftoken'].value}",
                           content_type="application/x-www-form-urlencoded; charset=utf-16")
    assert response.status_code == 400
    assert "Ugyldig forespørsel" in response.content.decode()


@pytest.mark.parametrize("value", ["99999999999999999999999", "-1", "1e5", "٣"])
def test_a_right_that_is_no_id_is_refused_on_the_form(settings, organisation, value):
    settings.DEBUG = False
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en")
    response = client.post(reverse("requests:intake_for", args=[organisation.pk]),
                                      form_data(rights=[value]), REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 200  # the form again, with its error
    assert b"is not a valid value" in response.content
    assert not RightsRequest.objects.exists()


@pytest.mark.parametrize("path", ["/request/99999999999999999999999/", "/request/99999999999999999999999/privacy/",
                                  "/record/dpa/99999999999999999999999/document/",
                                  "/privacy/99999999999999999999999/"])
def test_an_id_beyond_64_bits_in_a_path_is_not_found(production_errors, organisation, path):
    assert production_errors.get(path).status_code == 404
