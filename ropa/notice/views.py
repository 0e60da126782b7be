"""The public privacy notice: the version the officer published (no login, no JavaScript), its earlier versions
with what changed (Art. 13(3)), and the same text as HTML and Markdown files.

The notice is offered only in the languages it was published in, and a page is wholly in one of them: the
reader's if it is offered, else the record's own language (Art. 12(1): never half one language, half another).
`?as_of=YYYY-MM-DD` shows the version in force at the end of that day (Art. 5(2): what people were told, and when).
"""

import datetime

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ropa.history.as_of import end_of_day
from ropa.models import Organisation, PublishedNotice
from ropa.models.notice import NOTICE_LANGUAGES
from ropa.notice.content import Notice, notice_language, write_notice
from ropa.notice.sources import live_parts, parts_as_of
from ropa.website.declaration import cookie_groups


class BadDate(ValueError):
    pass


def notice_for(organisation: Organisation, as_of: datetime.date | None = None, language: str | None = None) -> Notice:
    """The notice as the record stands, or stood at the end of `as_of`, unpublished (the officer's preview)."""
    if as_of is None or as_of >= timezone.localdate():
        return write_notice(live_parts(organisation), language=language)
    return write_notice(parts_as_of(organisation, as_of), as_of, language=language)


def request_form_url(request: HttpRequest, organisation: Organisation) -> str:
    return request.build_absolute_uri(reverse("requests:intake_for", args=[organisation.pk]))


def notice_context(request: HttpRequest, notice: Notice) -> dict:
    return {
        "notice": notice, "organisation": notice.organisation,
        "request_form_url": request_form_url(request, notice.organisation),
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


def _bad_date() -> HttpResponse:
    return HttpResponseBadRequest(_("Give the date as YYYY-MM-DD, for example 2026-01-31."), content_type="text/plain")


def offered_languages(organisation: Organisation) -> list[str]:
    """The languages the controller has published its notice in, in the order of NOTICE_LANGUAGES."""
    published = set(PublishedNotice.objects.filter(organisation=organisation).values_list("language", flat=True))
    return [code for code in NOTICE_LANGUAGES if code in published]


def _page_language(organisation: Organisation, offered: list[str]) -> str:
    reader = notice_language()
    if reader in offered:
        return reader
    return organisation.record_language if organisation.record_language in offered else offered[0]


def _in_force(organisation: Organisation, language: str, as_of: datetime.date | None) -> PublishedNotice | None:
    versions = PublishedNotice.objects.filter(organisation=organisation, language=language)
    if as_of is not None:
        versions = versions.filter(published_at__lt=end_of_day(as_of))
    return versions.first()


def _render_in(request: HttpRequest, language: str, template: str, context: dict) -> HttpResponse:
    """The whole page in `language`, its chrome included, whatever the reader's browser asked for."""
    with translation.override(language):
        response = render(request, template, context)
    response["Content-Language"] = language
    return response


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
    organisation = get_object_or_404(_controllers(), pk=organisation_id)
    try:
        as_of = _as_of(request)
    except BadDate:
        return _bad_date()
    offered = offered_languages(organisation)
    context = {"organisation": organisation, "as_of": as_of,
               "request_form_url": request_form_url(request, organisation)}
    if not offered:
        return render(request, "notice/unpublished.html", context)
    language = _page_language(organisation, offered)
    shown = _in_force(organisation, language, as_of)
    if shown is None:
        return _render_in(request, language, "notice/unpublished.html", {**context, "offered": _choices(offered)})
    return _notice_page(request, organisation, shown, offered, as_of)


@require_safe
def privacy_notice_version(request: HttpRequest, organisation_id: int, language: str, version: int) -> HttpResponse:
    """One version, as it was published: earlier ones stay readable (Art. 13(3), Art. 5(2))."""
    organisation = get_object_or_404(_controllers(), pk=organisation_id)
    shown = get_object_or_404(PublishedNotice, organisation=organisation, language=language, version=version)
    return _notice_page(request, organisation, shown, offered_languages(organisation), None)


def _choices(codes: list[str]) -> list[tuple[str, str]]:
    return [(code, translation.get_language_info(code)["name_local"]) for code in codes]


def _notice_page(request, organisation, shown: PublishedNotice, offered: list[str], as_of) -> HttpResponse:
    versions = list(
        PublishedNotice.objects.filter(organisation=organisation, language=shown.language)
        .defer("body_html", "markdown", "outline")
    )
    latest = versions[0]
    return _render_in(request, shown.language, "notice/page.html", {
        "organisation": organisation, "shown": shown, "versions": versions, "is_latest": shown.pk == latest.pk,
        "as_of": as_of, "notice_languages": _choices(offered) if len(offered) > 1 else [],
    })


def _download(request: HttpRequest, organisation_id: int, suffix: str, content_type: str) -> HttpResponse:
    organisation = get_object_or_404(_controllers(), pk=organisation_id)
    try:
        as_of = _as_of(request)
    except BadDate:
        return _bad_date()
    offered = offered_languages(organisation)
    shown = _in_force(organisation, _page_language(organisation, offered), as_of) if offered else None
    if shown is None:
        raise Http404
    text = shown.body_html + "\n" if suffix == "html" else shown.markdown
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    response["Content-Language"] = shown.language
    day = (as_of or timezone.localdate()).isoformat()
    name = f"{slugify(organisation.name) or 'controller'}-privacy-notice-{shown.language}-{day}.{suffix}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
def privacy_notice_html(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """The published notice as an HTML fragment (no page around it) to paste into a web shop's CMS."""
    return _download(request, organisation_id, "html", "text/html")


@require_safe
def privacy_notice_markdown(request: HttpRequest, organisation_id: int) -> HttpResponse:
    return _download(request, organisation_id, "md", "text/markdown")

