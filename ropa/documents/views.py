"""Private documents of the record, served only to logged-in users allowed to download them.

Downloading is a permission of its own (`download_<model>`, ropa.models.base.DOCUMENT_PERMISSIONS): the privacy
officer and the auditor have it, the request handler, who reads the record, does not.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from ropa.models import DataProcessingAgreement, Dpia, Transfer
from ropa.workspaces.access import visible


def can_download(user, model: type[models.Model]) -> bool:
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.download_{opts.model_name}")


def _serve_pdf(request: HttpRequest, queryset: models.QuerySet, pk: int, field: str, name: Callable[[Any], str]):
    """Anonymous users go to the login page; users without permission get 403 before anything is looked up.

    The admin site's own rule comes first (staff, and whatever second factor it demands), so a document is
    never easier to reach than the admin page that links to it.
    """
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not admin.site.has_permission(request) or not can_download(request.user, queryset.model):
        raise PermissionDenied
    record = get_object_or_404(visible(queryset, request.user), pk=pk)  # another workspace's: not found
    document = getattr(record, field)
    if not document:
        raise Http404
    try:
        handle = document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=f"{slugify(name(record)) or 'document'}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def dpa_document(request: HttpRequest, pk: int):
    """The signed data processing agreement (Art. 28(9): in writing), as an attachment."""
    agreements = DataProcessingAgreement.objects.select_related("processor")
    return _serve_pdf(request, agreements, pk, "document", lambda dpa: f"dpa-{dpa.processor.name}-{dpa.version}")


@require_safe
def tia_document(request: HttpRequest, pk: int):
    """The transfer impact assessment that accompanies a transfer under Art. 46 safeguards."""
    return _serve_pdf(request, Transfer.objects.all(), pk, "tia_document", lambda t: f"impact-assessment-{t.pk}")


@require_safe
def dpia_document(request: HttpRequest, pk: int):
    """The DPIA report (Art. 35(7)) as an attachment."""
    dpias = Dpia.objects.select_related("activity")
    return _serve_pdf(request, dpias, pk, "document", lambda dpia: f"dpia-{dpia.activity.name}")
