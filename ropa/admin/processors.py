"""Processors, their DPAs (Art. 28), transfers (Arts. 44–49) and adequacy decisions in the admin.

Registered by ropa/admin/__init__.py, which autodiscovery imports, with the rest of the record.
"""

from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from ropa.admin.countries import CountrySearchAdminMixin
from ropa.admin.history import HistoryAdmin
from ropa.documents.views import can_download
from ropa.models import (
    AdequacyDecision,
    Clause,
    DataProcessingAgreement,
    DpaStatus,
    Processor,
    ProcessorUse,
    SubProcessorObjection,
    Transfer,
)
from ropa.workspaces.admin import WorkspaceScopedAdmin, WorkspaceScopedInline

STATUS_CSS = {
    DpaStatus.ACTIVE: "ropa-ok",
    DpaStatus.DUE_FOR_REVIEW: "ropa-due-soon",
    DpaStatus.INCOMPLETE: "ropa-due-soon",
    DpaStatus.EXPIRED: "ropa-missing",
    DpaStatus.MISSING: "ropa-missing",
    DpaStatus.NOT_REQUIRED: "",
}


def status_badge(status: DpaStatus) -> str:
    if not STATUS_CSS[status]:
        return status.label
    return format_html('<span class="{}">{}</span>', STATUS_CSS[status], status.label)


def agreement_status(processor: Processor) -> str:
    """The processor's DPA status; where no agreement is in force, a link to record one (Art. 28(3))."""
    status = processor.dpa_status
    if status not in (DpaStatus.MISSING, DpaStatus.EXPIRED):
        return status_badge(status)
    url = reverse("admin:ropa_dataprocessingagreement_add") + f"?processor={processor.pk}"
    return format_html(
        '{} <a class="addlink" href="{}">{}</a>', status_badge(status), url, _("Add an agreement"),
    )


class _PrivateFile:
    """What the file widget shows for a private file: its name, linked to the permission-checked view."""

    def __init__(self, file, url: str) -> None:
        self.file, self.url = file, url

    def __str__(self) -> str:
        return self.file.name


class PrivateFileWidget(AdminFileWidget):
    """A file input whose current file links to a download view; private storage has no public URL."""

    def __init__(self, url_name: str, attrs=None) -> None:
        super().__init__(attrs)
        self.url_name = url_name

    def is_initial(self, value) -> bool:
        return bool(value and getattr(value, "name", None) and getattr(value.instance, "pk", None))

    def format_value(self, value):
        if self.is_initial(value):
            return _PrivateFile(value, reverse(self.url_name, args=[value.instance.pk]))
        return None


class PrivateFileAdminMixin:
    """Private files on a change page: a file input linked to the download view for those who may change the
    record; for those who may only view it, the file as a link when they may download it, else its name.

    Django shows a read-only file field by its storage URL, which private storage refuses to give (a 500 for
    every read-only role before issue 21), so a read-only page shows one of two display fields instead.
    """

    private_file_urls: dict[str, str] = {}

    def __init__(self, model, admin_site) -> None:
        super().__init__(model, admin_site)
        for field_name, url_name in self.private_file_urls.items():
            label = model._meta.get_field(field_name).verbose_name
            setattr(self, f"{field_name}_link", admin.display(description=label)(_file_link(field_name, url_name)))
            setattr(self, f"{field_name}_name", admin.display(description=label)(_file_name(field_name)))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.private_file_urls:
            kwargs["widget"] = PrivateFileWidget(self.private_file_urls[db_field.name])
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def _file_displays(self, request, obj) -> dict[str, str]:
        """{file field: the display field that replaces it} on a page this user may only read; else empty."""
        if obj is None or self.has_change_permission(request, obj):
            return {}
        suffix = "link" if can_download(request.user, self.model) else "name"
        return {field_name: f"{field_name}_{suffix}" for field_name in self.private_file_urls}

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        swap = self._file_displays(request, obj)
        if not swap:
            return fieldsets

        def swapped(fields):
            return [tuple(swap.get(f, f) for f in field) if isinstance(field, list | tuple) else swap.get(field, field)
                    for field in fields]

        return [(title, {**options, "fields": swapped(options["fields"])}) for title, options in fieldsets]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *self._file_displays(request, obj).values()]


def _file_link(field_name: str, url_name: str):
    def display(obj) -> str:
        document = getattr(obj, field_name)
        if not document or not obj.pk:
            return "–"
        return format_html('<a href="{}">{}</a>', reverse(url_name, args=[obj.pk]), _("Download (PDF)"))

    return display


