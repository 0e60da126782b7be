"""Errors as RFC 9457 problem details (`application/problem+json`), titled in the caller's language
(Accept-Language: nb, sv, en; Django's LocaleMiddleware has chosen it before the view runs)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: _("The request is not valid"),
    401: _("Authentication needed"),
    403: _("Not allowed"),
    404: _("Not found"),
    405: _("Method not allowed"),
    406: _("Not acceptable"),
    409: _("Conflict"),
    413: _("Request too large"),
    415: _("Unsupported media type"),
    429: _("Too many requests"),
}


def problem(status: int, detail: str = "", **extra) -> dict:
    body = {"type": "about:blank", "title": str(TITLES.get(status, "")), "status": status}
    if detail:
        body["detail"] = str(detail)
    body.update(extra)
    return body


def problem_handler(exc, context):
    """DRF's handler, its body reshaped as a problem; Django's own errors first made DRF's."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = response.data if isinstance(response.data, dict) else {"non_field_errors": response.data}
        response.data = problem(response.status_code, _("See the errors of each field."), errors=errors)
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
        response.data = problem(response.status_code, detail)
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


@csrf_exempt  # a PUT to a path that names nothing is a 404 too, not the CSRF check's HTML 403
def not_found(request, *args, **kwargs) -> JsonResponse:
    """Any path under /api/ that names no endpoint (or an id no row could have): 404 as a problem, not a page."""
    return JsonResponse(
        problem(404, exceptions.NotFound.default_detail), status=404, content_type=PROBLEM_CONTENT_TYPE,
    )
