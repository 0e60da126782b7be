"""System checks: the login protections are wired in, and `check --deploy` complains if one is switched off.

Our ids are `ropa.E…`/`ropa.W…`: Django's own checks already use `security.W001` and up.
"""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

AUTHENTICATION = "django.contrib.auth.middleware.AuthenticationMiddleware"
OTP = "django_otp.middleware.OTPMiddleware"
TWO_FACTOR = "ropa.security.middleware.TwoFactorMiddleware"
CSP = "csp.middleware.CSPMiddleware"


@register(Tags.security)
def check_two_factor_middleware(app_configs, **kwargs) -> list[Error]:
    """TwoFactorMiddleware reads user.is_verified(), which OTPMiddleware installs after authentication."""
    middleware = list(settings.MIDDLEWARE)
    positions = [middleware.index(name) if name in middleware else -1 for name in (AUTHENTICATION, OTP, TWO_FACTOR)]
    if -1 in positions or positions != sorted(positions):
        return [Error(
            "Two-factor login is not wired in.",
            hint=f"MIDDLEWARE must list {AUTHENTICATION}, {OTP} and {TWO_FACTOR}, in that order.",
            id="ropa.E001",
        )]
    return []


@register(Tags.security, deploy=True)
def check_production_protections(app_configs, **kwargs) -> list[Warning]:
    warnings = []
    if not settings.DEBUG and not settings.ROPA_REQUIRE_2FA:
        warnings.append(Warning(
            "Two-factor login is switched off (REQUIRE_2FA=0) in production.",
            hint="Remove REQUIRE_2FA from the environment: every staff login must pass the second step.",
            id="ropa.W001",
        ))
    if not settings.AXES_ENABLED:
        warnings.append(Warning("Login lockout (django-axes) is switched off.", id="ropa.W002"))
    directives = getattr(settings, "CONTENT_SECURITY_POLICY", {}).get("DIRECTIVES", {})
    scripts = directives.get("script-src", directives.get("default-src", []))
    loose = {"'unsafe-inline'", "'unsafe-eval'"} & {*scripts, *directives.get("script-src-attr", [])}
    if CSP not in settings.MIDDLEWARE or not scripts or loose:
        warnings.append(Warning(
            "The content security policy is missing or allows inline scripts.",
            hint=f"Keep {CSP} in MIDDLEWARE, and 'unsafe-inline' and 'unsafe-eval' out of the script directives.",
            id="ropa.W003",
        ))
    warnings += _proxy_warnings()
    if settings.AXES_FAILURE_LIMIT > LOCKOUT_LIMIT_CEILING:
        warnings.append(Warning(
            f"LOCKOUT_FAILURE_LIMIT={settings.AXES_FAILURE_LIMIT} lets an attacker try that many passwords and codes "
            "per user name and address before a lockout.",
            hint=f"Keep LOCKOUT_FAILURE_LIMIT at {LOCKOUT_LIMIT_CEILING} or below (the default is 5).",
            id="ropa.W006",
        ))
    return warnings


# More tries than this before a lockout turns the lockout into a formality (NIST SP 800-63B allows up to 100
# for memorised secrets with other defences; ropa's lockout is the defence, so it stays small).
LOCKOUT_LIMIT_CEILING = 10


def _proxy_warnings() -> list[Warning]:
    """TRUSTED_PROXY_COUNT must match what is in front of gunicorn (ropa/security/client_ip.py says why)."""
    behind_proxy = settings.SECURE_PROXY_SSL_HEADER is not None
    count = settings.ROPA_TRUSTED_PROXY_COUNT
    if count and not behind_proxy:
        return [Warning(
            f"TRUSTED_PROXY_COUNT={count} but BEHIND_TLS_PROXY is off: without a proxy in front, anyone can choose "
            "the client address that lockout and the request form's limits count by.",
            hint="Set TRUSTED_PROXY_COUNT=0 when gunicorn is reached directly, or BEHIND_TLS_PROXY=1 behind a proxy.",
            id="ropa.W004",
        )]
    if behind_proxy and not count:
        return [Warning(
            "BEHIND_TLS_PROXY is on but TRUSTED_PROXY_COUNT=0: every client shares the proxy's address, so one "
            "client's failures lock out and rate-limit everyone.",
            hint="Set TRUSTED_PROXY_COUNT to the number of proxies that append to X-Forwarded-For (usually 1).",
            id="ropa.W005",
        )]
    return []
