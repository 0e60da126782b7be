"""The admin's import page: upload, see the dry run, confirm. Nothing is written before the confirmation.

The uploaded file waits in private storage (no URL) under a random name kept in the user's session. Reading it
is work for the worker (ropa/imports/jobs.py), never for this web request: an upload or a confirmation queues a
job and comes back at once to this page, which shows the job's progress and then its report. One import at a
time per person; a job is stopped after IMPORT_MAX_SECONDS, a file over IMPORT_MAX_CELLS refused, with a message.
"""

import secrets

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ropa.documents.files import private_storage
from ropa.imports import ImportFileError, jobs, parse_mappings
from ropa.imports.limits import max_upload_bytes
from ropa.jobs.models import Job
from ropa.jobs.queue import enqueue, path_of
from ropa.models import Organisation, ProcessingActivity, Workspace
from ropa.workspaces.access import visible, workspace_ids

IMPORT_PERMISSION = "ropa.import_processingactivity"
SESSION_KEY = "ropa_pending_import"
IMPORT_JOBS = (path_of(jobs.dry_run), path_of(jobs.write))


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
        return _confirm(request)
    if request.method == "POST" and "dismiss" in request.POST:
        _forget(request)
        return redirect("admin:ropa_import_record")
    form = RecordImportForm(request.POST or None, request.FILES or None)
    form.fields["organisation"].queryset = visible(Organisation.objects.all(), request.user, "import")
    if request.method == "POST":
        if _running(request):
            return _refuse_while_running(request)
        if form.is_valid():
            return _start(request, admin_site, form)
        return _render(request, admin_site, {"form": form})
    job = _current_job(request)
    if job is None:
        return _render(request, admin_site, {"form": form})
    return _job_page(request, admin_site, job, form)


def _running(request: HttpRequest) -> bool:
    """One import at a time per person, in whatever browser or session they started it."""
    return Job.objects.filter(owner=request.user, function__in=IMPORT_JOBS).unfinished().exists()


def _enqueue_alone(request: HttpRequest, function, arguments: dict) -> Job | None:
    """Queue an import job unless the person already has one unfinished (then None).

    The check and the queueing are one step: the person's row is locked first (PostgreSQL; SQLite takes its write
    lock when the transaction begins), so two uploads sent at the same moment cannot both be queued.
    """
    with transaction.atomic():
        list(get_user_model().objects.select_for_update().filter(pk=request.user.pk).values_list("pk", flat=True))
        if _running(request):
            return None
        return enqueue(function, arguments, owner=request.user, time_limit=settings.IMPORT_MAX_SECONDS)


def _refuse_while_running(request: HttpRequest) -> HttpResponse:
    messages.error(request, _("Your previous import is still running; wait for its report."))
    return redirect("admin:ropa_import_record")


def _only_workspace(user) -> Workspace | None:
    """The one workspace the person may import into, or None when there are several to choose from."""
    ids = workspace_ids(user, IMPORT_PERMISSION)
    workspaces = list((Workspace.objects.all() if ids is None else Workspace.objects.filter(pk__in=ids))[:2])
    return workspaces[0] if len(workspaces) == 1 else None


def _start(request: HttpRequest, admin_site, form: RecordImportForm) -> HttpResponse:
    """Store the upload and queue its dry run; the page then follows the job."""
    upload = form.cleaned_data["file"]
    chosen = form.cleaned_data["organisation"]
    workspace = chosen.workspace if chosen else _only_workspace(request.user)
    if workspace is None:
        form.add_error("organisation", _(
            "Choose the controller: you keep the records of several companies, and an import writes into one."
        ))
        return _render(request, admin_site, {"form": form})
    options = {
        "create_missing": form.cleaned_data["create_missing"],
        "organisation": chosen.pk if chosen else None,
        "workspace": workspace.pk,
        "column_map": form.cleaned_data["column_map"], "entry_map": form.cleaned_data["entry_map"],
    }
    token = secrets.token_urlsafe(24)
    name = private_storage().save(f"imports/{token}.upload", ContentFile(upload.read()))
    job = _enqueue_alone(request, jobs.dry_run, {"name": name, "filename": upload.name, **options})
    if job is None:  # the running import keeps its file
        private_storage().delete(name)
        return _refuse_while_running(request)
    _forget(request)  # a newer upload replaces an older one
    request.session[SESSION_KEY] = {"token": token, "name": name, "filename": upload.name, "job": job.pk, **options}
    return redirect("admin:ropa_import_record")


def _current_job(request: HttpRequest) -> Job | None:
    pending = request.session.get(SESSION_KEY)
    if not pending or not pending.get("job"):
        return None
    return Job.objects.filter(pk=pending["job"], owner=request.user, function__in=IMPORT_JOBS).first()


def _job_page(request: HttpRequest, admin_site, job: Job, form: RecordImportForm) -> HttpResponse:
    pending = request.session[SESSION_KEY]
    if not job.is_finished:
        return _render(request, admin_site, {"job": job, "filename": pending["filename"]})
    if job.state == Job.State.FAILED:
        _forget(request)
        failed = _("%(file)s was not imported: %(reason)s") % {"file": pending["filename"], "reason": job.error}
        return _render(request, admin_site, {"form": form, "failed": failed})
    if "written" in job.result:
        _forget(request)
        messages.success(request, _("Imported: %(create)s created, %(change)s changed, %(unchanged)s unchanged.")
                         % job.result["written"])
        return redirect("admin:ropa_processingactivity_changelist")
    return _render(request, admin_site, {
        "report": job.result["report"], "filename": pending["filename"],
        "token": pending["token"] if job.result["valid"] and job.function == path_of(jobs.dry_run) else "",
    })


def _forget(request: HttpRequest) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        private_storage().delete(pending["name"])


def _confirm(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(SESSION_KEY)
    if not pending or not secrets.compare_digest(pending["token"], request.POST.get("token", "")):
        messages.error(request, _("That import is no longer waiting; upload the file again."))
        return redirect("admin:ropa_import_record")
    if _running(request):
        return _refuse_while_running(request)
    arguments = {
        key: pending.get(key)
        for key in ("name", "filename", "organisation", "create_missing", "workspace", "column_map", "entry_map")
    }
    job = _enqueue_alone(request, jobs.write, {**arguments, "user": request.user.pk})
    if job is None:
        return _refuse_while_running(request)
    request.session[SESSION_KEY] = {**pending, "job": job.pk, "token": ""}
    return redirect("admin:ropa_import_record")


def _render(request: HttpRequest, admin_site, context: dict) -> HttpResponse:
    context = {
        **admin_site.each_context(request),
        "title": _("Import the record from a spreadsheet"),
        "opts": ProcessingActivity._meta,
        **context,
    }
    return TemplateResponse(request, "admin/ropa/import_record.html", context)
