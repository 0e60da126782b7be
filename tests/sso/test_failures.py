"""Every refused sign-in: a page in the person's language that says why, a log line an operator can act on with no
personal data in it, a failure the lockout and the log of logins count, and nothing created (Art. 32(1)(b))."""

import logging
import time

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth.models import User
from django.urls import reverse
from joserfc.jwk import RSAKey

from ropa.models import Membership, SsoIdentity
from tests.sso.conftest import answer_with, sign_in

SHOP_EMAIL = "kari@shop.example"


def nothing_created() -> bool:
    return not User.objects.exists() and not SsoIdentity.objects.exists() and not Membership.objects.exists()


def a_good_token(shop):
    return lambda nonce: shop.sign(shop.claims(nonce))


def test_a_good_token_from_the_shop_signs_in(client, shop):
    """The control for every refusal below: the same shop, a token nobody tampered with."""
    response, _state = answer_with(client, shop, a_good_token(shop))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert Membership.objects.get(user__username=SHOP_EMAIL).role == "officer"


OTHER_KEY = RSAKey.generate_key(2048, parameters={"kid": "shop-1"})  # the shop's kid, an attacker's key
NOW = int(time.time())

REFUSALS = {
    "tampered signature": (lambda shop, nonce: shop.sign(shop.claims(nonce), key=OTHER_KEY),
                           "token_invalid", "its signature does not match"),
    "payload changed after signing": (
        lambda shop, nonce: _swap_payload(shop.sign(shop.claims(nonce)), shop.sign(shop.claims(nonce, groups=["x"]))),
        "token_invalid", "its signature does not match"),
    "wrong audience": (lambda shop, nonce: shop.sign(shop.claims(nonce, aud="another-app")),
                       "audience_mismatch", "meant for another application"),
    "wrong issuer": (lambda shop, nonce: shop.sign(shop.claims(nonce, iss="https://evil.example")),
                     "issuer_mismatch", "another issuer"),
    "expired": (lambda shop, nonce: shop.sign(shop.claims(nonce, iat=int(time.time()) - 900,
                                                           exp=int(time.time()) - 600)),
                "token_expired", "has expired"),
    "clock skew": (lambda shop, nonce: shop.sign(shop.claims(nonce, iat=int(time.time()) + 600,
                                                              exp=int(time.time()) + 900)),
                   "clock_skew", "clocks of ropa and the identity provider disagree"),
    "another session's nonce": (lambda shop, nonce: shop.sign(shop.claims("not-this-sessions-nonce")),
                                "nonce_mismatch", "does not belong to this browser session"),
    "no e-mail claim": (lambda shop, nonce: shop.sign(shop.claims(nonce, email=None)),
                        "email_missing", "must send the email claim"),
    "unmapped group": (lambda shop, nonce: shop.sign(shop.claims(nonce, groups=["cantina"])),
                       "unmapped", "none of your groups"),
    "not a token": (lambda shop, nonce: "not.a.token", "token_invalid", "its signature does not match"),
}


def _swap_payload(signed: str, other: str) -> str:
    header, _payload, signature = signed.split(".")
    return ".".join([header, other.split(".")[1], signature])


@pytest.mark.parametrize("case", REFUSALS, ids=list(REFUSALS))
def test_each_bad_token_is_refused_with_a_reason_and_nothing_is_created(client, shop, caplog, case):
    make, code, words = REFUSALS[case]
    with caplog.at_level(logging.WARNING, logger="ropa.sso"):
        response, _state = answer_with(client, shop, lambda nonce: make(shop, nonce))
    assert response.status_code in (400, 403)
    assert words in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert nothing_created()
    lines = [record.getMessage() for record in caplog.records if record.name == "ropa.sso"]
    assert any(f"refused: {code}" in line for line in lines), lines
    assert not any("kari" in line or "shop-user-1" in line or "eyJ" in line for line in lines)  # no person, no token
    assert AccessFailureLog.objects.count() == 1  # the log of logins has the failure


def test_a_replayed_state_is_refused_and_signs_nobody_in(client, shop):
    first, state = answer_with(client, shop, a_good_token(shop))
    assert first.status_code == 302
    client.logout()
    client.cookies["django_language"] = "en"  # logging out empties the test client's cookies
    again = client.get(reverse("sso:callback"), {"code": "any", "state": state})
    assert again.status_code == 400 and b"already been used" in again.content
    assert "_auth_user_id" not in client.session


