"""Import of the record from a spreadsheet: our own export, or the templates companies keep today.

`plan_import()` reads the file and says what would happen, row by row, without writing anything;
`ImportPlan.apply(user)` writes it, all or nothing, with history naming the user.
"""

from django.utils.translation import gettext as _

from ropa.imports.builder import PlanBuilder
from ropa.imports.checks import take_out_unsafe_cells
from ropa.imports.columns import recognise
from ropa.imports.plan import ImportPlan, ImportRefused, Problem, RowReport
from ropa.imports.readers import ImportFileError, read_spreadsheet
from ropa.models import Organisation, Workspace


def plan_import(
    data: bytes,
    filename: str = "",
    create_missing: bool = False,
    organisation: Organisation | None = None,
    workspace: Workspace | None = None,
) -> ImportPlan:
    """What importing the file would create and change, and every problem, with nothing written.

    Everything is read from and written into one workspace: `workspace`, else the controller's, else the install's
    only one (ValidationError when there are several and neither is given).

    Raises ImportFileError when the file is not a spreadsheet or holds no sheet we recognise.
    """
    sheets = [matched for raw in read_spreadsheet(data, filename) if (matched := recognise(raw))]
    if not sheets:
        raise ImportFileError(
            _("No sheet has the headings of a record (for example “Processing activity” and “Purposes”).")
        )
    unsafe = take_out_unsafe_cells(sheets)
    builder = PlanBuilder(create_missing=create_missing, organisation=organisation, workspace=workspace)
    builder.plan.errors.extend(unsafe)
    builder.refused_cells = {(problem.sheet, problem.row, problem.column) for problem in unsafe}
    plan = builder.build(sheets)
    plan.filename = filename
    for sheet in sheets:
        for column in sheet.ignored:
            if sheet.kind == "activities":
                reason = _("Column not recognised; its values are kept in each activity's internal notes.")
            else:
                reason = _("Column not recognised; it is left out.")
            plan.warnings.append(Problem(sheet.title, sheet.header_row, str(column), reason))
    return plan


__all__ = ["ImportFileError", "ImportPlan", "ImportRefused", "Problem", "RowReport", "plan_import"]
