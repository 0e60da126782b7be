"""The admin's "Export for Datatilsynet" page, and the admin URLs of the record's export and import pages.

Only users with the export permission (privacy officers and auditors) reach the export page; others
get 403. The export itself is ropa.exports.export_record(), the same the command line uses.
"""

import io

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportActionMixin
from import_export.formats.base_formats import CSV, XLSX

from ropa.exports import CONTENT_TYPES, build_sheets, export_filename, export_record, validate_day
from ropa.exports.cookies import cookie_register_sheet
from ropa.exports.resources import ExportForm, ProcessingActivityResource
from ropa.exports.writers import write_csv_zip, write_xlsx
from ropa.imports.views import import_record_view
from ropa.models import Organisation, ProcessingActivity
from ropa.workspaces.access import is_operator, visible

EXPORT_PERMISSION = "ropa.export_processingactivity"
BREACH_EXPORT_PERMISSION = "breaches.export_breach"  # the breach register sheet: a permission of its own


class RecordExportForm(forms.Form):
    language = forms.ChoiceField(
        label=_("layout"),
        choices=[
            ("nb", _("Norwegian, in Datatilsynet's wording")), ("en", _("English")), ("sv", _("Swedish")),
        ],
        initial="nb",
    )
    file_format = forms.ChoiceField(
        label=_("format"),
        choices=[("xlsx", _("Excel workbook (XLSX)")), ("csv", _("CSV files in a zip, one per sheet"))],
        initial="xlsx",
    )
    day = forms.DateField(
        label=_("as it stood at the end of"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for today. A past day shows the record exactly as it stood then."),
    )
    organisation = forms.ModelChoiceField(
        label=_("controller"), required=False, empty_label=_("All controllers"),
        queryset=Organisation.objects.filter(role=Organisation.Role.CONTROLLER),
    )

    def clean_day(self):
        day = self.cleaned_data["day"]
        if day is not None:
            validate_day(day)
        return day


def export_record_view(request: HttpRequest, admin_site) -> HttpResponse:
    """Art. 30(4): the record for the supervisory authority, as of any day, in the layout it reads."""
    if not request.user.has_perm(EXPORT_PERMISSION):
        raise PermissionDenied
    form = RecordExportForm(request.POST or None)
    controllers = visible(Organisation.objects.all(), request.user, "export")
    form.fields["organisation"].queryset = controllers.filter(role=Organisation.Role.CONTROLLER)
    if request.method == "POST" and form.is_valid():
        options = form.cleaned_data
        # "All controllers" means all of the person's: the organisations of the workspaces they may export.
        options["within"] = None if is_operator(request.user) else set(controllers.values_list("pk", flat=True))
        stream = io.BytesIO()
        if request.user.has_perm(BREACH_EXPORT_PERMISSION):
            export_record(
                stream, options["file_format"], options["language"], options["day"], options["organisation"],
                options["within"],
            )
        else:
            _export_without_breaches(stream, options)
        response = HttpResponse(stream.getvalue(), content_type=CONTENT_TYPES[options["file_format"]])
        filename = export_filename(options["file_format"], options["language"], options["day"])
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
        return response
    context = {
        **admin_site.each_context(request),
        "title": _("Export for Datatilsynet"),
        "form": form,
        "opts": ProcessingActivity._meta,
    }
    return TemplateResponse(request, "admin/ropa/export_record.html", context)


def _export_without_breaches(stream: io.BytesIO, options: dict) -> None:
    """export_record() without the breach register, for a user who may export the record but not read breaches:
    the record's sheets and its cookie register, which is part of the record (README), in export_record()'s order."""
    args = (options["day"], options["organisation"], options["language"], options["within"])
    sheets = build_sheets(*args) + [cookie_register_sheet(*args)]
    if options["file_format"] == "xlsx":
        write_xlsx(sheets, stream)
    else:
        write_csv_zip(sheets, stream, options["language"])


class RecordExportAdminMixin(ExportActionMixin):
    """Export of the filtered changelist (import-export, explicit Resource) and the record's own pages."""

    resource_classes = [ProcessingActivityResource]
    export_form_class = ExportForm
    export_formats = [XLSX, CSV]
    to_encoding = "utf-8-sig"  # a BOM, so Excel reads the CSV's æøå as UTF-8
    import_export_change_list_template = "admin/ropa/export_change_list.html"

    def get_urls(self):
        # Before the admin's own URLs, whose "<object_id>/" would otherwise take these paths.
        return [
            path("export-record/", self.admin_site.admin_view(self.export_record_page), name="ropa_export_record"),
            path("import-record/", self.admin_site.admin_view(self.import_record_page), name="ropa_import_record"),
            *super().get_urls(),
        ]

    def export_record_page(self, request: HttpRequest) -> HttpResponse:
        return export_record_view(request, self.admin_site)

    def import_record_page(self, request: HttpRequest) -> HttpResponse:
        return import_record_view(request, self.admin_site)

    def get_export_filename(self, request, queryset, file_format):
        """The list's name in the page's language ("behandlingsaktiviteter-2026-12-07.xlsx"), not the model's."""
        name = slugify(str(self.model._meta.verbose_name_plural))
        return f"{name}-{timezone.localdate().isoformat()}.{file_format.get_extension()}"

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_export_record": request.user.has_perm(EXPORT_PERMISSION),
            "can_import_record": request.user.has_perm("ropa.import_processingactivity"),
        }
        return super().changelist_view(request, extra_context)