def test_a_state_from_another_browser_is_refused_and_nothing_is_created(client, shop):
    response = client.get(reverse("sso:callback"), {"code": "any", "state": "made-up"})
    assert response.status_code == 400 and b"already been used" in response.content
    assert nothing_created()


def test_a_sign_in_started_too_long_ago_is_refused(client, shop):
    client.get(reverse("sso:start", args=[shop.provider.key]))
    session = client.session
    state, pending = next(iter(session["sso_pending"].items()))
    pending["started"] -= 3600
    session.save()
    shop.id_token = shop.sign(shop.claims(pending["nonce"]))
    response = client.get(reverse("sso:callback"), {"code": "any", "state": state})
    assert response.status_code == 400 and b"already been used or has expired" in response.content
    assert nothing_created()


def test_a_wrong_client_secret_is_named_as_such(client, shop, caplog):
    shop.token_status = 401
    with caplog.at_level(logging.WARNING, logger="ropa.sso"):
        response, _state = answer_with(client, shop, a_good_token(shop))
    assert response.status_code == 400
    assert b"did not accept ropa&#x27;s client ID or secret" in response.content
    assert "refused: client_rejected" in caplog.text and "shop-secret" not in caplog.text
    assert nothing_created()


def test_a_discovery_document_for_another_issuer_is_refused(client, shop):
    shop.discovery_issuer = "https://login.example/other-tenant/v2.0"
    response = client.get(reverse("sso:start", args=[shop.provider.key]))
    assert response.status_code == 400 and b"another issuer than the one ropa is set up for" in response.content


def test_an_unreachable_provider_is_said_so(client, shop):
    shop.provider.issuer = "http://127.0.0.1:1"  # nothing listens there
    shop.provider.save()
    response = client.get(reverse("sso:start", args=[shop.provider.key]))
    assert response.status_code == 400 and b"could not reach the identity provider" in response.content


def test_the_provider_saying_no_is_refused_and_not_a_500(client, shop):
    client.get(reverse("sso:start", args=[shop.provider.key]))
    state = next(iter(client.session["sso_pending"]))
    response = client.get(reverse("sso:callback"), {"error": "access_denied", "state": state})
    assert response.status_code == 400 and b"did not sign you in" in response.content


def test_a_rotated_key_is_fetched_once_and_an_unknown_one_is_refused(client, shop):
    answer_with(client, shop, a_good_token(shop))  # keys cached
    client.logout()
    assert shop.jwks_fetches == 1
    rotated = RSAKey.generate_key(2048, parameters={"kid": "shop-2", "alg": "RS256", "use": "sig"})
    shop.published = [shop.key, rotated]
    response, _state = answer_with(client, shop, lambda nonce: shop.sign(shop.claims(nonce), key=rotated))
    assert response.status_code == 302 and shop.jwks_fetches == 2  # unknown kid: the key set fetched again
    client.logout()
    stranger = RSAKey.generate_key(2048, parameters={"kid": "nobody-knows", "alg": "RS256"})
    response, _state = answer_with(client, shop, lambda nonce: shop.sign(shop.claims(nonce), key=stranger))
    assert response.status_code == 400 and shop.jwks_fetches == 3


def test_the_discovery_document_and_keys_are_cached_between_sign_ins(client, shop):
    for _ in range(3):
        answer_with(client, shop, a_good_token(shop))
        client.logout()
    assert shop.jwks_fetches == 1


def test_failed_sign_ins_count_in_the_lockout_like_password_failures(client, shop, settings):
    settings.AXES_FAILURE_LIMIT = 3
    statuses = [answer_with(client, shop, lambda nonce: shop.sign(shop.claims(nonce, aud="another-app")))[0]
                .status_code for _ in range(3)]
    assert statuses == [400, 400, 429] and AccessAttempt.objects.get().failures_since_start == 3
    response = client.get(reverse("sso:start", args=[shop.provider.key]))
    assert response.status_code == 429  # locked out: the provider's button waits out the cool-off
    assert "_auth_user_id" not in client.session and nothing_created()


def test_a_locked_out_person_cannot_sign_in_through_the_provider(client, provider, set_claims, settings):
    """Password failures for an address lock its single sign-on too: one lockout, however she comes in."""
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        client.post(reverse("admin:login"), {"username": "kim@nordlys.example", "password": "wrong"})
    set_claims("kim", email="kim@nordlys.example", groups=["ropa-officers"])
    response = sign_in(client, provider, "kim")
    assert response.status_code == 429 and not User.objects.filter(username="kim@nordlys.example").exists()
