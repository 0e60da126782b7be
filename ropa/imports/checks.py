"""Cells no import may take in: formulas, and control characters that a database refuses or mangles.

Both are found before anything is compared, so the dry run and the real import see the same errors on
SQLite and PostgreSQL (PostgreSQL refuses NUL in text; SQLite stores it and the export turns it into U+FFFD).
"""

import re

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from ropa.imports.columns import MatchedSheet
from ropa.imports.plan import Problem
from ropa.imports.readers import Formula

# C0 controls except tab, line feed and carriage return; DEL; C1 controls.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def take_out_unsafe_cells(sheets: list[MatchedSheet]) -> list[Problem]:
    """An error for each formula and each cell with a control character, with its sheet, row and column.

    The cell is emptied so that nothing read from it adds a second, misleading error.
    """
    problems = []
    for sheet in sheets:
        for number, cells in (*sheet.title_rows, *sheet.rows):
            for position, value in enumerate(cells):
                if isinstance(value, Formula):
                    reason = _("cell holds a formula; formulas are not imported")
                elif isinstance(value, str) and (found := CONTROL_CHARACTERS.search(value)):
                    reason = _(
                        "cell holds the control character U+%(code)04X, which cannot be stored; remove it"
                    ) % {"code": ord(found.group())}
                else:
                    continue
                problems.append(Problem(sheet.title, number, _column(sheet, position), str(reason)))
                cells[position] = None
    return problems


def _column(sheet: MatchedSheet, position: int) -> str:
    match = sheet.columns.get(position)
    if match is not None:
        return str(match)
    return next((str(column) for column in sheet.ignored if column.letter == get_column_letter(position + 1)),
                get_column_letter(position + 1))
