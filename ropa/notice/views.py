"""The public privacy notice: a page (no login, no JavaScript), and the same text as HTML and Markdown files.

`?as_of=YYYY-MM-DD` shows the notice as the record stood at the end of that day (Art. 5(2): the controller
can show what it told people, and when).
"""

import datetime

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ropa.models import Organisation
from ropa.notice.content import Notice, write_notice
from ropa.notice.sources import live_parts, parts_as_of
from ropa.website.declaration import cookie_groups


class BadDate(ValueError):
    pass


def notice_for(organisation: Organisation, as_of: datetime.date | None = None) -> Notice:
    """The notice as it stands, or as it stood at the end of `as_of` (today or later: as it stands)."""
    if as_of is None or as_of >= timezone.localdate():
        return write_notice(live_parts(organisation))
    return write_notice(parts_as_of(organisation, as_of), as_of)


def notice_context(request: HttpRequest, notice: Notice) -> dict:
    form = reverse("requests:intake_for", args=[notice.organisation.pk])
    return {
        "notice": notice, "organisation": notice.organisation, "request_form_url": request.build_absolute_uri(form),
        "cookie_groups": cookie_groups(notice.organisation, notice.as_of),
    }


def _as_of(request: HttpRequest) -> datetime.date | None:
    value = request.GET.get("as_of", "").strip()
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise BadDate(value) from None


def _controllers():
    return Organisation.objects.filter(role=Organisation.Role.CONTROLLER)


def _notice(request: HttpRequest, organisation_id: int) -> Notice:
    return notice_for(get_object_or_404(_controllers(), pk=organisation_id), _as_of(request))


def _bad_date() -> HttpResponse:
    return HttpResponseBadRequest(_("Give the date as YYYY-MM-DD, for example 2026-01-31."), content_type="text/plain")


@require_safe
def privacy_notices(request: HttpRequest) -> HttpResponse:
    """/privacy/: the only controller's notice, or a list of the controllers to choose from."""
    controllers = list(_controllers().order_by("name", "pk"))
    if not controllers:
        raise Http404
    if len(controllers) == 1:
        return redirect("ropa:privacy_notice", controllers[0].pk)
    return render(request, "notice/choose.html", {"organisations": controllers})


@require_safe
def privacy_notice(request: HttpRequest, organisation_id: int) -> HttpResponse:
    try:
        notice = _notice(request, organisation_id)
    except BadDate:
        return _bad_date()
    return render(request, "notice/page.html", notice_context(request, notice))


def _download(request: HttpRequest, organisation_id: int, template: str, suffix: str, content_type: str):
    try:
        notice = _notice(request, organisation_id)
    except BadDate:
        return _bad_date()
    text = render_to_string(template, notice_context(request, notice), request=request)
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    day = (notice.as_of or timezone.localdate()).isoformat()
    name = f"{slugify(notice.organisation.name) or 'controller'}-privacy-notice-{get_language()}-{day}.{suffix}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
def privacy_notice_html(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """The notice as an HTML fragment (no page around it) to paste into a web shop's CMS."""
    return _download(request, organisation_id, "notice/download.html", "html", "text/html")


@require_safe
def privacy_notice_markdown(request: HttpRequest, organisation_id: int) -> HttpResponse:
    return _download(request, organisation_id, "notice/notice.md", "md", "text/markdown")