def _file_name(field_name: str):
    def display(obj) -> str:
        document = getattr(obj, field_name)
        return _("A signed PDF is on file.") if document else "–"

    return display


class DpaStatusFilter(admin.SimpleListFilter):
    title = _("DPA status")
    parameter_name = "dpa_status"

    def lookups(self, request, model_admin):
        return DpaStatus.choices

    def queryset(self, request, queryset):
        return queryset.filter(dpa_status_value=self.value()) if self.value() else queryset


class AgreementStatusFilter(DpaStatusFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        processor_only = (DpaStatus.MISSING, DpaStatus.NOT_REQUIRED)
        return [(status, status.label) for status in DpaStatus if status not in processor_only]

    def queryset(self, request, queryset):
        return queryset.filter(status_value=self.value()) if self.value() else queryset


class ProcessorUseInline(WorkspaceScopedInline, admin.TabularInline):
    model = ProcessorUse
    extra = 0
    fields = ["activity", "personal_data_categories", "note"]
    autocomplete_fields = ["activity", "personal_data_categories"]
    verbose_name_plural = _("processing activities that use it")


@admin.register(Processor)
class ProcessorAdmin(WorkspaceScopedAdmin, CountrySearchAdminMixin, HistoryAdmin):
    list_display = ["name", "organisation", "role", "country_codes", "dpa_status_display"]
    list_filter = [DpaStatusFilter, "role"]
    list_select_related = ["organisation"]
    search_fields = ["name", "service", "organisation__name"]
    autocomplete_fields = ["organisation", "sub_processors"]
    readonly_fields = ["dpa_status_display", "chain_display", "engaged_by_display"]
    inlines = [ProcessorUseInline]
    fieldsets = [
        (None, {"fields": ["name", "organisation", "role", "service", "countries", "dpa_status_display"]}),
        (_("Contact"), {"fields": ["contact_name", "contact_email"]}),
        (_("Sub-processors (Art. 28(2) and (4))"), {
            "fields": ["sub_processors", "chain_display", "engaged_by_display"],
        }),
        (_("Notes"), {"fields": ["notes"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_dpa_status()

    @admin.display(description=_("countries"))
    def country_codes(self, processor: Processor) -> str:
        return ", ".join(country.code for country in processor.countries)

    @admin.display(description=_("DPA status"), ordering="dpa_status_value")
    def dpa_status_display(self, processor: Processor) -> str:
        return agreement_status(processor) if processor.pk else "–"

    @admin.display(description=_("chain of sub-processors"))
    def chain_display(self, processor: Processor) -> str:
        chain = processor.sub_processor_chain() if processor.pk else []
        if not chain:
            return _("No sub-processors recorded.")
        rows = (
            (
                "\u00a0\u00a0\u00a0\u00a0" * (link.depth - 1),
                reverse("admin:ropa_processor_change", args=[link.processor.pk]),
                link.processor.name,
                ", ".join(country.name for country in link.processor.countries) or "–",
            )
            for link in chain
        )
        return format_html("<ul>{}</ul>", format_html_join("", '<li>{}↳ <a href="{}">{}</a> ({})</li>', rows))

    @admin.display(description=_("engaged by"))
    def engaged_by_display(self, processor: Processor) -> str:
        if not processor.pk:
            return "–"
        return ", ".join(parent.name for parent in processor.engaged_by.all()) or "–"


class SubProcessorObjectionInline(WorkspaceScopedInline, admin.StackedInline):
    model = SubProcessorObjection
    extra = 0
    fields = [("change", "sub_processor"), ("notified_on", "objected_on"), "grounds", "outcome"]
    autocomplete_fields = ["sub_processor"]


@admin.register(DataProcessingAgreement)
class DataProcessingAgreementAdmin(WorkspaceScopedAdmin, PrivateFileAdminMixin, HistoryAdmin):
    private_file_urls = {"document": "ropa:dpa_document"}
    list_display = ["__str__", "processor", "signed_on", "ends_on", "next_review", "status_display"]
    list_filter = [AgreementStatusFilter, "sub_processor_authorisation"]
    list_select_related = ["processor"]
    search_fields = ["processor__name", "version", "subject_matter"]
    autocomplete_fields = ["processor", "personal_data_categories", "data_subject_categories"]
    readonly_fields = ["status_display", "missing_clauses_display"]
    inlines = [SubProcessorObjectionInline]
    fieldsets = [
        (None, {
            "fields": [
                "processor", "version", ("signed_on", "effective_from", "ends_on"), "next_review", "document",
                "status_display",
            ],
        }),
        (_("What the agreement covers (Art. 28(3))"), {
            "fields": [
                "subject_matter", "duration", "nature_and_purpose", "personal_data_categories",
                "data_subject_categories",
            ],
        }),
        (_("The processor's obligations (Art. 28(3)(a)–(h))"), {
            "fields": ["missing_clauses_display", *[(f"clause_{c.value}", f"clause_{c.value}_note") for c in Clause]],
        }),
        (_("Sub-processors (Art. 28(2))"), {"fields": ["sub_processor_authorisation", "sub_processor_notice_days"]}),
        (_("Notes"), {"fields": ["notes"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_status()

    @admin.display(description=_("status"), ordering="status_value")
    def status_display(self, agreement: DataProcessingAgreement) -> str:
        return status_badge(agreement.status) if agreement.pk else "–"

    @admin.display(description=_("clauses not confirmed"))
    def missing_clauses_display(self, agreement: DataProcessingAgreement) -> str:
        missing = agreement.missing_clauses()
        if not missing:
            return _("Every clause is confirmed.")
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((c.label,) for c in missing)))


class SafeguardFilter(admin.SimpleListFilter):
    title = _("safeguard")
    parameter_name = "safeguard"

    def lookups(self, request, model_admin):
        return [("missing", _("Without a valid safeguard")), ("valid", _("With a valid safeguard"))]

    def queryset(self, request, queryset):
        if self.value() in ("missing", "valid"):
            return queryset.filter(valid_safeguard=self.value() == "valid")
        return queryset


@admin.register(Transfer)
class TransferAdmin(WorkspaceScopedAdmin, CountrySearchAdminMixin, PrivateFileAdminMixin, HistoryAdmin):
    private_file_urls = {"tia_document": "ropa:tia_document"}
    list_display = ["__str__", "activity", "processor", "tool", "safeguard_display", "tia_date"]
    list_filter = [SafeguardFilter, "tool", "recipient_dpf_certified", "destination_country"]
    list_select_related = ["activity", "processor"]
    search_fields = ["recipient", "processor__name", "activity__name", "international_organisation"]
    autocomplete_fields = ["activity", "processor"]
    readonly_fields = ["summary_display"]
    fieldsets = [
        (None, {"fields": ["activity", "processor", "recipient", "description"]}),
        (_("Destination (Art. 44)"), {
            "fields": ["destination_country", "international_organisation", "recipient_dpf_certified"],
        }),
        (_("Transfer tool (Arts. 45–49)"), {
            "fields": [
                "summary_display", "tool", ("scc_module", "scc_signed_on"), "safeguard_details", "derogation",
                "derogation_assessment", "authority_informed_on",
            ],
        }),
        (_("Transfer impact assessment"), {"fields": ["tia_date", "tia_document", "supplementary_measures"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_safeguard()

    @admin.display(description=_("valid safeguard"), boolean=True, ordering="valid_safeguard")
    def safeguard_display(self, transfer: Transfer) -> bool:
        return transfer.has_valid_safeguard

    @admin.display(description=_("what makes it lawful"))
    def summary_display(self, transfer: Transfer) -> str:
        return transfer.safeguard_summary() if transfer.pk else "–"


@admin.register(AdequacyDecision)
class AdequacyDecisionAdmin(WorkspaceScopedAdmin, CountrySearchAdminMixin, HistoryAdmin):
    list_display = [
        "destination", "reference", "adopted_on", "expires_on", "certified_recipients_only",
        "awaiting_eea_incorporation",
    ]
    list_filter = ["certified_recipients_only", "awaiting_eea_incorporation"]
    search_fields = ["reference", "international_organisation", "scope"]


@admin.register(ProcessorUse)
class ProcessorUseAdmin(WorkspaceScopedAdmin, HistoryAdmin):
    list_display = ["activity", "processor", "note"]
    list_select_related = ["activity", "processor"]
    search_fields = ["activity__name", "processor__name"]
    autocomplete_fields = ["activity", "processor", "personal_data_categories"]


@admin.register(SubProcessorObjection)
class SubProcessorObjectionAdmin(WorkspaceScopedAdmin, HistoryAdmin):
    list_display = ["change", "agreement", "objected_on"]
    list_select_related = ["agreement__processor"]
    autocomplete_fields = ["agreement", "sub_processor"]
