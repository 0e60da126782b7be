"""Single sign-on fixtures: a real OpenID provider (oidc-provider-mock) on 127.0.0.1, and a small one of our own
that hands out ID tokens a test signed itself (tampered, expired, for another audience...)."""

import json
import threading
import time
from urllib.parse import urlsplit

import httpx2
import pytest
from django.urls import reverse
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from werkzeug.serving import make_server

from ropa.models import OidcProvider, SsoMapping, Workspace
from ropa.sso import client as sso_client


@pytest.fixture(autouse=True)
def fresh_provider_cache():
    sso_client.forget_cache()
    yield
    sso_client.forget_cache()


@pytest.fixture(autouse=True)
def in_english(client):
    """The pages in English unless a test asks for another language (ropa's default is Norwegian)."""
    client.cookies["django_language"] = "en"


def _serve(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    return server, thread


@pytest.fixture(scope="session")
def mock_issuer():
    """oidc-provider-mock: discovery, JWKS, authorization page, token endpoint, end-session; users set by PUT."""
    from oidc_provider_mock import app

    server, thread = _serve(app(require_nonce=True))
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture
def set_claims(mock_issuer):
    def put(sub: str, **claims) -> None:
        response = httpx2.put(f"{mock_issuer}/users/{sub}", json=claims)
        assert response.status_code == 204, response.text

    return put


@pytest.fixture
def workspaces(db):
    return Workspace.objects.create(name="Fjord Consulting"), Workspace.objects.create(name="Nordlys AS")


@pytest.fixture
def provider(db, mock_issuer, workspaces):
    provider = OidcProvider.objects.create(
        name="Nordlys Entra", issuer=mock_issuer, client_id="ropa-test", client_secret="s3cret",
        button_label="Nordlys", email_domains="nordlys.example", mfa_acr_values="urn:nordlys:mfa",
    )
    fjord, nordlys = workspaces
    SsoMapping.objects.create(provider=provider, claim="groups", value="ropa-officers", workspace=nordlys,
                              role="officer")
    SsoMapping.objects.create(claim="groups", value="fjord-auditors", workspace=fjord, role="auditor")
    return provider


def sign_in(client, provider: OidcProvider, sub: str, **extra):
    """The whole flow as a browser runs it: ropa's start, the provider's page (choose the user), ropa's callback."""
    start = client.get(reverse("sso:start", args=[provider.key]), **extra)
    assert start.status_code == 302, start
    authorized = httpx2.post(start["Location"], data={"sub": sub}, follow_redirects=False)
    assert authorized.status_code == 302, authorized.text
    callback = urlsplit(authorized.headers["location"])
    return client.get(f"{callback.path}?{callback.query}", **extra)


class TokenShop:
    """An OpenID provider of our own: its discovery, a JWKS we choose, and a token endpoint that answers the ID
    token the test put on the counter (so a test can sign one with the wrong key, audience or times)."""

    def __init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": "shop-1", "alg": "RS256", "use": "sig"})
        self.published = [self.key]
        self.id_token = ""
        self.token_status = 200
        self.jwks_fetches = 0
        self.issuer = ""
        self.discovery_issuer = ""  # set: the discovery document names another issuer than the shop's address

    def claims(self, nonce: str, **changes) -> dict:
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": "shop-client", "sub": "shop-user-1", "iat": now, "exp": now + 300,
                  "nonce": nonce, "email": "kari@shop.example", "groups": ["shop-officers"]}
        claims.update(changes)
        return {name: value for name, value in claims.items() if value is not None}

    def sign(self, claims: dict, key: RSAKey | None = None) -> str:
        key = key or self.key
        return jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)

    def __call__(self, environ, start_response):
        path = environ["PATH_INFO"]
        if path == "/.well-known/openid-configuration":
            body, status = {
                "issuer": self.discovery_issuer or self.issuer, "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token", "jwks_uri": f"{self.issuer}/jwks",
            }, 200
        elif path == "/jwks":
            self.jwks_fetches += 1
            body, status = KeySet(self.published).as_dict(private=False), 200
        elif path == "/token":
            body = {"access_token": "at", "token_type": "Bearer", "expires_in": 86400 * 30, "id_token": self.id_token}
            status = self.token_status
            if status != 200:
                body = {"error": "invalid_client"}
        else:
            body, status = {"error": "not found"}, 404
        start_response(f"{status} X", [("Content-Type", "application/json")])
        return [json.dumps(body).encode()]


@pytest.fixture(scope="session")
def shop_server():
    shop = TokenShop()
    server, thread = _serve(shop)
    shop.issuer = f"http://127.0.0.1:{server.server_port}"
    yield shop
    server.shutdown()
    thread.join()


@pytest.fixture
def shop(shop_server, workspaces):
    shop_server.published = [shop_server.key]
    shop_server.token_status = 200
    shop_server.jwks_fetches = 0
    shop_server.discovery_issuer = ""
    provider = OidcProvider.objects.create(
        name="Shop", issuer=shop_server.issuer, client_id="shop-client", client_secret="shop-secret",
    )
    SsoMapping.objects.create(provider=provider, claim="groups", value="shop-officers", workspace=workspaces[1],
                              role="officer")
    shop_server.provider = provider
    return shop_server


def answer_with(client, shop: TokenShop, make_token, **extra):
    """Start a sign-in at the shop, put the token `make_token(nonce)` on the counter, come back to the callback."""
    start = client.get(reverse("sso:start", args=[shop.provider.key]), **extra)
    assert start.status_code == 302, start
    state, pending = next(iter(client.session["sso_pending"].items()))
    shop.id_token = make_token(pending["nonce"])
    return client.get(reverse("sso:callback"), {"code": "any", "state": state}, **extra), state
