"""The privacy officer's dashboard: what needs attention today, the data map, and every running deadline, as
pages of the admin."""

from django.contrib import admin
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from ropa.dashboard.counts import attention_items
from ropa.dashboard.datamap import data_maps
from ropa.dashboard.deadlines import running_deadlines
from ropa.models import ProcessingActivity


@require_safe
def dashboard(request: HttpRequest) -> TemplateResponse:
    opts = ProcessingActivity._meta
    can_see_record = request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or request.user.has_perm(
        f"{opts.app_label}.change_{opts.model_name}"
    )
    context = {
        **admin.site.each_context(request),
        "title": _("Dashboard"),
        "items": attention_items(request.user),
        "maps": data_maps(request.user) if can_see_record else [],
    }
    return TemplateResponse(request, "admin/ropa/dashboard.html", context)


@require_safe
def deadlines(request: HttpRequest) -> TemplateResponse:
    """Every running deadline and 72-hour clock in the person's workspaces, each row naming its company."""
    context = {
        **admin.site.each_context(request),
        "title": _("Running deadlines"),
        "rows": running_deadlines(request.user),
    }
    return TemplateResponse(request, "admin/ropa/deadlines.html", context)
