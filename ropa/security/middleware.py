"""No page for a logged-in user who has not passed the second step (Art. 32(1)(b): confidentiality of systems)."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from ropa.security.devices import has_confirmed_device

# The only views a password-only session may reach: the two steps themselves, logging out, and the
# language switch (it only sets a cookie and redirects, and the page it redirects to is checked again).
OPEN_TO_UNVERIFIED = frozenset({"security:verify", "security:enrol", "admin:logout", "set_language"})
# Set by single sign-on (ropa/sso/views.py) when the ID token says the provider asked for a second factor.
PROVIDER_TWO_FACTOR_KEY = "security_two_factor_by_provider"


class TwoFactorMiddleware:
    """Send every request of an authenticated but unverified user to the code (or enrolment) page.

    Read per request from settings.ROPA_REQUIRE_2FA, so tests can switch it on. It judges the resolved
    view, not the path, so an admin page, a download view or a view added later is covered alike; a
    password login by any route (the admin's form, a reused session) yields an unverified session,
    because only this app's views mark a session verified. Must follow django_otp's OTPMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        if not settings.ROPA_REQUIRE_2FA:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified() or request.session.get(PROVIDER_TWO_FACTOR_KEY):
            return None
        if request.resolver_match.view_name in OPEN_TO_UNVERIFIED:
            return None
        step = "security:verify" if has_confirmed_device(user) else "security:enrol"
        return redirect_to_login(request.get_full_path(), reverse(step))
