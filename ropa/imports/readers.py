"""Reading an uploaded spreadsheet into plain rows: XLSX, one CSV, or a zip of CSV files (our CSV export).

A CSV is read as a stream, row by row, from the upload or straight out of the zip: only the rows kept are held,
never the whole file decoded (a 117 KB zip of a 95 MB CSV took 720 MB when it was, issue 16.4).
"""

import bisect
import csv
import io
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from ropa.imports.errors import ImportFileError
from ropa.imports.limits import CellBudget, check_upload

MAX_ROWS = 50_000


class Formula(str):
    """The text of a cell that holds a formula: the import refuses it rather than guess at its value."""


@dataclass
class RawSheet:
    """A sheet's name and its rows as (row number in the file, cell values)."""

    title: str
    rows: list[tuple[int, list]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (min col, min row, max col, max row)


def read_spreadsheet(data: bytes, filename: str = "") -> list[RawSheet]:
    """The one place an uploaded file is opened: XLSX, a CSV, or a zip of CSV files, by its first bytes."""
    check_upload(data, filename)
    if data[:4] == b"PK\x03\x04":
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            message = _("The file is damaged: it looks like a zip or XLSX file but cannot be opened.")
            raise ImportFileError(message) from None
        if "[Content_Types].xml" in archive.namelist():
            return _read_xlsx(data)
        return _read_csv_zip(archive)
    if filename.lower().endswith((".xls", ".ods")):
        raise ImportFileError(_("Save the spreadsheet as XLSX or CSV and upload it again."))
    return [_read_csv(lambda: io.BytesIO(data), filename or "CSV")]


def _trim(values: list) -> list:
    while values and values[-1] in (None, ""):
        values.pop()
    return values


def _read_xlsx(data: bytes) -> list[RawSheet]:
    try:
        # Formulas are read as formulas (not their cached results) so that they can be refused by cell.
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        message = _("The XLSX file cannot be read (%(error)s).") % {"error": type(error).__name__}
        raise ImportFileError(message) from None
    archive = zipfile.ZipFile(io.BytesIO(data))
    sheets = []
    budget = CellBudget()
    for worksheet in book.worksheets:
        worksheet.reset_dimensions()  # the <dimension> a file declares would pad every row to its width
        rows = []
        for number, cells in enumerate(worksheet.iter_rows(), start=1):
            if number > MAX_ROWS:
                raise ImportFileError(_("The file has more than %(count)s rows.") % {"count": MAX_ROWS})
            budget.spend(len(cells))
            values = _trim([Formula(cell.value) if cell.data_type == "f" else cell.value for cell in cells])
            if values:
                rows.append((number, values))
        sheet = RawSheet(worksheet.title, rows, _merged_ranges(archive, worksheet))
        _fill_merged_down(sheet, budget)
        sheets.append(sheet)
    book.close()
    return sheets


_MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def _merged_ranges(archive: zipfile.ZipFile, worksheet) -> list[tuple[int, int, int, int]]:
    """Merged ranges from the sheet's XML (openpyxl's read-only mode does not read them)."""
    path = getattr(worksheet, "_worksheet_path", "")
    if not path or path not in archive.namelist():
        return []
    return [range_boundaries(ref.decode()) for ref in _MERGE_CELL.findall(archive.read(path))]


def _fill_merged_down(sheet: RawSheet, budget: CellBudget) -> None:
    """A cell merged over several rows (a department beside its activities) gives its value to each row.

    Only rows the sheet holds are visited, and each filled cell counts against the import's cell budget, so a
    file declaring a merge over a million rows costs what its rows cost.
    """
    by_number = dict(sheet.rows)
    numbers = sorted(by_number)
    for min_col, min_row, _max_col, max_row in sheet.merged:
        if max_row == min_row or min_row not in by_number:
            continue
        first = by_number[min_row]
        value = first[min_col - 1] if min_col - 1 < len(first) else None
        covered = numbers[bisect.bisect_right(numbers, min_row):bisect.bisect_right(numbers, max_row)]
        budget.spend(len(covered))
        for number in covered:
            cells = by_number[number]
            cells.extend([None] * (min_col - len(cells)))
            if cells[min_col - 1] in (None, ""):
                cells[min_col - 1] = value


def _read_csv_zip(archive: zipfile.ZipFile) -> list[RawSheet]:
    names = sorted(name for name in archive.namelist() if name.lower().endswith(".csv"))
    if not names:
        raise ImportFileError(_("The zip file holds no CSV files."))
    budget = CellBudget()
    # Each member is opened as a stream; check_upload() has already refused one whose declared size is too large,
    # and zipfile never inflates a member past that size.
    return [_read_csv(lambda name=name: archive.open(name), name.rsplit("/", 1)[-1], budget) for name in names]


def _read_csv(open_file: Callable[[], BinaryIO], name: str, budget: CellBudget | None = None) -> RawSheet:
    """The rows of one CSV, read from a stream that `open_file` opens (once more to sniff, once more to retry)."""
    budget = budget or CellBudget()
    spent = budget.cells
    try:
        try:
            return _parse_csv(open_file, name, budget, encoding="utf-8-sig", errors="strict")
        except UnicodeDecodeError:
            # Excel's "CSV" (not "CSV UTF-8") on Nordic Windows machines is Windows-1252: read it again as that.
            budget.cells = spent
            return _parse_csv(open_file, name, budget, encoding="cp1252", errors="replace")
    except (zipfile.BadZipFile, zlib.error, EOFError):
        # A bad CRC or a truncated stream inside the zip, found only when the member is read to its end.
        raise ImportFileError(_("The file is damaged: a sheet inside it cannot be unpacked.")) from None


def _text(open_file: Callable[[], BinaryIO], encoding: str, errors: str) -> io.TextIOWrapper:
    # newline="" hands line ends to the csv module, which knows a quoted cell may hold one.
    return io.TextIOWrapper(open_file(), encoding=encoding, errors=errors, newline="")


def _delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        first_line = sample.split("\n", 1)[0]
        return max(";,\t", key=first_line.count)


def _parse_csv(
    open_file: Callable[[], BinaryIO], name: str, budget: CellBudget, *, encoding: str, errors: str,
) -> RawSheet:
    with _text(open_file, encoding, errors) as stream:
        delimiter = _delimiter(stream.read(8192))
    rows = []
    with _text(open_file, encoding, errors) as stream:
        reader = csv.reader(stream, delimiter=delimiter)
        try:
            for number, values in enumerate(reader, start=1):
                if number > MAX_ROWS:
                    raise ImportFileError(_("The file has more than %(count)s rows.") % {"count": MAX_ROWS})
                budget.spend(len(values))
                values = _trim(values)
                if values:
                    rows.append((number, values))
        except csv.Error:
            # The csv module's only refusals: a field over its limit (131,072 characters) or a stray NUL.
            raise ImportFileError(_(
                "%(sheet)s, line %(line)s: a cell is longer than %(limit)s characters, or the line cannot be read."
            ) % {"sheet": name, "line": reader.line_num, "limit": f"{csv.field_size_limit():,}"}) from None
    title = name.rsplit(".", 1)[0]
    return RawSheet(title, rows)
