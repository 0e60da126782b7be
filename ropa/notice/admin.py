"""The officer's side of the notice: the introduction, edited on the controller's page, and a preview that
lists what the public notice leaves out and why (a gap in the record never becomes a promise in public)."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ropa.models import NoticeIntroduction, Organisation
from ropa.notice.views import notice_context, notice_for
from ropa.workspaces.admin import WorkspaceScopedInline


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
        return [
            path("<path:object_id>/privacy-notice/", preview, name="ropa_organisation_privacy_notice"),
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
        organisation = self.get_object(request, object_id)
        if organisation is None:
            raise Http404
        if not self.has_view_or_change_permission(request, organisation):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": organisation,
            "title": _("Privacy notice of %(name)s: preview") % {"name": organisation.name},
        }
        # Only a controller tells data subjects about its processing; the page says so for anyone else.
        if organisation.role == Organisation.Role.CONTROLLER:
            context.update(notice_context(request, notice_for(organisation)))
        return TemplateResponse(request, "admin/ropa/organisation/privacy_notice_preview.html", context)
