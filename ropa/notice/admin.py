"""The officer's side of the notice: the introduction, edited on the controller's page, and a preview that
lists what the public notice leaves out and why (a gap in the record never becomes a promise in public)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ropa.admin.history import HistoryAdmin
from ropa.models import NoticeIntroduction, Organisation, PublishedNotice, WordingTranslation
from ropa.models.notice import NOTICE_LANGUAGES
from ropa.notice.content import notice_language, write_notice
from ropa.notice.publishing import NotPublishable, publish, refusals
from ropa.notice.sources import live_parts
from ropa.notice.views import BadDate, _as_of, notice_context, notice_for, request_form_url
from ropa.workspaces.admin import WorkspaceScopedAdmin, WorkspaceScopedInline


class NoticeIntroductionInline(WorkspaceScopedInline, admin.StackedInline):
    model = NoticeIntroduction
    extra = 0
    max_num = 1
    can_delete = False
    verbose_name_plural = _("introduction to the privacy notice")
    fields = ["text_nb", "text_en", "text_sv"]


class PrivacyNoticeAdminMixin:
    """For OrganisationAdmin: the preview page, and links to it and to the public notice."""

    def get_urls(self):
        preview = self.admin_site.admin_view(self.privacy_notice_preview)
        publish_view = self.admin_site.admin_view(require_POST(self.privacy_notice_publish))
        return [
            path("<path:object_id>/privacy-notice/", preview, name="ropa_organisation_privacy_notice"),
            path("<path:object_id>/privacy-notice/publish/", publish_view, name="ropa_organisation_publish_notice"),
            *super().get_urls(),
        ]

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        if obj is not None and obj.role == Organisation.Role.CONTROLLER:
            inlines.append(NoticeIntroductionInline(self.model, self.admin_site))
        return inlines

    @admin.display(description=_("privacy notice"))
    def privacy_notice_links(self, organisation: Organisation) -> str:
        if not organisation.pk:
            return _("Save the organisation to see its privacy notice.")
        if organisation.role != Organisation.Role.CONTROLLER:
            return _("Only a controller has a privacy notice.")
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:ropa_organisation_privacy_notice", args=[organisation.pk]),
            _("Preview, with what is left out"),
            reverse("ropa:privacy_notice", args=[organisation.pk]), _("The public notice"),
        )

    def privacy_notice_preview(self, request, object_id: str):
        """The notice as the record stands in one language (`?language=`), or stood on a day (`?as_of=`), with
        what is left out, whether each language may be published, and the versions published so far."""
        organisation = self._notice_owner(request, object_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": organisation,
            "title": _("Privacy notice of %(name)s: preview") % {"name": organisation.name},
        }
        # Only a controller tells data subjects about its processing; the page says so for anyone else.
        if organisation.role != Organisation.Role.CONTROLLER:
            return TemplateResponse(request, "admin/ropa/organisation/privacy_notice_preview.html", context)
        try:
            as_of = _as_of(request)
        except BadDate:
            as_of = None
            messages.error(request, _("Give the date as YYYY-MM-DD, for example 2026-01-31."))
        wanted = request.GET.get("language", "")
        language = wanted if wanted in NOTICE_LANGUAGES else organisation.record_language
        if as_of is not None:
            context.update(notice_context(request, notice_for(organisation, as_of, language)))
        else:
            parts = live_parts(organisation)
            notices = {code: write_notice(parts, language=code) for code in NOTICE_LANGUAGES}
            context.update(notice_context(request, notices[language]))
            context["notice_languages_status"] = [
                {"code": code, "name": translation.get_language_info(code)["name_translated"],
                 "refusals": refusals(notices[code]), "is_record_language": code == organisation.record_language}
                for code in NOTICE_LANGUAGES
            ]
        context.update({
            "as_of": as_of, "language": language,
            "published": PublishedNotice.objects.filter(organisation=organisation).select_related("published_by")
            .defer("body_html", "markdown", "outline"),
            "can_publish": self.has_change_permission(request, organisation),
            "translate_url": reverse("admin:ropa_wordingtranslation_add") + "?" + urlencode({
                "organisation": organisation.pk, "language": language,
            }),
        })
        return TemplateResponse(request, "admin/ropa/organisation/privacy_notice_preview.html", context)

    def privacy_notice_publish(self, request, object_id: str):
        """Publish the notice in the posted language; refused, with what to fill, while the record cannot be told."""
        organisation = self._notice_owner(request, object_id)
        if organisation.role != Organisation.Role.CONTROLLER or not self.has_change_permission(request, organisation):
            raise PermissionDenied
        language = notice_language(request.POST.get("language"))
        preview = reverse("admin:ropa_organisation_privacy_notice", args=[organisation.pk])
        try:
            version = publish(organisation, language, request.user, request_form_url(request, organisation))
        except NotPublishable as refused:
            messages.error(request, _("The notice was not published. Fill in first: %(reasons)s") % {
                "reasons": " · ".join(refused.reasons),
            })
        else:
            messages.success(request, _("Version %(version)s of the notice in %(language)s is published.") % {
                "version": version.version, "language": version.get_language_display(),
            })
        return HttpResponseRedirect(f"{preview}?{urlencode({'language': language})}")

    def _notice_owner(self, request, object_id: str) -> Organisation:
        organisation = self.get_object(request, object_id)
        if organisation is None:
            raise Http404
        if not self.has_view_or_change_permission(request, organisation):
            raise PermissionDenied
        return organisation


@admin.register(WordingTranslation)
class WordingTranslationAdmin(WorkspaceScopedAdmin, HistoryAdmin):
    """The controller's translations of its public wording, one text at a time (Art. 12(1))."""

    list_display = ["original", "language", "translation", "organisation"]
    list_filter = ["language", "organisation"]
    search_fields = ["original", "translation"]
    fields = ["organisation", "language", "original", "translation"]
