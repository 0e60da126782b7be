"""The OpenID Connect calls: discovery, the authorization URL (PKCE S256, state, nonce), the code exchange and the
ID token's checks (signature against the provider's keys, issuer, audience, expiry, issue time, nonce).

Authlib's OAuth 2.0 client over httpx2 (the httpx successor Authlib now asks for), and joserfc for the token:
django-allauth and mozilla-django-oidc call PyPI's `requests`, which our own top-level `requests` package shadows
in this process.
"""

import logging
import secrets
import threading
import time

import httpx2
from authlib.common.errors import AuthlibBaseError
from authlib.common.security import generate_token
from authlib.integrations.httpx_client import OAuth2Client
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from django.conf import settings
from joserfc import jwt
from joserfc.errors import BadSignatureError, DecodeError, InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet

from ropa.models import OidcProvider
from ropa.sso.errors import SsoError

log = logging.getLogger("ropa.sso")

ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384"]
SCOPE = "openid email profile"
CACHE_SECONDS = 3600

_cache: dict[str, tuple[float, object]] = {}
_lock = threading.Lock()


def forget_cache() -> None:
    """Drop every cached discovery document and key set (tests; a provider that rotated its keys refetches anyway)."""
    with _lock:
        _cache.clear()


def _get_json(url: str) -> dict:
    try:
        response = httpx2.get(url, timeout=settings.OIDC_TIMEOUT_SECONDS, follow_redirects=False)
        response.raise_for_status()
        return response.json()
    except (httpx2.HTTPError, ValueError) as error:
        raise SsoError("provider_unreachable", f"GET {url}: {type(error).__name__}") from error


def _cached(key: str, load, refresh: bool = False):
    with _lock:
        hit = _cache.get(key)
    if hit and not refresh and time.monotonic() - hit[0] < CACHE_SECONDS:
        return hit[1]
    value = load()
    with _lock:
        _cache[key] = (time.monotonic(), value)
    return value


def discovery(provider: OidcProvider) -> dict:
    """The provider's discovery document, cached; its issuer must be the one configured (OIDC Discovery 4.3)."""
    issuer = provider.issuer.rstrip("/")

    def load() -> dict:
        document = _get_json(f"{issuer}/.well-known/openid-configuration")
        if document.get("issuer", "").rstrip("/") != issuer:
            raise SsoError("issuer_mismatch", f"discovery names issuer {document.get('issuer')!r}, not {issuer!r}")
        for field in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
            if not document.get(field):
                raise SsoError("provider_misconfigured", f"discovery document has no {field}")
        return document

    return _cached(f"discovery:{issuer}", load)


def _keys(provider: OidcProvider, refresh: bool = False) -> KeySet:
    uri = discovery(provider)["jwks_uri"]

    def load() -> KeySet:
        try:
            return KeySet.import_key_set(_get_json(uri))
        except JoseError as error:
            raise SsoError("provider_misconfigured", f"unreadable JWKS at {uri}: {error}") from error

    return _cached(f"jwks:{uri}", load, refresh=refresh)


def _client(provider: OidcProvider, redirect_uri: str) -> OAuth2Client:
    return OAuth2Client(
        client_id=provider.client_id,
        client_secret=provider.client_secret,
        scope=SCOPE,
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
        timeout=settings.OIDC_TIMEOUT_SECONDS,
    )


def authorization_url(provider: OidcProvider, redirect_uri: str, login_hint: str = "") -> tuple[str, dict]:
    """Where to send the browser, and what the session keeps to check the answer (state, nonce, PKCE verifier)."""
    state, nonce, verifier = secrets.token_urlsafe(32), secrets.token_urlsafe(32), generate_token(64)
    extra = {"login_hint": login_hint} if login_hint else {}
    with _client(provider, redirect_uri) as client:
        url, _state = client.create_authorization_url(
            discovery(provider)["authorization_endpoint"], state=state, nonce=nonce, code_verifier=verifier, **extra,
        )
    if create_s256_code_challenge(verifier) not in url:
        raise SsoError("provider_misconfigured", "PKCE challenge missing from the authorization URL")
    return url, {"state": state, "nonce": nonce, "verifier": verifier, "provider": provider.key}


def exchange_code(provider: OidcProvider, redirect_uri: str, code: str, verifier: str) -> dict:
    """The token endpoint's answer for the code; a refused client ID or secret is said as such."""
    try:
        with _client(provider, redirect_uri) as client:
            token = client.fetch_token(discovery(provider)["token_endpoint"], code=code, code_verifier=verifier)
    except AuthlibBaseError as error:  # OAuth2Error and the integration's OAuthError alike
        code = str(getattr(error, "error", "") or type(error).__name__)[:100]
        if code in ("invalid_client", "unauthorized_client"):
            raise SsoError("client_rejected", f"token endpoint: {code}") from error
        raise SsoError("provider_error", f"token endpoint: {code}") from error
    except httpx2.HTTPError as error:
        raise SsoError("provider_unreachable", f"token endpoint: {type(error).__name__}") from error
    if not token.get("id_token"):
        raise SsoError("provider_misconfigured", "token response has no id_token (is the scope openid granted?)")
    return dict(token)


def _decode(provider: OidcProvider, id_token: str):
    try:
        return jwt.decode(id_token, _keys(provider), algorithms=ALGORITHMS)
    except InvalidKeyIdError:
        # The provider rotated its keys since we cached them: fetch them once more, then give up.
        try:
            return jwt.decode(id_token, _keys(provider, refresh=True), algorithms=ALGORITHMS)
        except InvalidKeyIdError as error:
            raise SsoError("token_invalid", "no key in the provider's JWKS has the token's kid") from error
        except (BadSignatureError, DecodeError, JoseError) as error:
            raise SsoError("token_invalid", f"signature: {type(error).__name__}") from error
    except (BadSignatureError, DecodeError, JoseError, ValueError) as error:
        raise SsoError("token_invalid", f"signature: {type(error).__name__}") from error


def validate_id_token(provider: OidcProvider, id_token: str, nonce: str) -> dict:
    """The ID token's claims once its signature, issuer, audience, times and nonce are right (OIDC Core 3.1.3.7)."""
    claims = _decode(provider, id_token).claims
    leeway, now = settings.OIDC_CLOCK_LEEWAY_SECONDS, int(time.time())
    issuer = provider.issuer.rstrip("/")
    if str(claims.get("iss", "")).rstrip("/") != issuer:
        raise SsoError("issuer_mismatch", f"token issuer {claims.get('iss')!r}, expected {issuer!r}")
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if provider.client_id not in audiences:
        raise SsoError("audience_mismatch", f"token audience {audiences!r}, expected the client ID")
    if len(audiences) > 1 and claims.get("azp") != provider.client_id:
        raise SsoError("audience_mismatch", "several audiences and azp is not the client ID")
    for name in ("exp", "iat"):
        if not isinstance(claims.get(name), int | float):
            raise SsoError("token_invalid", f"claim {name} missing or not a number")
    if claims["iat"] > now + leeway:
        raise SsoError("clock_skew", f"token issued {int(claims['iat'] - now)} s in the future (leeway {leeway} s)")
    if claims["exp"] <= now - leeway:
        raise SsoError("token_expired", f"token expired {int(now - claims['exp'])} s ago (leeway {leeway} s)")
    if not nonce or not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
        raise SsoError("nonce_mismatch", "nonce differs from the one this session sent")
    return claims
