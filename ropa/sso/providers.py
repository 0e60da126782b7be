"""Which providers there are: those an operator keeps in the admin, and one from the environment (config/settings)."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from ropa.models import OidcProvider


def from_environment() -> OidcProvider | None:
    """OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_BUTTON_LABEL: a provider never saved (key "env")."""
    if not settings.OIDC_ISSUER:
        return None
    return OidcProvider(
        name=settings.OIDC_BUTTON_LABEL or "OpenID Connect",
        issuer=settings.OIDC_ISSUER,
        client_id=settings.OIDC_CLIENT_ID,
        client_secret=settings.OIDC_CLIENT_SECRET,
        button_label=settings.OIDC_BUTTON_LABEL,
        email_domains=" ".join(settings.OIDC_EMAIL_DOMAINS),
        mfa_acr_values=" ".join(settings.OIDC_MFA_ACR_VALUES),
    )


def every_provider() -> list[OidcProvider]:
    environment = from_environment()
    return ([environment] if environment else []) + list(OidcProvider.objects.all())


def by_key(key: str) -> OidcProvider | None:
    if key == "env":
        return from_environment()
    return OidcProvider.objects.filter(pk=int(key)).first() if key.isdigit() else None


def for_email(email: str) -> OidcProvider | None:
    """The provider of the address's domain (an operator keeps each domain at one provider)."""
    domain = email.rpartition("@")[2].strip().lower()
    if not domain:
        return None
    return next((provider for provider in every_provider() if domain in provider.domains), None)


def buttons() -> list[OidcProvider]:
    return [provider for provider in every_provider() if provider.button_label]


def password_sign_in_refused(user) -> bool:
    """Whether the person's e-mail domain belongs to a provider whose operator switched password sign-in off."""
    email = getattr(user, "email", "") or ""
    provider = for_email(email) if "@" in email else None
    return bool(provider and provider.password_sign_in_disabled)


class PasswordBackend(ModelBackend):
    """Django's password check, refused for people whose domain signs in through its provider only."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        # Only the password step: get_user() stays Django's, so a session made by single sign-on keeps working.
        return None if user is not None and password_sign_in_refused(user) else user
