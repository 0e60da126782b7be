"""The record in the Django admin: fieldsets follow Art. 30(1)(a)–(g), every change kept in history."""

from types import SimpleNamespace

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.admin.views.main import ChangeList
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ropa.admin.countries import CountrySearchAdminMixin
from ropa.admin.dpia import DpiaFilter, MissingItemFilter, dpia_column, dpias_display, screening_display
from ropa.admin.history import HistoryAdmin
from ropa.admin.processors import agreement_status
from ropa.admin.sections import SectionedChangeFormMixin
from ropa.exports.views import RecordExportAdminMixin
from ropa.models import (
    DataSubjectCategory,
    DpiaScreening,
    LegalBasis,
    Organisation,
    PersonalDataCategory,
    ProcessingActivity,
    ProcessorActivity,
    ProcessorUse,
    Purpose,
    RecipientCategory,
    RetentionRule,
    SecurityMeasure,
    System,
)
from ropa.notice.admin import PrivacyNoticeAdminMixin
from ropa.website.admin import register_inlines_for
from ropa.workspaces.access import visible
from ropa.workspaces.admin import WorkspaceScopedAdmin, WorkspaceScopedInline

admin.site.site_header = _("ropa: record of processing activities")
admin.site.site_title = _("ropa")
admin.site.index_title = _("Record of processing and rights requests")


class VocabularyAdmin(WorkspaceScopedAdmin, HistoryAdmin):
    list_display = ["name", "name_nb", "name_sv"]
    search_fields = ["name", "name_nb", "name_sv", "description"]


@admin.register(DataSubjectCategory)
class PlainVocabularyAdmin(VocabularyAdmin):
    pass


@admin.register(RecipientCategory)
class RecipientCategoryAdmin(VocabularyAdmin):
    list_display = ["name", "name_nb", "name_sv", "internal"]
    list_filter = ["internal"]


@admin.register(PersonalDataCategory)
class PersonalDataCategoryAdmin(VocabularyAdmin):
    list_display = ["name", "name_nb", "name_sv", "kind", "national_identity_number"]
    list_filter = ["kind", "national_identity_number"]


@admin.register(SecurityMeasure)
class SecurityMeasureAdmin(VocabularyAdmin):
    list_display = ["name", "name_nb", "name_sv", "kind"]
    list_filter = ["kind"]


@admin.register(System)
class SystemAdmin(WorkspaceScopedAdmin, CountrySearchAdminMixin, HistoryAdmin):
    list_display = ["name", "vendor", "location"]
    list_select_related = ["vendor"]
    search_fields = ["name", "description", "vendor__name"]
    autocomplete_fields = ["vendor"]


@admin.register(Organisation)
class OrganisationAdmin(WorkspaceScopedAdmin, CountrySearchAdminMixin, PrivacyNoticeAdminMixin, HistoryAdmin):
    list_display = ["name", "role", "organisation_number", "country", "email", "dpo_name"]
    list_filter = ["role", "country"]
    search_fields = ["name", "organisation_number", "email"]
    autocomplete_fields = ["representative"]
    readonly_fields = ["privacy_notice_links"]
    fieldsets = [
        (None, {"fields": ["name", "role", "organisation_number", "country"]}),
        (_("Contact details"), {"fields": ["address", "email", "phone", "website"]}),
        (_("Representative and data protection officer"), {
            "fields": ["representative", "dpo_name", "dpo_email", "dpo_phone"],
        }),
        (_("Rights requests"), {"fields": ["deadline_waits_for_identity"]}),
        (_("Privacy notice"), {"fields": ["record_language", "privacy_notice_links"]}),
    ]

    def get_inlines(self, request, obj=None):
        return register_inlines_for(obj)


