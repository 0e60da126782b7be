"""The content security policy's form-action, widened to the identity provider's address where a form's answer
redirects there: the logout form of a person signed in through a provider (RP-initiated logout), and the login
page's e-mail field (sign-in at the provider of the domain). Browsers apply form-action to the redirect after a
form is sent, so without this the provider's page is blocked."""

from urllib.parse import urlsplit

from ropa.sso.views import LOGOUT_KEY


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else ""


def allow_form_action(response, *urls: str) -> None:
    """Add these URLs' origins to the response's form-action (read by django-csp's middleware)."""
    origins = sorted({origin(url) for url in urls} - {""})
    if origins:
        update = dict(getattr(response, "_csp_update", None) or {})
        update["form-action"] = [*update.get("form-action", []), *origins]
        response._csp_update = update


class ProviderFormActionMiddleware:
    """Listed after django-csp's middleware, so its change to the response is in place when the policy is written."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        pending = request.session.get(LOGOUT_KEY) if hasattr(request, "session") else None
        response = self.get_response(request)
        if pending:
            allow_form_action(response, pending["url"])
        return response
