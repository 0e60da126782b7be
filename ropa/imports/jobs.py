"""The import's two background jobs: the dry run and the write, each run by the worker, never by a web request.

A workbook within every limit can still take half a minute and hundreds of megabytes to read (issue 21), so the
admin page only stores the upload and queues a job (ropa/imports/views.py); the page then shows the progress and
the report these jobs leave as their result. Both read the stored file again: the record may have changed since.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from ropa.documents.files import private_storage
from ropa.imports import ImportFileError, ImportPlan, plan_import
from ropa.jobs.queue import JobFailed, Progress, background_job
from ropa.models import Organisation, Workspace

STEPS = 2


def _plan(progress: Progress, name: str, filename: str, organisation: int | None, create_missing: bool,
          workspace: int | None = None, column_map: dict | None = None, entry_map: dict | None = None) -> ImportPlan:
    progress(0, STEPS, _("Reading and checking the file"))
    try:
        with private_storage().open(name, "rb") as stored:
            data = stored.read()
    except FileNotFoundError:
        raise JobFailed(_("The uploaded file is gone; upload it again.")) from None
    controller = Organisation.objects.filter(pk=organisation).first() if organisation else None
    try:
        return plan_import(
            data, filename, create_missing=create_missing, organisation=controller,
            workspace=Workspace.objects.filter(pk=workspace).first() if workspace else None,
            column_map=column_map, entry_map=entry_map,
        )
    except ImportFileError as error:
        raise JobFailed(str(error)) from None
    except ValidationError as error:  # several workspaces and none named
        raise JobFailed(" ".join(error.messages)) from None


def _report(plan: ImportPlan, filename: str) -> dict:
    html = render_to_string("admin/ropa/import_report.html", {
        "plan": plan, "filename": filename, "counts": plan.counts(),
        "changed_rows": [row for row in plan.rows if row.action != "unchanged"],
    })
    return {"report": html, "valid": plan.is_valid, "counts": plan.counts()}


@background_job
def dry_run(progress: Progress, *, name: str, filename: str, organisation: int | None = None,
            create_missing: bool = False, workspace: int | None = None, column_map: dict | None = None,
            entry_map: dict | None = None) -> dict:
    """What the import would do, as the report the page shows; nothing is written."""
    plan = _plan(progress, name, filename, organisation, create_missing, workspace, column_map, entry_map)
    progress(1, STEPS, _("Writing the report"))
    return _report(plan, filename)


@background_job
def write(progress: Progress, *, name: str, filename: str, user: int, organisation: int | None = None,
          create_missing: bool = False, workspace: int | None = None, column_map: dict | None = None,
          entry_map: dict | None = None) -> dict:
    """Check the file again and write it, all or nothing, with history naming the user; then forget the file."""
    plan = _plan(progress, name, filename, organisation, create_missing, workspace, column_map, entry_map)
    if not plan.is_valid:
        return _report(plan, filename)  # the record changed since the dry run: show what is wrong now
    progress(1, STEPS, _("Writing the record"))
    counts = plan.apply(get_user_model().objects.filter(pk=user).first())
    private_storage().delete(name)
    return {"written": counts}
