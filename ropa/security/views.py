"""The second login step: enrol an authenticator app, verify a code, show backup codes once."""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from ropa.security import devices
from ropa.security.forms import CodeForm

BACKUP_CODES_SESSION_KEY = "security_backup_codes"
FEW_BACKUP_CODES = 3


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("admin:index")


def _with_next(view_name: str, next_url: str) -> str:
    return f"{reverse(view_name)}?{urlencode({'next': next_url})}"


def _render(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    # The admin's header and title without the rest of its context (no app list before verification).
    context = {"site_header": admin.site.site_header, "site_title": admin.site.site_title, **context}
    return render(request, template, context, status=status)


def _mark_verified(request: HttpRequest, device) -> None:
    # A new session key at the step that grants access, as Django does at the password step.
    request.session.cycle_key()
    otp_login(request, device)


def locked_out(request: HttpRequest, original_response=None, credentials: dict | None = None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: one page for every lockout, in the admin's look, with HTTP 429."""
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    return _render(request, "security/locked_out.html", {"minutes": minutes}, status=429)


@never_cache
@sensitive_post_parameters("otp_token")
def verify(request: HttpRequest) -> HttpResponse:
    """The code step after the password: a code from the app or one backup code."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user, next_url = request.user, _next_url(request)
    if user.is_verified():
        return redirect(next_url)
    if not devices.has_confirmed_device(user):
        return redirect(_with_next("security:enrol", next_url))
    credentials = {"username": user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        logout(request)
        return locked_out(request, credentials=credentials)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = devices.verify_code(user, form.cleaned_data["otp_token"])
        if device is not None:
            _mark_verified(request, device)
            if isinstance(device, StaticDevice):
                left = devices.backup_codes_left(user)
                if left <= FEW_BACKUP_CODES:
                    messages.warning(
                        request, _("You have %(count)d backup codes left. Make new ones.") % {"count": left}
                    )
            return redirect(next_url)
        # A wrong code is a failed login: axes counts it per user name and address, and may lock out.
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            logout(request)
            return locked_out(request, credentials=credentials)
        form.add_error("otp_token", _("That code was not accepted. Wait for a new code and try again."))
    return _render(request, "security/verify.html", {"form": form, "next": next_url, "title": _("Enter your code")})


@never_cache
@sensitive_post_parameters("otp_token")
def enrol(request: HttpRequest) -> HttpResponse:
    """First login: scan a QR code (or type the key) into an authenticator app and confirm with a code.

    Only a user with no confirmed device may enrol; otherwise a stolen password would add a second device.
    """
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user, next_url = request.user, _next_url(request)
    if devices.has_confirmed_device(user):
        return redirect(next_url if user.is_verified() else _with_next("security:verify", next_url))
    device = devices.pending_app_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = devices.confirm_app_device(device, form.cleaned_data["otp_token"])
        if codes is not None:
            device.refresh_from_db()
            _mark_verified(request, device)
            request.session[BACKUP_CODES_SESSION_KEY] = codes
            return redirect(_with_next("security:backup_codes", next_url))
        form.add_error("otp_token", _("That code was not accepted. Check the time on your phone and try again."))
    context = {
        "form": form,
        "next": next_url,
        "qr_code": mark_safe(devices.qr_code_svg(device)),  # noqa: S308 (SVG made by qrcode from our own URL)
        "key": devices.manual_key(device),
        "issuer": settings.OTP_TOTP_ISSUER,
        "title": _("Set up two-factor login"),
    }
    return _render(request, "security/enrol.html", context)


@never_cache
def backup_codes(request: HttpRequest) -> HttpResponse:
    """Show freshly made backup codes once; a verified user may replace the whole sheet."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user, next_url = request.user, _next_url(request)
    if not user.is_verified():
        return redirect(_with_next("security:verify", request.get_full_path()))
    if request.method == "POST":
        request.session[BACKUP_CODES_SESSION_KEY] = devices.replace_backup_codes(user)
        return redirect(_with_next("security:backup_codes", next_url))
    codes = request.session.pop(BACKUP_CODES_SESSION_KEY, None)
    context = {
        "codes": codes,
        "left": devices.backup_codes_left(user),
        "next": next_url,
        "title": _("Backup codes"),
    }
    return _render(request, "security/backup_codes.html", context)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400: a page in the user's language that reads nothing from the request (no CSRF, no POST)."""
    return HttpResponse(render_to_string("400.html", {"LANGUAGE_CODE": get_language()}), status=400)
