"""The admin's import page: upload, see the dry run, confirm. Nothing is written before the confirmation.

The uploaded file waits in private storage (no URL) under a random name kept in the user's session;
on confirmation it is read and checked again, since the record may have changed in between.
"""

import secrets

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ropa.documents.files import private_storage
from ropa.imports import ImportFileError, ImportPlan, parse_mappings, plan_import
from ropa.imports.limits import max_upload_bytes
from ropa.models import Organisation, ProcessingActivity, Workspace
from ropa.workspaces.access import visible, workspace_ids

IMPORT_PERMISSION = "ropa.import_processingactivity"
SESSION_KEY = "ropa_pending_import"


class RecordImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("spreadsheet"),
        help_text=gettext_lazy("Our own export (XLSX, or the zip of CSV files), or a sheet like Datatilsynet's or "
                               "the ICO's template, in XLSX or CSV."),
    )
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("controller"), required=False, queryset=Organisation.objects.all(),
        help_text=gettext_lazy("For sheets without a controller column: the controller the activities belong to. "
                               "Overrides a controller named in the title rows above the headings."),
    )
    create_missing = forms.BooleanField(
        label=gettext_lazy("create missing entries"), required=False,
        help_text=gettext_lazy("Add categories, systems, organisations and processors the record does not know "
                               "yet, instead of reporting them as errors. New processors have no data processing "
                               "agreement, so the record flags them."),
    )

    column_map = forms.CharField(
        label=gettext_lazy("map columns to fields"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One a line, “HEADING=field”, for a column the dry run did not read as you meant "
                               "(for example “Hvem får opplysningene?=recipients”). Remembered for the next import "
                               "of the same headings."),
    )
    entry_map = forms.CharField(
        label=gettext_lazy("map words to existing entries"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One a line, “WORD=ENTRY”, to take a word the dry run would create as an existing "
                               "vocabulary entry (for example “Kryptering=Kryptering av lagrede data”)."),
    )

    def clean_column_map(self) -> dict[str, str]:
        try:
            return parse_mappings(self.cleaned_data["column_map"].splitlines())
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_entry_map(self) -> dict[str, str]:
        try:
            return parse_mappings(self.cleaned_data["entry_map"].splitlines())
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_upload_bytes():
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB.") % {"limit": settings.IMPORT_MAX_UPLOAD_MB},
            )
        return upload


def import_record_view(request: HttpRequest, admin_site) -> HttpResponse:
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request, admin_site)
    form = RecordImportForm(request.POST or None, request.FILES or None)
    form.fields["organisation"].queryset = visible(Organisation.objects.all(), request.user, "import")
    workspace = None
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["organisation"]
        workspace = chosen.workspace if chosen else _only_workspace(request.user)
        if workspace is None:
            form.add_error("organisation", _(
                "Choose the controller: you keep the records of several companies, and an import writes into one."
            ))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        options = {
            "create_missing": form.cleaned_data["create_missing"],
            "organisation": form.cleaned_data["organisation"].pk if form.cleaned_data["organisation"] else None,
            "workspace": workspace.pk,
            "column_map": form.cleaned_data["column_map"], "entry_map": form.cleaned_data["entry_map"],
        }
        try:
            plan = _plan(data, upload.name, options)
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            token = _keep(request, data, upload.name, options) if plan.is_valid else ""
            return _report(request, admin_site, plan, upload.name, token)
    return _render(request, admin_site, {"form": form})


def _only_workspace(user) -> Workspace | None:
    """The one workspace the person may import into, or None when there are several to choose from."""
    ids = workspace_ids(user, IMPORT_PERMISSION)
    workspaces = list((Workspace.objects.all() if ids is None else Workspace.objects.filter(pk__in=ids))[:2])
    return workspaces[0] if len(workspaces) == 1 else None


def _plan(data: bytes, filename: str, options: dict) -> ImportPlan:
    organisation = Organisation.objects.filter(pk=options["organisation"]).first() if options["organisation"] else None
    workspace = Workspace.objects.get(pk=options["workspace"])
    return plan_import(
        data, filename, create_missing=options["create_missing"], organisation=organisation, workspace=workspace,
        column_map=options.get("column_map"), entry_map=options.get("entry_map"),
    )


def _keep(request: HttpRequest, data: bytes, filename: str, options: dict) -> str:
    """Hold the file until the user confirms; a newer upload replaces an older one."""
    _forget(request)
    token = secrets.token_urlsafe(24)
    name = private_storage().save(f"imports/{token}.upload", ContentFile(data))
    request.session[SESSION_KEY] = {"token": token, "name": name, "filename": filename, **options}
    return token


def _forget(request: HttpRequest) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        private_storage().delete(pending["name"])


def _confirm(request: HttpRequest, admin_site) -> HttpResponse:
    pending = request.session.get(SESSION_KEY)
    if not pending or not secrets.compare_digest(pending["token"], request.POST.get("token", "")):
        messages.error(request, _("That import is no longer waiting; upload the file again."))
        return redirect("admin:ropa_import_record")
    with private_storage().open(pending["name"], "rb") as stored:
        data = stored.read()
    plan = _plan(data, pending["filename"], pending)
    if not plan.is_valid:
        # The record changed since the dry run; show what is wrong now and write nothing.
        return _report(request, admin_site, plan, pending["filename"], "")
    counts = plan.apply(request.user)
    _forget(request)
    messages.success(request, _("Imported: %(create)s created, %(change)s changed, %(unchanged)s unchanged.") % counts)
    return redirect("admin:ropa_processingactivity_changelist")


def _report(request: HttpRequest, admin_site, plan: ImportPlan, filename: str, token: str) -> HttpResponse:
    return _render(request, admin_site, {
        "plan": plan, "filename": filename, "token": token, "counts": plan.counts(),
        "changed_rows": [row for row in plan.rows if row.action != "unchanged"],
    })


def _render(request: HttpRequest, admin_site, context: dict) -> HttpResponse:
    context = {
        **admin_site.each_context(request),
        "title": _("Import the record from a spreadsheet"),
        "opts": ProcessingActivity._meta,
        **context,
    }
    return TemplateResponse(request, "admin/ropa/import_record.html", context)