class PurposeFormSet(BaseInlineFormSet):
    """Checks Art. 9 and Art. 10 against the categories submitted in the same form, before anything is saved."""

    def clean(self) -> None:
        super().clean()
        categories = getattr(self.instance, "_submitted_personal_data_categories", None)
        if categories is None or any(self.errors):
            return
        kept = [form.cleaned_data for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        purposes = [SimpleNamespace(article9=data.get("article9"), article10=data.get("article10")) for data in kept]
        self.instance.check_legal_bases(data_categories=list(categories), purposes=purposes)


class PurposeInline(WorkspaceScopedInline, admin.StackedInline):
    model = Purpose
    formset = PurposeFormSet
    extra = 0
    follows = "art30-a"
    verbose_name_plural = _("(b) Purposes and their legal bases")
    fields = [
        "description", ("article6", "article9", "article10"), "legal_reference", "balancing_test",
        "legitimate_interest", ("consent_record", "consent_demonstrable"), "direct_marketing",
    ]


class RetentionRuleInline(WorkspaceScopedInline, admin.StackedInline):
    """Art. 30(1)(f), stacked: as a table its six columns were 2,098 px wide on a 1280 px screen."""

    model = RetentionRule
    extra = 0
    follows = "art30-e"
    verbose_name_plural = _("(f) Time limits for erasure")
    fields = [("duration", "unit", "runs_from"), "personal_data_category", "legal_reference", "description"]
    autocomplete_fields = ["personal_data_category"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "description":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 60})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class ProcessorUseInline(WorkspaceScopedInline, admin.StackedInline):
    """Art. 28 and 30(1)(d): which processors this activity uses, which data each receives, and its agreement.

    Stacked: a table's cells have no labels, so a screen reader could not name its fields (axe: label)."""

    model = ProcessorUse
    extra = 0
    follows = "art30-d"
    verbose_name_plural = _("(d) Processors used (Art. 28)")
    fields = [("processor", "agreement"), "personal_data_categories", "note"]
    readonly_fields = ["agreement"]
    autocomplete_fields = ["processor", "personal_data_categories"]

    @admin.display(description=_("data processing agreement"))
    def agreement(self, use: ProcessorUse) -> str:
        return agreement_status(use.processor) if use.pk else "–"


class LegalBasisFilter(admin.SimpleListFilter):
    title = _("legal basis")
    parameter_name = "basis"

    def lookups(self, request, model_admin):
        return [*LegalBasis.Article6.choices, *LegalBasis.Article9.choices, *LegalBasis.Article10.choices]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        return queryset.with_basis(value)


class SpecialCategoryFilter(admin.SimpleListFilter):
    title = _("special categories")
    parameter_name = "special"

    def lookups(self, request, model_admin):
        return PersonalDataCategory.Kind.choices

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return queryset.filter(
            pk__in=ProcessingActivity.personal_data_categories.through.objects.filter(
                personaldatacategory__kind=self.value()
            ).values("processingactivity_id")
        )


class DepartmentFilter(admin.SimpleListFilter):
    title = _("department")
    parameter_name = "department"

    def lookups(self, request, model_admin):
        departments = (  # of the reader's workspaces only
            visible(ProcessingActivity.objects.exclude(department=""), request.user)
            .values_list("department", flat=True).distinct()
        )
        return [(name, name) for name in departments.order_by("department")]

    def queryset(self, request, queryset):
        return queryset.filter(department=self.value()) if self.value() else queryset


class ReviewFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", _("Review overdue")), ("none", _("No review planned"))]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.review_overdue()
        if self.value() == "none":
            return queryset.filter(next_review__isnull=True)
        return queryset


