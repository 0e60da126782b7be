"""The public pages: the request form, the e-mailed confirmation and status links, and the privacy notice.

No login and no JavaScript; every page works under the strict content security policy (one CSS file).
"""

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from requests import ratelimit
from requests.authorities import supervisory_authority
from requests.intake import tokens
from requests.intake.forms import IntakeForm
from requests.intake.submission import confirm_address, file_request
from requests.models import CLOSED_STATUSES, Right, Status
from ropa.models import Organisation

LINK_PROBLEM_STATUS = {
    tokens.LinkProblem.TAMPERED: 400, tokens.LinkProblem.EXPIRED: 410, tokens.LinkProblem.USED: 410,
}


@csrf_exempt  # checked by _intake, once the body is known to be small enough to read
@require_http_methods(["GET", "HEAD", "POST"])
def intake(request: HttpRequest, organisation_id: int | None = None) -> HttpResponse:
    organisation = _organisation(organisation_id)
    if organisation is None:
        return _choose_organisation(request)
    if request.method == "POST" and _content_length(request) > settings.INTAKE_MAX_BODY_BYTES:
        return _page(request, "too_large", organisation, status=413)
    return _intake(request, organisation)


@csrf_protect
def _intake(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    if request.method == "POST":
        form = IntakeForm(request.POST)
        is_valid = not form.is_trapped and form.is_valid()
        # Every post counts against the client's address; a valid one also against its e-mail address, whether or
        # not we know it, so the answer never tells which. Both in one statement, before anything is saved. The
        # e-mail address is counted by its mailbox: kari+1@ and kari+2@ are one person.
        counted = [("ip", ratelimit.client_address(request), settings.INTAKE_RATE_LIMIT_PER_IP)]
        if is_valid:
            mailbox = ratelimit.mailbox(form.cleaned_data["email"])
            counted.append(("email", mailbox, settings.INTAKE_RATE_LIMIT_PER_EMAIL))
        verdict = ratelimit.hit_each(counted, window_minutes=settings.INTAKE_RATE_WINDOW_MINUTES)
        if not verdict.allowed:
            return _rate_limited(request, organisation, verdict)
        if form.is_trapped:
            # A robot: answered exactly as a person would be, and nothing is saved or sent.
            return redirect("requests:sent", organisation.pk)
        if is_valid:
            filed = file_request(form.cleaned_data, organisation, _link_builder(request))
            if filed.status != Status.AWAITING_CONFIRMATION:  # it took effect on receipt: show where it stands
                return redirect("requests:status", tokens.status_token(filed))
            return redirect("requests:sent", organisation.pk)
    else:
        form = IntakeForm()
    # The unbound fields are the same for every visitor in a language: rendered once per process and kept
    # (form.html); the key holds the rights as they are now, so a change to them renders anew.
    fields_key = "" if form.is_bound else "|".join(
        f"{pk}:{code}:{position}" for pk, code, position in Right.objects.values_list("pk", "code", "position")
    )
    return _page(request, "form", organisation, form=form, fields_key=fields_key)


@require_GET
def sent(request: HttpRequest, organisation_id: int) -> HttpResponse:
    return _page(request, "sent", _controller(organisation_id))


@require_GET
def privacy(request: HttpRequest, organisation_id: int | None = None) -> HttpResponse:
    organisation = _organisation(organisation_id)
    if organisation is None:
        return _choose_organisation(request)
    return _page(request, "privacy", organisation, authority=supervisory_authority(organisation.country.code))


@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows one button; only its POST confirms, so a mail scanner that opens the link does not spend it."""
    try:
        if request.method != "POST":
            rights_request = tokens.request_for_confirmation(token, lock=False)
            response = _private(_page(request, "confirm", rights_request.organisation))
            # With no-referrer the browser sends "Origin: null" with the button's POST, which CSRF refuses;
            # same-origin still never hands the link to another site.
            response["Referrer-Policy"] = "same-origin"
            return response
        with transaction.atomic():
            rights_request = tokens.request_for_confirmation(token)
            confirm_address(rights_request, _link_builder(request))
    except tokens.BadLink as bad:
        return _link_problem(request, bad.problem.value, LINK_PROBLEM_STATUS[bad.problem])
    return _private(_page(request, "confirmed", rights_request.organisation, rights_request=rights_request))


@never_cache
@require_GET
def status(request: HttpRequest, token: str) -> HttpResponse:
    rights_request = tokens.request_for_status(token)
    if rights_request is None:
        return _link_problem(request, "unknown", 404)
    return _private(_page(
        request, "status", rights_request.organisation, rights_request=rights_request,
        is_closed=rights_request.status in CLOSED_STATUSES,
    ))


# Helpers

def _controllers():
    return Organisation.objects.filter(role=Organisation.Role.CONTROLLER)


def _controller(organisation_id: int) -> Organisation:
    return get_object_or_404(_controllers(), pk=organisation_id)


def _organisation(organisation_id: int | None) -> Organisation | None:
    """The controller the page is for: the one in the URL, INTAKE_ORGANISATION, or the only one; None if several."""
    if organisation_id is not None:
        return _controller(organisation_id)
    if settings.INTAKE_ORGANISATION:
        return _controller(settings.INTAKE_ORGANISATION)
    found = list(_controllers()[:2])
    if not found:
        raise Http404
    return found[0] if len(found) == 1 else None


def _choose_organisation(request: HttpRequest) -> HttpResponse:
    return _page(request, "choose", None, organisations=_controllers())


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _rate_limited(request: HttpRequest, organisation: Organisation, verdict: ratelimit.Verdict) -> HttpResponse:
    response = _page(
        request, "rate_limited", organisation, status=429, minutes=max(1, -(-verdict.retry_after // 60)),
    )
    response["Retry-After"] = str(verdict.retry_after)
    return response


def _link_problem(request: HttpRequest, problem: str, status: int) -> HttpResponse:
    return _private(_page(request, "link_problem", None, status=status, problem=problem))


def _link_builder(request: HttpRequest):
    if settings.INTAKE_BASE_URL:
        return lambda path: settings.INTAKE_BASE_URL + path
    return request.build_absolute_uri


def _private(response: HttpResponse) -> HttpResponse:
    """Pages reached by a secret link: never cached, never indexed, the link never sent on as a referrer."""
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _page(request: HttpRequest, name: str, organisation: Organisation | None, *, status: int = 200, **context):
    context.update({
        "organisation": organisation,
        "retention_years": settings.RIGHTS_REQUEST_RETENTION_YEARS,
        "unconfirmed_days": settings.INTAKE_UNCONFIRMED_DAYS,
        "confirmation_hours": settings.INTAKE_CONFIRMATION_HOURS,
    })
    return render(request, f"requests/intake/{name}.html", context, status=status)
