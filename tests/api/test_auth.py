"""Tokens: only a hash is kept; an unknown, expired or revoked token is refused (401); a read-only token writes
nothing (403); each use is noted; the admin and the command show a new token once."""

import datetime
import hashlib

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ropa.models import ApiToken, ProcessingActivity
from tests.api.conftest import api, make_token


def test_only_the_hash_of_the_secret_is_stored(alpha_token):
    token, secret = alpha_token
    stored = ApiToken.objects.values().get(pk=token.pk)
    assert not any(secret in str(value) or secret.split("_")[-1] in str(value) for value in stored.values())
    assert stored["secret_hash"] == hashlib.sha256(secret.split("_", 2)[2].encode()).hexdigest()
    assert secret.startswith(f"ropa_{token.lookup}_")


def test_it_answers_401_without_a_token_and_says_how_to_authenticate(alpha):
    response = Client().get("/api/v1/activities/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_browser_session_reaches_no_data_endpoint(client, alpha, alpha_officer):
    client.force_login(alpha_officer)
    assert client.get("/api/v1/activities/").status_code == 401


@pytest.mark.parametrize("presented", [
    "ropa_00000000_nothing", "not-a-token", "ropa_short", "ropa_æøå_x",
])
def test_it_refuses_a_token_it_never_made(alpha, alpha_token, presented):
    assert api(presented).get("/api/v1/activities/").status_code == 401


def test_it_refuses_a_wrong_secret_for_a_real_lookup(alpha_token):
    token, _secret = alpha_token
    assert api(f"ropa_{token.lookup}_guessed").get("/api/v1/activities/").status_code == 401


def test_it_refuses_an_expired_token(alpha_officer):
    _token, secret = make_token(alpha_officer, expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = api(secret).get("/api/v1/activities/")
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_it_refuses_a_revoked_token(alpha_token):
    token, secret = alpha_token
    token.revoke()
    response = api(secret).get("/api/v1/activities/")
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_a_read_only_token_reads_but_writes_nothing(alpha, alpha_officer):
    _token, secret = make_token(alpha_officer, read_only=True)
    client = api(secret)
    assert client.get("/api/v1/activities/").status_code == 200
    response = client.post("/api/v1/activities/", {"organisation": alpha.organisation.pk, "name": "New"},
                           content_type="application/json")
    assert response.status_code == 403
    assert response.json()["detail"] == "This token is read only."
    assert not ProcessingActivity.objects.filter(name="New").exists()


def test_each_use_is_noted_as_last_used(alpha_token):
    token, secret = alpha_token
    assert token.last_used_at is None
    api(secret).get("/api/v1/activities/")
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert timezone.now() - token.last_used_at < datetime.timedelta(minutes=1)


def test_the_command_prints_a_working_token_once(alpha_officer, capsys):
    call_command("create_api_token", "alpha-officer", "--name", "Shop", "--read-only", "--vouch", "--expires", "30")
    printed = capsys.readouterr().out.strip()
    token = ApiToken.objects.get(name="Shop")
    assert token.read_only and token.may_vouch
    assert token.expires_at.date() == (timezone.now() + datetime.timedelta(days=30)).date()
    assert printed.startswith(f"ropa_{token.lookup}_") and token.matches(printed.split("_", 2)[2])
    assert api(printed).get("/api/v1/activities/").status_code == 200


def test_the_admin_shows_a_new_token_once_and_revokes_it(admin_client, alpha_officer):
    response = admin_client.post(reverse("admin:ropa_apitoken_add"), {
        "user": alpha_officer.pk, "name": "Platform", "read_only": "on",
    }, follow=True)
    token = ApiToken.objects.get(name="Platform")
    shown = [str(message) for message in response.context["messages"]]
    secret = next(word for text in shown for word in text.split() if word.startswith("ropa_"))
    assert token.matches(secret.split("_", 2)[2])
    assert secret not in admin_client.get(reverse("admin:ropa_apitoken_change", args=[token.pk])).content.decode()
    admin_client.post(reverse("admin:ropa_apitoken_changelist"), {
        "action": "revoke", "_selected_action": [token.pk],
    })
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api(secret).get("/api/v1/activities/").status_code == 401
