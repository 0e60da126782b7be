"""System checks: the login protections are wired in, and `check --deploy` complains if one is switched off."""

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
            id="security.E001",
        )]
    return []


@register(Tags.security, deploy=True)
def check_production_protections(app_configs, **kwargs) -> list[Warning]:
    warnings = []
    if not settings.DEBUG and not settings.ROPA_REQUIRE_2FA:
        warnings.append(Warning(
            "Two-factor login is switched off (REQUIRE_2FA=0) in production.",
            hint="Remove REQUIRE_2FA from the environment: every staff login must pass the second step.",
            id="security.W001",
        ))
    if not settings.AXES_ENABLED:
        warnings.append(Warning("Login lockout (django-axes) is switched off.", id="security.W002"))
    directives = getattr(settings, "CONTENT_SECURITY_POLICY", {}).get("DIRECTIVES", {})
    scripts = directives.get("script-src", directives.get("default-src", []))
    loose = {"'unsafe-inline'", "'unsafe-eval'"} & {*scripts, *directives.get("script-src-attr", [])}
    if CSP not in settings.MIDDLEWARE or not scripts or loose:
        warnings.append(Warning(
            "The content security policy is missing or allows inline scripts.",
            hint=f"Keep {CSP} in MIDDLEWARE, and 'unsafe-inline' and 'unsafe-eval' out of the script directives.",
            id="security.W003",
        ))
    return warnings
