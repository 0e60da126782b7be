"""DPIA screenings and assessments (Arts. 35–36) in the admin, and the activity list's filters for them.

Registered by ropa/admin/__init__.py, which autodiscovery imports, with the rest of the record.
"""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ropa.admin.history import HistoryAdmin
from ropa.admin.processors import PrivateFileAdminMixin
from ropa.models import Art30Item, Dpia, DpiaRisk, DpiaScreening, ListedProcessing, ProcessingActivity, YesNoUnknown
from ropa.models.dpia import authority_name, listed_processing_for
from ropa.workspaces.admin import WorkspaceScopedAdmin, WorkspaceScopedInline

CRITERIA_FIELDS = [
    "criterion_evaluation", "criterion_automated_decision", "criterion_monitoring", "criterion_sensitive",
    "criterion_large_scale", "criterion_matching", "criterion_vulnerable", "criterion_innovative",
    "criterion_prevents_rights",
]


class DpiaScreeningForm(forms.ModelForm):
    listed_processing = forms.MultipleChoiceField(
        label=_("on the list of processing that always needs a DPIA"), required=False,
        choices=ListedProcessing.choices, widget=forms.CheckboxSelectMultiple,
        help_text=_("Art. 35(3) and the list of the controller's supervisory authority (Art. 35(4)): an item ticked "
                    "means a DPIA is needed; one worded “with at least one other criterion” only when another of the "
                    "nine criteria below is met."),
    )

    class Meta:
        model = DpiaScreening
        fields = ["listed_processing", *CRITERIA_FIELDS, "reasoning"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        activity = self._activity()
        if activity is None:
            return
        # Art. 35(4): the list of the controller's own authority, Datatilsynet's or IMY's.
        country = activity.organisation.country.code
        field = self.fields["listed_processing"]
        field.choices = [(item.value, item.label) for item in listed_processing_for(country)]
        field.help_text = _(
            "Art. 35(3) and the list of %(authority)s, the controller's supervisory authority (Art. 35(4)): an item "
            "ticked means a DPIA is needed; one worded “with at least one other criterion” only when another of the "
            "nine criteria below is met."
        ) % {"authority": authority_name(country)}

    def _activity(self) -> ProcessingActivity | None:
        if self.instance.activity_id:
            return self.instance.activity
        pk = str(self.initial.get("activity") or self.data.get("activity") or "")
        if not pk.isdigit():
            return None
        return ProcessingActivity.objects.select_related("organisation").filter(pk=pk).first()


SCREENING_FIELDSETS = [
    (_("Processing that always needs a DPIA"), {"fields": ["listed_processing"]}),
    (_("The EDPB's nine criteria: two or more, a DPIA is needed"), {"fields": CRITERIA_FIELDS}),
    (None, {"fields": ["reasoning", "result_display", "answered_by", "answered_at"]}),
]


def screening_result(screening: DpiaScreening | None) -> str:
    if screening is None or not screening.pk:
        return _("Not screened yet.")
    count = len(screening.criteria_met())
    if screening.listed_items_that_apply():
        return format_html('<span class="ropa-due-soon">{}</span>', _("DPIA required: the processing is listed."))
    if screening.dpia_required:
        text = _("DPIA required: %(count)s of the nine criteria are met.") % {"count": count}
        return format_html('<span class="ropa-due-soon">{}</span>', text)
    return _("No DPIA required: %(count)s of the nine criteria met.") % {"count": count}


@admin.register(DpiaScreening)
class DpiaScreeningAdmin(WorkspaceScopedAdmin, HistoryAdmin):
    form = DpiaScreeningForm
    fieldsets = [(None, {"fields": ["activity"]}), *SCREENING_FIELDSETS]
    list_display = ["activity", "result_display", "answered_by", "answered_at"]
    list_select_related = ["activity", "answered_by"]
    search_fields = ["activity__name", "reasoning"]
    autocomplete_fields = ["activity"]
    readonly_fields = ["result_display", "answered_by", "answered_at"]

    @admin.display(description=_("result"))
    def result_display(self, screening: DpiaScreening) -> str:
        return screening_result(screening)


class DpiaRiskInline(WorkspaceScopedInline, admin.TabularInline):
    model = DpiaRisk
    extra = 0
    fields = ["description", "likelihood", "severity", "level_display", "measures"]
    readonly_fields = ["level_display"]

    @admin.display(description=_("level"))
    def level_display(self, risk: DpiaRisk) -> str:
        return risk.level.label if risk.pk else "–"


@admin.register(Dpia)
class DpiaAdmin(WorkspaceScopedAdmin, PrivateFileAdminMixin, HistoryAdmin):
    private_file_urls = {"document": "ropa:dpia_document"}
    list_display = ["__str__", "residual_risk", "decision", "decided_on", "prior_consultation_required", "review_date"]
    list_filter = ["decision", "residual_risk", "prior_consultation_required"]
    list_select_related = ["activity"]
    search_fields = ["activity__name", "description"]
    autocomplete_fields = ["activity"]
    inlines = [DpiaRiskInline]
    fieldsets = [
        (None, {"fields": ["activity", "document"]}),
        (_("The assessment (Art. 35(7))"), {
            "fields": ["description", "necessity_and_proportionality", "measures", "residual_risk"],
        }),
        (_("Advice and decision"), {"fields": ["dpo_advice", ("decision", "decided_on", "decided_by")]}),
        (_("Prior consultation (Art. 36)"), {
            "fields": ["prior_consultation_required", "prior_consultation_on", "prior_consultation_reference"],
        }),
        (_("Review"), {"fields": ["review_date"]}),
    ]


class DpiaFilter(admin.SimpleListFilter):
    title = _("DPIA (Art. 35)")
    parameter_name = "dpia"

    def lookups(self, request, model_admin):
        return [
            ("missing", _("Required but missing")),
            ("required", _("Required")),
            ("unscreened", _("Not screened")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.missing(Art30Item.DPIA)
        if self.value() == "required":
            return queryset.filter(dpia_required=YesNoUnknown.YES)
        if self.value() == "unscreened":
            return queryset.filter(dpia_screening__isnull=True)
        return queryset


class MissingItemFilter(admin.SimpleListFilter):
    """One item at a time, so the dashboard can link to the activities missing exactly that item."""

    title = _("missing item")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return Art30Item.choices

    def queryset(self, request, queryset):
        if self.value() not in Art30Item.values:
            return queryset
        return queryset.missing(Art30Item(self.value()))


def dpia_column(activity: ProcessingActivity) -> str:
    """The changelist's DPIA column: the screening's answer, in red when the required DPIA is missing."""
    if getattr(activity, f"missing_{Art30Item.DPIA}", False):
        return format_html('<span class="ropa-missing">{}</span>', gettext("Required, missing"))
    if activity.dpia_required == YesNoUnknown.YES:
        return format_html('<span class="ropa-ok">{}</span>', activity.get_dpia_status_display() or gettext("Required"))
    if activity.dpia_required == YesNoUnknown.NO and activity.has_dpia_screening:
        return gettext("Not required")
    # Art. 35(1): "no" written down without a screening is no answer.
    return gettext("Not screened")


def dpias_display(activity: ProcessingActivity) -> str:
    """The activity's DPIAs, each linked, and a link to add one."""
    if not activity.pk:
        return "–"
    add_url = reverse("admin:ropa_dpia_add") + f"?activity={activity.pk}"
    add_link = format_html('<p><a class="addlink" href="{}">{}</a></p>', add_url, _("Add a DPIA"))
    rows = format_html_join(
        "", '<li><a href="{}">{}</a>: {}</li>',
        (
            (reverse("admin:ropa_dpia_change", args=[dpia.pk]), dpia, dpia.get_decision_display() or _("undecided"))
            for dpia in activity.dpias.all()
        ),
    )
    return format_html("<ul>{}</ul>{}", rows, add_link) if rows else add_link


def screening_display(activity: ProcessingActivity) -> str:
    """The screening's answer on the activity's page, linked to the screening (a page of its own, with history)."""
    if not activity.pk:
        return _("Save the activity to screen it.")
    screening = DpiaScreening.objects.filter(activity=activity).select_related("answered_by").first()
    if screening is None:
        url = reverse("admin:ropa_dpiascreening_add") + f"?activity={activity.pk}"
        return format_html('{} <a class="addlink" href="{}">{}</a>', screening_result(None), url, _("Screen it"))
    url = reverse("admin:ropa_dpiascreening_change", args=[screening.pk])
    who = screening.answered_by.get_username() if screening.answered_by else "–"
    day = timezone.localdate(screening.answered_at)  # the day in Oslo, not in UTC
    answered = _("answered by %(user)s on %(date)s") % {"user": who, "date": day.isoformat()}
    return format_html('{} ({}) <a class="changelink" href="{}">{}</a>', screening_result(screening), answered, url,
                       _("Change the screening"))
