"""Sign in through an identity provider: start (state, nonce and PKCE verifier kept in the session), the callback
(every check, then the memberships brought in line with the claims), a refusal page that says why."""

import logging
import time

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model, login
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ropa.models import Membership, OidcProvider, SsoIdentity
from ropa.security.middleware import PROVIDER_TWO_FACTOR_KEY
from ropa.security.views import locked_out
from ropa.sso import client, providers
from ropa.sso.errors import SsoError
from ropa.sso.memberships import bring_in_line, wanted_roles
from ropa.workspaces.access import is_operator

log = logging.getLogger("ropa.sso")

PENDING_KEY = "sso_pending"
LOGOUT_KEY = "sso_logout"
PENDING_SECONDS = 600  # a sign-in started longer ago than this is refused as expired
PENDING_MAX = 5  # sign-ins started in other tabs that the session remembers
BACKEND = "ropa.sso.providers.PasswordBackend"
# `amr` values (RFC 8176) that mean the provider itself asked for a second factor.
MFA_AMR = {"mfa", "otp", "hwk", "swk", "sc", "fido", "sms", "tel", "face", "fpt", "iris", "retina", "vbm"}


def _next_url(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("admin:index")


def _redirect_uri(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("sso:callback"))


def _pseudonym(provider: OidcProvider | None) -> str:
    """The lockout's user name for a failure before the token named a person: the provider, from that address."""
    return f"sso:{provider.key if provider else 'unknown'}"


def _locked(request: HttpRequest, *usernames: str) -> HttpResponse | None:
    """The lockout page when any of these names is locked out from this address (django-axes), else None."""
    for username in usernames:
        credentials = {"username": username}
        if not AxesProxyHandler.is_allowed(request, credentials):
            return locked_out(request, credentials=credentials)
    return None


def _refuse(request: HttpRequest, error: SsoError, provider: OidcProvider | None, username: str = "") -> HttpResponse:
    """The page that says why, a log line an operator can act on (no personal data), a failed login for axes."""
    log.warning("single sign-on refused: %s (provider %s): %s", error.code, provider or "-", error.detail or "-")
    if error.code != "no_provider":
        credentials = {"username": username or _pseudonym(provider)}
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            return locked_out(request, credentials=credentials)
    context = {
        "site_header": admin.site.site_header, "site_title": admin.site.site_title, "message": error.message,
        "code": error.code, "title": gettext("Single sign-on refused"),
    }
    return render(request, "sso/refused.html", context, status=403 if error.code == "unmapped" else 400)


def _begin(request: HttpRequest, provider: OidcProvider, login_hint: str = "") -> HttpResponse:
    locked = _locked(request, _pseudonym(provider), *([login_hint.lower()] if login_hint else []))
    if locked:
        return locked
    try:
        url, pending = client.authorization_url(provider, _redirect_uri(request), login_hint)
    except SsoError as error:
        return _refuse(request, error, provider)
    started = dict(request.session.get(PENDING_KEY, {}))
    started = dict(sorted(started.items(), key=lambda item: item[1]["started"])[-(PENDING_MAX - 1):])
    started[pending.pop("state")] = {**pending, "started": time.time(), "next": _next_url(request)}
    request.session[PENDING_KEY] = started
    return redirect(url)


@never_cache
@require_GET
def start(request: HttpRequest, key: str) -> HttpResponse:
    """A provider's button on the login page."""
    provider = providers.by_key(key)
    if provider is None:
        raise Http404
    return _begin(request, provider)


@never_cache
@require_POST
def by_email(request: HttpRequest) -> HttpResponse:
    """The person types an e-mail address; its domain chooses the provider."""
    email = request.POST.get("email", "").strip()
    provider = providers.for_email(email)
    if provider is None:
        return _refuse(request, SsoError("no_provider"), None)
    return _begin(request, provider, login_hint=email)


def _take_pending(request: HttpRequest) -> dict:
    """The sign-in this callback answers, removed from the session: a state is good once (no replay)."""
    started = dict(request.session.get(PENDING_KEY, {}))
    pending = started.pop(request.GET.get("state", ""), None)
    request.session[PENDING_KEY] = started
    if pending is None:
        raise SsoError("state_unknown", "state unknown to this session (replayed, or from another browser)")
    if time.time() - pending["started"] > PENDING_SECONDS:
        raise SsoError("state_unknown", "sign-in started too long ago")
    return pending


@never_cache
@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    """The provider sends the browser back here; whatever goes wrong ends on the refusal page, never a 500."""
    try:
        return _callback(request)
    except Exception as error:  # noqa: BLE001 - the person gets a page that says so; the log the type, no data
        log.exception("single sign-on: unexpected %s", type(error).__name__)
        return _refuse(request, SsoError("provider_error", f"unexpected {type(error).__name__}"), None)


def _callback(request: HttpRequest) -> HttpResponse:
    provider, username = None, ""
    try:
        pending = _take_pending(request)
        provider = providers.by_key(pending["provider"])
        if provider is None:
            raise SsoError("provider_misconfigured", "the provider was removed during the sign-in")
        locked = _locked(request, _pseudonym(provider))
        if locked:
            return locked
        if request.GET.get("error"):
            raise SsoError("provider_error", f"authorization endpoint: {request.GET['error'][:100]}")
        token = client.exchange_code(provider, _redirect_uri(request), request.GET.get("code", ""),
                                     pending["verifier"])
        claims = client.validate_id_token(provider, token["id_token"], pending["nonce"])
        username = str(claims.get("email") or "").strip().lower()
        if not username or "@" not in username:
            raise SsoError("email_missing", "the ID token has no email claim")
        locked = _locked(request, username)
        if locked:
            return locked
        user = _signed_in_user(provider, claims, username)
    except SsoError as error:
        return _refuse(request, error, provider, username)
    login(request, user, backend=BACKEND)
    request.session.set_expiry(settings.SESSION_COOKIE_AGE)  # ropa's limit, whatever the provider's token says
    if _did_two_factor(provider, claims):
        request.session[PROVIDER_TWO_FACTOR_KEY] = True
    end_session = client.discovery(provider).get("end_session_endpoint")
    if end_session:
        request.session[LOGOUT_KEY] = {"url": end_session, "id_token": token["id_token"],
                                       "client_id": provider.client_id}
    log.info("single sign-on: signed in through provider %s", provider)
    return redirect(pending["next"])


def _did_two_factor(provider: OidcProvider, claims: dict) -> bool:
    amr = claims.get("amr") or []
    amr = {amr} if isinstance(amr, str) else {str(value) for value in amr}
    return bool(amr & MFA_AMR) or str(claims.get("acr", "")) in provider.acr_values


def _signed_in_user(provider: OidcProvider, claims: dict, email: str):
    """The person behind these claims, with memberships made exactly what the mapped claims give.

    A first sign-in creates the person only with at least one mapped claim; a later one takes away the roles whose
    claim is gone, and is refused when nothing is left (the removal is kept: she left the group).
    """
    issuer, subject = provider.issuer.rstrip("/"), str(claims.get("sub", ""))
    if not subject:
        raise SsoError("token_invalid", "the ID token has no sub claim")
    wanted = wanted_roles(provider, claims)
    User = get_user_model()
    with transaction.atomic():
        identity = SsoIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
        if identity is None:
            if User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists():
                raise SsoError("account_exists", "a person with this e-mail already exists without this provider")
            if not wanted:
                raise SsoError("unmapped", "no mapped claim on a first sign-in; no account made")
            user = User(username=email, email=email, is_staff=True, first_name=str(claims.get("given_name", ""))[:150],
                        last_name=str(claims.get("family_name", ""))[:150])
            user.set_unusable_password()
            user.save()
            identity = SsoIdentity(user=user, issuer=issuer, subject=subject)
        user = identity.user
        if not user.is_active:
            raise SsoError("unmapped", "the person's account is switched off in ropa")
        bring_in_line(user, wanted)
        identity.last_sign_in = timezone.now()
        identity.save()
    if not is_operator(user) and not Membership.objects.filter(user=user).exists():
        raise SsoError("unmapped", "no mapped claim left; the person's single sign-on roles were removed")
    return user


def provider_logout_url(request: HttpRequest) -> str | None:
    """Where to end the provider's session too (RP-initiated logout), read before ropa's session is flushed."""
    pending = request.session.get(LOGOUT_KEY)
    if not pending:
        return None
    query = {
        "id_token_hint": pending["id_token"], "client_id": pending["client_id"],
        "post_logout_redirect_uri": request.build_absolute_uri(reverse("admin:login")),
    }
    return f"{pending['url']}{'&' if '?' in pending['url'] else '?'}{urlencode(query)}"
