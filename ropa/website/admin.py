"""The cookie register on the controller's page, and each website's checks with their findings.

The "check now" button only queues a check as a job: the worker (`manage.py worker`, ropa/website/jobs.py) does the
browsing, never a web request (a check takes minutes and starts a browser); `check_website --queued` runs the
queued checks from cron instead.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ropa.admin.history import HistoryAdmin
from ropa.jobs.queue import enqueue
from ropa.models import Organisation
from ropa.website.jobs import check_website
from ropa.website.models import Cookie, Finding, Website, WebsiteCheck
from ropa.workspaces.admin import WorkspaceScopedAdmin, WorkspaceScopedInline

CONTROLLER_ROLES = (Organisation.Role.CONTROLLER, Organisation.Role.JOINT_CONTROLLER)


def _findings(count: int) -> str:
    return ngettext("%(count)s finding", "%(count)s findings", count) % {"count": count}


class WebsiteInline(WorkspaceScopedInline, admin.TabularInline):
    model = Website
    extra = 0
    fields = ["address", "reject_selector", "accept_selector", "check_link"]
    readonly_fields = ["check_link"]

    @admin.display(description=_("checks"))
    def check_link(self, website: Website) -> str:
        if not website.pk:
            return ""
        return format_html('<a href="{}">{}</a>', reverse("admin:ropa_website_change", args=[website.pk]),
                           gettext("Checks and findings"))


class CookieInline(WorkspaceScopedInline, admin.TabularInline):
    model = Cookie
    extra = 0
    fields = ["name", "kind", "party", "host", "category", "purpose", "lifetime", "website", "activity", "processor"]
    autocomplete_fields = ["activity", "processor"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        organisation_id = request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
        if db_field.name == "website":
            kwargs["queryset"] = Website.objects.filter(organisation_id=organisation_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def register_inlines_for(organisation: Organisation | None) -> list:
    """Websites and cookies on a controller's page; a processor's or recipient's page has no website of ours."""
    if organisation is None or organisation.role in CONTROLLER_ROLES:
        return [WebsiteInline, CookieInline]
    return []


class FindingInline(WorkspaceScopedInline, admin.TabularInline):
    model = Finding
    extra = 0
    can_delete = False
    fields = ["kind", "subject", "described", "page", "is_new"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("what is wrong"))
    def described(self, finding: Finding) -> str:
        return finding.message()


class OpenFilter(admin.SimpleListFilter):
    title = _("open")
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return [("yes", _("Found by each website's latest check"))]

    def queryset(self, request, queryset):
        return queryset.open() if self.value() == "yes" else queryset


@admin.register(Finding)
class FindingAdmin(WorkspaceScopedAdmin, HistoryAdmin):
    list_display = ["subject", "kind", "website", "is_new", "described"]
    list_filter = [OpenFilter, "kind", "is_new"]
    list_select_related = ["website_check__website"]
    readonly_fields = ["website_check", "kind", "subject", "page", "details", "is_new"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("website"))
    def website(self, finding: Finding) -> str:
        return str(finding.website_check.website)

    @admin.display(description=_("what is wrong"))
    def described(self, finding: Finding) -> str:
        return finding.message()


@admin.register(WebsiteCheck)
class WebsiteCheckAdmin(WorkspaceScopedAdmin, HistoryAdmin):
    list_display = ["website", "started_at", "status", "progress", "open_findings"]
    list_filter = ["status"]
    fields = ["website", "started_at", "finished_at", "status", "progress", "error", "compared"]
    readonly_fields = fields
    inlines = [FindingInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("progress"))
    def progress(self, check: WebsiteCheck) -> str:
        return gettext("%(done)s of %(planned)s pages") % {"done": check.pages_checked, "planned": check.pages_planned}

    @admin.display(description=_("findings"))
    def open_findings(self, check: WebsiteCheck) -> int:
        return check.findings.count()

    @admin.display(description=_("since the previous check"))
    def compared(self, check: WebsiteCheck) -> str:
        from ropa.website.findings import comparison

        return comparison(check)


@admin.register(Website)
class WebsiteAdmin(WorkspaceScopedAdmin, HistoryAdmin):
    list_display = ["address", "organisation", "last_check"]
    list_filter = ["organisation"]
    search_fields = ["address", "organisation__name"]
    fields = ["organisation", "address", "reject_selector", "accept_selector", "checks"]
    readonly_fields = ["checks"]
    change_form_template = "admin/ropa/website/change_form.html"

    def get_urls(self):
        check = self.admin_site.admin_view(self.queue_check)
        return [path("<int:object_id>/check/", check, name="ropa_website_check"), *super().get_urls()]

    def queue_check(self, request, object_id: int):
        """Queue a check for the worker; a POST only, and only for those who may run checks."""
        if request.method != "POST" or not request.user.has_perm("ropa.check_website"):
            raise PermissionDenied
        website = get_object_or_404(Website, pk=object_id)
        if website.checks.filter(status__in=[WebsiteCheck.Status.QUEUED, WebsiteCheck.Status.RUNNING]).exists():
            messages.info(request, gettext("A check of this website is already waiting or running."))
        else:
            with transaction.atomic():
                queued = WebsiteCheck.objects.create(website=website)
                enqueue(check_website, {"check": queued.pk}, owner=request.user)
            messages.success(
                request, gettext("The check is queued: the worker runs it, and this page shows its progress."),
            )
        return redirect("admin:ropa_website_change", object_id)

    @admin.display(description=_("last check"))
    def last_check(self, website: Website) -> str:
        check = website.checks.first()
        return f"{check.started_at:%Y-%m-%d} {check.get_status_display()}" if check else "—"

    @admin.display(description=_("checks"))
    def checks(self, website: Website) -> str:
        rows = [
            (reverse("admin:ropa_websitecheck_change", args=[check.pk]), f"{check.started_at:%Y-%m-%d %H:%M}",
             check.get_status_display(),
             gettext("%(done)s of %(planned)s pages") % {"done": check.pages_checked, "planned": check.pages_planned},
             _findings(check.findings.count()))
            for check in website.checks.all()[:20]
        ]
        if not rows:
            return gettext("Not checked yet.")
        return format_html("<ul>{}</ul>", format_html_join(
            "", '<li><a href="{}">{}</a>: {}, {}, {}</li>', rows,
        ))