class CompletenessFilter(admin.SimpleListFilter):
    title = _("Art. 30 completeness")
    parameter_name = "complete"

    def lookups(self, request, model_admin):
        return [("no", _("Something missing")), ("yes", pgettext_lazy("completeness", "Complete"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.complete()
        if self.value() == "no":
            return queryset.incomplete()
        return queryset


class CompletenessChangeList(ChangeList):
    """Works out the completeness column for the rows on the page only, from the facts stored on each row:
    annotated on the whole queryset, the database would compute it for every row it sorts."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Each row's link keeps the filters. Django reverses the change URL and then resolves it again per row
        # to add them (add_preserved_filters); here the URL is reversed once and the filters, already encoded,
        # appended, and Django's per-row step is left nothing to do. Same links (tests/ropa/test_activity_admin.py).
        self._change_url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=["0"],
            current_app=self.model_admin.admin_site.name,
        ).rsplit("/0/", 1)
        self._row_filters, self.preserved_filters = self.preserved_filters, ""

    def url_for_result(self, result) -> str:
        url = f"{self._change_url[0]}/{quote(result.pk)}/{self._change_url[1]}"
        return f"{url}?{self._row_filters}" if self._row_filters else url

    def get_queryset(self, request, exclude_parameters=None):
        # The column reads the stored facts of the rows on the page: first make sure they hold for today.
        ProcessingActivity.objects.bring_completeness_up_to_date()
        return super().get_queryset(request, exclude_parameters)

    def get_results(self, request) -> None:
        super().get_results(request)
        self.result_list = list(self.result_list)
        ProcessingActivity.objects.attach_completeness(self.result_list)


class ProcessingActivityForm(forms.ModelForm):
    def clean(self):
        # Art. 30(1)(e): a new activity has no transfer recorded yet (ProcessingActivity.check_transfers).
        self.instance._recorded_transfers = 0 if self.instance.pk is None else None
        return super().clean()


@admin.register(ProcessingActivity)
class ProcessingActivityAdmin(WorkspaceScopedAdmin, SectionedChangeFormMixin, RecordExportAdminMixin, HistoryAdmin):
    list_display = ["name", "organisation", "department", "status", "legal_bases", "completeness", "dpia", "review"]
    list_filter = [
        "status", CompletenessFilter, MissingItemFilter, DpiaFilter, LegalBasisFilter, SpecialCategoryFilter,
        DepartmentFilter, ReviewFilter,
        "organisation",
    ]
    search_fields = ["name", "description", "department", "owner", "purposes__description"]
    autocomplete_fields = [
        "organisation", "joint_controllers", "data_subject_categories", "personal_data_categories",
        "recipient_categories", "security_measures", "systems",
    ]
    readonly_fields = ["missing_items_display", "transfers_display", "screening", "dpias", "created_at", "updated_at"]
    form = ProcessingActivityForm
    change_form_template = "admin/ropa/processingactivity/change_form.html"
    # Art. 30(1)(a)–(g) in order on one page: each inline follows the fieldset whose class it names
    # (ropa/admin/sections.py); what the article does not ask for is folded away below.
    inlines = [PurposeInline, ProcessorUseInline, RetentionRuleInline]
    fieldsets = [
        (_("(a) Controller"), {
            "classes": ["art30-a"],
            "fields": [
                "name", "organisation", "joint_controllers", "description", "department", "owner", "status",
                "missing_items_display",
            ],
        }),
        (_("(c) Data subjects and personal data"), {
            "classes": ["art30-c"],
            "fields": [
                "data_subject_categories", "personal_data_categories", "national_id_justification", "source_kind",
                "public_source", "source_description",
            ],
        }),
        (_("(d) Recipients"), {"classes": ["art30-d"], "fields": ["recipient_categories", "recipients_description"]}),
        (_("(e) Transfers to third countries"), {
            "classes": ["art30-e"], "fields": ["transfers_outside_eea", "transfers_display"],
        }),
        (_("(g) Security measures"), {"classes": ["art30-g"], "fields": ["security_measures", "security_description"]}),
        (_("Systems, automated decisions and risk"), {
            "classes": ["collapse"],
            "fields": [
                "systems", "automated_decision_making", "profiling", "systematic_monitoring",
                "automated_decision_description",
                "is_high_risk", "screening", "dpia_required", "dpia_status", "dpia_link", "dpias",
            ],
        }),
        (_("What data subjects are told, and internal notes"), {
            "classes": ["collapse"],
            "fields": ["public_description", "provision_requirement", "provision_consequences", "internal_notes"],
        }),
        (_("Review"), {
            "classes": ["collapse"], "fields": ["last_reviewed", "next_review", "created_at", "updated_at"],
        }),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation")

    def get_changelist(self, request, **kwargs):
        return CompletenessChangeList

    def get_search_results(self, request, queryset, search_term):
        """Django's search, with the activities matched through their purposes found by a subquery: Django would
        join the purposes and make the whole list DISTINCT over every column (on PostgreSQL, twice the page)."""
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if not may_have_duplicates:
            return found, False
        matching, _duplicates = super().get_search_results(request, self.model.objects.all(), search_term)
        return queryset.filter(pk__in=matching.values("pk")), False

    def get_readonly_fields(self, request, obj=None):
        # Art. 35(1): once screened, whether a DPIA is required is the screening's answer (see the inline).
        screened = obj is not None and DpiaScreening.objects.filter(activity=obj).exists()
        return [*super().get_readonly_fields(request, obj), *(["dpia_required"] if screened else [])]

    def save_form(self, request, form, change):
        activity = super().save_form(request, form, change)
        # The purpose formset validates Art. 9/10 against these before anything is written.
        activity._submitted_personal_data_categories = form.cleaned_data.get("personal_data_categories", [])
        return activity

    @admin.display(description=_("legal bases"))
    def legal_bases(self, activity: ProcessingActivity) -> str:
        # The purposes' codes stored on the row (ProcessingActivity.basis_codes): no query per page for them.
        articles = sorted({code for code in activity.basis_codes.split() if code in LegalBasis.Article6.values})
        return ", ".join(f"Art. {value[0]}(1)({value[-1]})" for value in articles)

    @admin.display(description=_("Art. 30 completeness"))
    def completeness(self, activity: ProcessingActivity) -> str:
        missing = activity.missing_items()
        if not missing:
            return format_html('<span class="ropa-ok">{}</span>', pgettext("completeness", "Complete"))
        labels = ", ".join(str(item.short_label) for item in missing)
        details = "; ".join(str(item.label) for item in missing)
        return format_html('<span class="ropa-missing" title="{}">{} {}</span>', details, gettext("Missing:"), labels)

    @admin.display(description=_("DPIA"))
    def dpia(self, activity: ProcessingActivity) -> str:
        return dpia_column(activity)

    @admin.display(description=_("DPIA screening (Art. 35(1))"))
    def screening(self, activity: ProcessingActivity) -> str:
        return screening_display(activity)

    @admin.display(description=_("DPIAs"))
    def dpias(self, activity: ProcessingActivity) -> str:
        return dpias_display(activity)

    @admin.display(description=_("next review"), ordering="next_review")
    def review(self, activity: ProcessingActivity) -> str:
        if not activity.next_review:
            return "–"
        css = "ropa-overdue" if activity.next_review < timezone.localdate() else ""
        return format_html('<span class="{}">{}</span>', css, activity.next_review.isoformat())

    @admin.display(description=_("recorded transfers"))
    def transfers_display(self, activity: ProcessingActivity) -> str:
        """Art. 30(1)(e): each transfer with its safeguard, linked to its page, and a link to add one."""
        add_link = ""
        if activity.pk:
            add_url = reverse("admin:ropa_transfer_add") + f"?activity={activity.pk}"
            add_link = format_html('<p><a class="addlink" href="{}">{}</a></p>', add_url, _("Record a transfer"))
        transfers = list(activity.transfers.all()) if activity.pk else []
        if not transfers:
            return format_html("<p>{}</p>{}", _("No transfer recorded."), add_link)
        rows = format_html_join(
            "", '<li><a href="{}">{}</a>: <span class="{}">{}</span></li>',
            (
                (
                    reverse("admin:ropa_transfer_change", args=[transfer.pk]), transfer.destination,
                    "ropa-ok" if transfer.has_valid_safeguard else "ropa-missing", transfer.safeguard_summary(),
                )
                for transfer in transfers
            ),
        )
        return format_html("<ul>{}</ul>{}", rows, add_link)

    @admin.display(description=_("missing Art. 30 items"))
    def missing_items_display(self, activity: ProcessingActivity) -> str:
        if not activity.pk:
            return _("Save the activity to see what is missing.")
        missing = activity.missing_items()
        if not missing:
            return _("Every mandatory item is documented.")
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((item.label,) for item in missing)))


@admin.register(ProcessorActivity)
class ProcessorActivityAdmin(WorkspaceScopedAdmin, HistoryAdmin):
    list_display = ["name", "client", "processor", "transfers_outside_eea"]
    list_select_related = ["client", "processor"]
    list_filter = ["transfers_outside_eea"]
    search_fields = ["name", "categories_of_processing", "client__name"]
    autocomplete_fields = [
        "processor", "client", "data_subject_categories", "personal_data_categories", "security_measures",
    ]
