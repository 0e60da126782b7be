"""Headers and cookies: one content security policy, HSTS, secure and HttpOnly cookies, expiry after
inactivity, no framing; production values come from the environment and `check --deploy` guards them."""

import datetime
import json
import re
from pathlib import Path

import pytest
import time_machine
from django.core.checks import Error
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from ropa.security.checks import check_production_protections, check_two_factor_middleware
from tests.security.conftest import PASSWORD
from tests.test_settings import PRODUCTION, run_manage

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
HOST = "ropa.example.no"
# What production reads from PRODUCTION's environment (checked below), applied in-process to see the headers.
PRODUCTION_VALUES = {
    "DEBUG": False,
    "ALLOWED_HOSTS": [HOST],
    "SECURE_SSL_REDIRECT": True,
    "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
}


def policy(response) -> dict[str, list[str]]:
    directives = [part.strip().split() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    return {name: sources for name, *sources in directives}


def test_every_page_carries_one_strict_content_security_policy(client, officer_client):
    for response in (client.get(reverse("admin:login")), officer_client.get("/admin/ropa/processingactivity/")):
        csp = policy(response)
        assert csp["script-src"] == ["'self'"]
        assert csp["style-src"] == ["'self'"]
        assert csp["object-src"] == ["'none'"]
        assert csp["base-uri"] == ["'none'"]
        assert csp["frame-ancestors"] == ["'none'"]
        assert not any("unsafe-inline" in source or "unsafe-eval" in source for source in sum(csp.values(), []))
        assert "Content-Security-Policy-Report-Only" not in response


def test_the_only_inline_event_handler_allowed_is_the_export_pages_toggle_by_hash(client):
    sources = policy(client.get(reverse("admin:login")))["script-src-attr"]
    # sha256 of "onSelectToggleChange(event)" (django-import-export's export page)
    assert sources == ["'unsafe-hashes'", "'sha256-wid4zL8fR53ZYy1ljOepzR77Dn6vWUUxuNnnWWBP3I8='"]


def test_the_only_style_attributes_allowed_are_the_three_by_hash(client):
    sources = policy(client.get(reverse("admin:login")))["style-src-attr"]
    assert sources[0] == "'unsafe-hashes'"
    # sha256 of "border-top: 0", "padding: 0;" and "font-weight: bold;" (third-party admin templates)
    assert sorted(sources[1:]) == sorted([
        "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='",
        "'sha256-mHgUAqxc8GPXM/QhzkHrHujcrQTU9fd6ZjWz+icxKcA='",
        "'sha256-+YWRMZ88jMyO7jVlBA52tZADiPobPIUA8LAWee68Fvs='",
    ])


def test_the_admin_may_not_be_framed(client):
    assert client.get(reverse("admin:login"))["X-Frame-Options"] == "DENY"


def test_production_reads_strict_values_from_the_environment():
    names = [
        "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_AGE",
        "SESSION_SAVE_EVERY_REQUEST", "X_FRAME_OPTIONS", "ROPA_REQUIRE_2FA",
    ]
    script = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}))"
    )
    result = run_manage("shell", "--no-imports", "-c", script, env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "SECURE_SSL_REDIRECT": True, "SECURE_HSTS_SECONDS": 31536000, "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True, "SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True, "SESSION_COOKIE_AGE": 3600, "SESSION_SAVE_EVERY_REQUEST": True,
        "X_FRAME_OPTIONS": "DENY", "ROPA_REQUIRE_2FA": True,
    }


@override_settings(**PRODUCTION_VALUES)
def test_plain_http_is_sent_to_https(client):
    response = client.get("/admin/login/", HTTP_HOST=HOST)
    assert response.status_code == 301
    assert response["Location"] == f"https://{HOST}/admin/login/"


@override_settings(**PRODUCTION_VALUES)
def test_https_responses_carry_hsts(client):
    response = client.get("/admin/login/", HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@override_settings(**PRODUCTION_VALUES)
def test_session_and_csrf_cookies_are_secure_and_http_only(client, privacy_officer):
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "officer", "password": PASSWORD, "next": "/admin/"},
        HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="192.0.2.10",
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"
    assert int(session["max-age"]) == 3600
    csrf = client.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]


def test_a_session_expires_after_an_hour_without_activity(client, privacy_officer):
    client.force_login(privacy_officer)
    start = timezone.now()
    with time_machine.travel(start + datetime.timedelta(minutes=50)):
        assert client.get("/admin/").status_code == 200  # activity renews the session...
    with time_machine.travel(start + datetime.timedelta(minutes=100)):
        assert client.get("/admin/").status_code == 200  # ...for another hour from then
    with time_machine.travel(start + datetime.timedelta(minutes=161)):
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_the_deploy_check_refuses_production_without_two_factor_login():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION | {"REQUIRE_2FA": "0"})
    assert result.returncode != 0
    assert "ropa.W001" in result.stderr + result.stdout


def test_the_deploy_check_refuses_a_policy_that_allows_inline_scripts(settings):
    settings.ROPA_REQUIRE_2FA = True
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {**directives, "script-src": ["'self'", "'unsafe-inline'"]}}
    assert [warning.id for warning in check_production_protections(None)] == ["ropa.W003"]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": directives}
    assert check_production_protections(None) == []


def test_the_system_check_notices_two_factor_middleware_out_of_order(settings):
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != "django_otp.middleware.OTPMiddleware"]
    assert [error.id for error in check_two_factor_middleware(None)] == ["ropa.E001"]
    assert all(isinstance(error, Error) for error in check_two_factor_middleware(None))


def _our_templates() -> list[Path]:
    dirs = [ROOT / "templates", *ROOT.glob("*/templates"), *ROOT.glob("*/*/templates")]
    return sorted(path for directory in dirs for path in directory.rglob("*.html"))


def test_our_templates_have_no_inline_script_or_style():
    """The policy forbids inline code; our own templates must not need it (third-party ones are allowed by hash)."""
    templates = _our_templates()
    assert any(path.parts[-2:] == ("security", "enrol.html") for path in templates)
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|\sstyle\s*=|javascript:", re.IGNORECASE)
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in templates for match in inline.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, "\n".join(offenders)


def test_our_python_writes_no_inline_script_or_style_into_pages():
    sources = [*ROOT.glob("ropa/**/*.py"), *ROOT.glob("requests/**/*.py"), *ROOT.glob("config/*.py")]
    inline = re.compile(r"<script[\s>](?![^>]*\bsrc=)|\son(click|load|change|submit)=|\sstyle=[\"']", re.IGNORECASE)
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in sources if "migrations" not in path.parts
        for match in inline.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize(("environment", "expected"), [
    ({"TRUSTED_PROXY_COUNT": "1", "BEHIND_TLS_PROXY": "0"}, "ropa.W004"),  # a proxy trusted that is not there
    ({"TRUSTED_PROXY_COUNT": "0"}, "ropa.W005"),  # behind the proxy, every client would share its address
    ({"LOCKOUT_FAILURE_LIMIT": "1000"}, "ropa.W006"),
])
def test_the_deploy_check_warns_of_a_client_address_or_lockout_that_cannot_hold(environment, expected):
    from tests.test_settings import PRODUCTION, run_manage

    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION | environment)
    assert result.returncode != 0
    assert expected in result.stderr + result.stdout
    assert "security.W00" not in result.stderr + result.stdout  # Django's ids are Django's
