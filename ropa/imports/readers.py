"""Reading an uploaded spreadsheet into plain rows: XLSX, one CSV, or a zip of CSV files (our CSV export)."""

import csv
import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from ropa.imports.errors import ImportFileError
from ropa.imports.limits import CellBudget, check_upload

MAX_ROWS = 50_000


@dataclass
class RawSheet:
    """A sheet's name and its rows as (row number in the file, cell values)."""

    title: str
    rows: list[tuple[int, list]]


def read_spreadsheet(data: bytes, filename: str = "") -> list[RawSheet]:
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
    return [_read_csv(data, filename or "CSV")]


def _trim(values: list) -> list:
    while values and values[-1] in (None, ""):
        values.pop()
    return values


def _read_xlsx(data: bytes) -> list[RawSheet]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        message = _("The XLSX file cannot be read (%(error)s).") % {"error": type(error).__name__}
        raise ImportFileError(message) from None
    sheets = []
    budget = CellBudget()
    for worksheet in book.worksheets:
        worksheet.reset_dimensions()  # the <dimension> a file declares would pad every row to its width
        rows = []
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS:
                raise ImportFileError(_("The file has more than %(count)s rows.") % {"count": MAX_ROWS})
            budget.spend(len(values))
            values = _trim(list(values))
            if values:
                rows.append((number, values))
        sheets.append(RawSheet(worksheet.title, rows))
    book.close()
    return sheets


def _read_csv_zip(archive: zipfile.ZipFile) -> list[RawSheet]:
    names = sorted(name for name in archive.namelist() if name.lower().endswith(".csv"))
    if not names:
        raise ImportFileError(_("The zip file holds no CSV files."))
    budget = CellBudget()
    return [_read_csv(archive.read(name), name.rsplit("/", 1)[-1], budget) for name in names]


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's "CSV" (not "CSV UTF-8") on Nordic Windows machines is Windows-1252.
        return data.decode("cp1252", errors="replace")


def _read_csv(data: bytes, name: str, budget: CellBudget | None = None) -> RawSheet:
    budget = budget or CellBudget()
    content = _decode(data)
    sample = content[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:
        first_line = sample.split("\n", 1)[0]
        delimiter = max(";,\t", key=first_line.count)
    rows = []
    reader = csv.reader(io.StringIO(content), delimiter=delimiter)
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
