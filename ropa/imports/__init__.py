"""Import of the record from a spreadsheet: our own export, or the templates companies keep today.

`plan_import()` reads the file and says what would happen, row by row, without writing anything;
`ImportPlan.apply(user)` writes it, all or nothing, with history naming the user.
"""

from django.utils.translation import gettext as _

from ropa.imports.builder import PlanBuilder
from ropa.imports.checks import take_out_unsafe_cells
from ropa.imports.columns import Reading, field_named, normalise, recognise
from ropa.imports.fields import MAPPABLE_FIELDS, field_label
from ropa.imports.plan import ImportPlan, ImportRefused, Problem, RowReport
from ropa.imports.readers import ImportFileError, read_spreadsheet
from ropa.imports.values import key
from ropa.models import ImportLayout, Organisation, Workspace


def plan_import(
    data: bytes,
    filename: str = "",
    create_missing: bool = False,
    organisation: Organisation | None = None,
    workspace: Workspace | None = None,
    column_map: dict[str, str] | None = None,
    entry_map: dict[str, str] | None = None,
) -> ImportPlan:
    """What importing the file would create and change, and every problem, with nothing written.

    Everything is read from and written into one workspace: `workspace`, else the controller's, else the install's
    only one (ValidationError when there are several and neither is given). `column_map` maps a heading to a field
    ("Hva bruker vi opplysningene til?" → "purposes"), `entry_map` a word to an existing vocabulary entry
    ("Kryptering" → "Kryptering av lagrede data"); both are remembered for the workspace's next import of the same
    heading row, and a mapping remembered from an earlier import is used unless overridden. Raises
    ImportFileError when the file is not a spreadsheet, holds no sheet we recognise, or a mapping names no field.
    """
    mapping = _fields(column_map or {})
    workspace = workspace or (organisation.workspace if organisation else Workspace.objects.sole())
    layouts = {layout.layout: layout for layout in ImportLayout.objects.filter(workspace=workspace)}
    reading = Reading(mapping=mapping, remembered={code: layout.columns for code, layout in layouts.items()})
    sheets = [matched for raw in read_spreadsheet(data, filename) if (matched := recognise(raw, reading))]
    if not sheets:
        raise ImportFileError(
            _("No sheet has the headings of a record (for example “Processing activity” and “Purposes”).")
        )
    unsafe = take_out_unsafe_cells(sheets)
    remembered_entries = {}
    for sheet in sheets:
        if sheet.layout in layouts:
            remembered_entries.update(layouts[sheet.layout].entries)
    builder = PlanBuilder(create_missing=create_missing, organisation=organisation, workspace=workspace,
                          entry_map={**remembered_entries, **_entries(entry_map or {})})
    builder.plan.errors.extend(unsafe)
    builder.refused_cells = {(problem.sheet, problem.row, problem.column) for problem in unsafe}
    plan = builder.build(sheets)
    plan.filename = filename
    plan.workspace = workspace
    for sheet in sheets:
        _report_columns(plan, sheet)
    found = {normalise(heading) for sheet in sheets for heading in sheet.headings}
    for heading in column_map or {}:
        if normalise(heading) not in found:
            plan.warnings.append(Problem("", None, heading, _("No column has this heading; the mapping is not used.")))
    plan.layouts = [{
        "layout": sheet.layout, "headings": sheet.headings,
        "columns": {normalise(column.heading): column.key for column, _remembered in sheet.mapped},
        "entries": _entries(entry_map or {}), "sheet_updated": builder.sheet_dates.get(sheet.title),
        "organisation": builder.title_controllers.get(sheet.title) or organisation,
    } for sheet in sheets if sheet.kind == "activities" and not _is_our_export(sheet)]
    return plan


def _is_our_export(sheet) -> bool:
    """Our own export's layout is known already: nothing to remember of it (and its re-import writes nothing)."""
    return sheet.language is not None and not (sheet.inferred or sheet.mapped or sheet.title_rows or sheet.ignored)


def _report_columns(plan: ImportPlan, sheet) -> None:
    """The dry run says what each column the synonyms did not name was taken for, and why."""
    for column, remembered in sheet.mapped:
        reason = _("Taken as “%(field)s”, as mapped at an earlier import of this layout.") if remembered else _(
            "Taken as “%(field)s”, as mapped by hand."
        )
        plan.notes.append(Problem(sheet.title, sheet.header_row, str(column), reason % {
            "field": field_label(column.key),
        }))
    for column, why in sheet.inferred:
        plan.notes.append(Problem(sheet.title, sheet.header_row, str(column), _(
            "Heading not known; taken as “%(field)s” because %(why)s. If that is wrong, map the column by hand."
        ) % {"field": field_label(column.key), "why": why}))
    for column in sheet.ignored:
        if sheet.kind == "activities":
            reason = _("Column not recognised; its values are kept in each activity's internal notes. Map it to a "
                       "field by hand if it holds one.")
        else:
            reason = _("Column not recognised; it is left out.")
        plan.warnings.append(Problem(sheet.title, sheet.header_row, str(column), reason))


def _fields(column_map: dict[str, str]) -> dict[str, str]:
    """{normalised heading: column key}, refusing a field that is none of ours."""
    fields = {}
    for heading, wanted in column_map.items():
        found = field_named(wanted)
        if found is None:
            raise ImportFileError(_(
                "“%(field)s” (mapped from “%(heading)s”) is not a field of an activity; write one of: %(fields)s."
            ) % {"field": wanted, "heading": heading, "fields": ", ".join(MAPPABLE_FIELDS)})
        fields[normalise(heading)] = found
    return fields


def _entries(entry_map: dict[str, str]) -> dict[str, str]:
    return {key(written): existing.strip() for written, existing in entry_map.items() if written.strip()}


def parse_mappings(lines) -> dict[str, str]:
    """"HEADING=field" lines (the command's --map, the import page's text box) as {heading: field}."""
    mapping = {}
    for line in lines:
        if not line.strip():
            continue
        heading, sep, wanted = line.rpartition("=")
        if not sep or not heading.strip() or not wanted.strip():
            raise ImportFileError(_("Write a mapping as “HEADING=field”, not “%(line)s”.") % {"line": line.strip()})
        mapping[heading.strip()] = wanted.strip()
    return mapping


__all__ = [
    "ImportFileError", "ImportPlan", "ImportRefused", "Problem", "RowReport", "parse_mappings", "plan_import",
]
