"""django-import-export Resources: the shapes the admin's changelist export writes.

Each Resource names its columns explicitly, so a field added to a model never leaks into an export by
default, and neutralises every cell that could run as a formula (see ropa.exports.cells); the
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT setting only strips a leading "=".
"""

from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.forms import SelectableFieldsExportForm

from ropa.exports.cells import safe_cell
from ropa.models import ProcessingActivity, YesNoUnknown


def _names(items) -> str:
    return "\n".join(sorted((str(item) for item in items), key=str.casefold))


class ProcessingActivityResource(resources.ModelResource):
    """One row per activity of the filtered changelist, Art. 30(1)(a)–(g) then review data, labels readable."""

    controller = fields.Field(attribute="organisation__name", column_name=_("controller"))
    name = fields.Field(attribute="name", column_name=_("name"))
    department = fields.Field(attribute="department", column_name=_("department"))
    owner = fields.Field(attribute="owner", column_name=_("owner"))
    purposes = fields.Field(column_name=_("purposes"))
    legal_bases = fields.Field(column_name=_("legal bases"))
    data_subject_categories = fields.Field(column_name=_("categories of data subjects"))
    personal_data_categories = fields.Field(column_name=_("categories of personal data"))
    recipient_categories = fields.Field(column_name=_("categories of recipients"))
    transfers_outside_eea = fields.Field(column_name=_("transfers to third countries"))
    retention = fields.Field(column_name=_("time limits for erasure"))
    security_measures = fields.Field(column_name=_("security measures"))
    systems = fields.Field(column_name=_("systems"))
    status = fields.Field(column_name=_("status"))
    dpia_required = fields.Field(column_name=_("DPIA required (Art. 35)"))
    last_reviewed = fields.Field(attribute="last_reviewed", column_name=_("last reviewed"), widget=widgets.DateWidget())
    next_review = fields.Field(attribute="next_review", column_name=_("next review"), widget=widgets.DateWidget())

    class Meta:
        model = ProcessingActivity
        fields = (
            "controller", "name", "department", "owner", "purposes", "data_subject_categories",
            "personal_data_categories", "recipient_categories", "transfers_outside_eea", "retention",
            "security_measures", "legal_bases", "systems", "dpia_required", "status", "last_reviewed",
            "next_review",
        )
        export_order = fields
        # Pages of the changelist's queryset are fetched with their prefetches, a fixed number of queries each.
        chunk_size = 2000

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("organisation").prefetch_related(
            "purposes", "retention_rules", "data_subject_categories", "personal_data_categories",
            "recipient_categories", "security_measures", "systems",
        )

    def export_field(self, field, instance, **kwargs):
        return safe_cell(super().export_field(field, instance, **kwargs))

    def dehydrate_purposes(self, activity: ProcessingActivity) -> str:
        return "\n".join(purpose.description for purpose in activity.purposes.all())

    def dehydrate_legal_bases(self, activity: ProcessingActivity) -> str:
        return "\n".join("; ".join(purpose.bases) for purpose in activity.purposes.all())

    def dehydrate_data_subject_categories(self, activity: ProcessingActivity) -> str:
        return _names(activity.data_subject_categories.all())

    def dehydrate_personal_data_categories(self, activity: ProcessingActivity) -> str:
        return _names(activity.personal_data_categories.all())

    def dehydrate_recipient_categories(self, activity: ProcessingActivity) -> str:
        return _names(activity.recipient_categories.all())

    def dehydrate_transfers_outside_eea(self, activity: ProcessingActivity) -> str:
        return str(activity.get_transfers_outside_eea_display())

    def dehydrate_retention(self, activity: ProcessingActivity) -> str:
        return "\n".join(str(rule.summary) for rule in activity.retention_rules.all())

    def dehydrate_security_measures(self, activity: ProcessingActivity) -> str:
        return _names(activity.security_measures.all())

    def dehydrate_systems(self, activity: ProcessingActivity) -> str:
        return _names(activity.systems.all())

    def dehydrate_dpia_required(self, activity: ProcessingActivity) -> str:
        # Art. 35(1): "no" only once screened; never screened says so (the stored fact, no query per row).
        if activity.dpia_required != YesNoUnknown.YES and not activity.has_dpia_screening:
            return gettext("Not screened")
        return str(activity.get_dpia_required_display())

    def dehydrate_status(self, activity: ProcessingActivity) -> str:
        return str(activity.get_status_display())


class ExportForm(SelectableFieldsExportForm):
    """import-export's export page, its checkboxes labelled by the translated column name alone: the default
    label puts the Python attribute name first ("Transfers Outside Eea (overføringer ...)")."""

    def _get_field_label(self, resource, field_name: str) -> str:
        field = resource.fields.get(field_name)
        return capfirst(field.column_name) if field else super()._get_field_label(resource, field_name)
