"""Writers for the record's sheets: one XLSX workbook, or one CSV file per sheet in a zip.

The workbook is written with openpyxl's write-only mode (it streams rows instead of keeping a cell
object for each), which keeps a 10,000-activity record within a few seconds and a modest memory.
"""

import datetime
import re
import zipfile
from collections.abc import Iterable
from typing import BinaryIO

from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ropa.exports.cells import safe_cell
from ropa.exports.record import Sheet

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_CONTENT_TYPE = "application/zip"

# Excel in Norwegian and Swedish uses the semicolon as list separator and opens such a file in
# columns on a double click; English Excel expects a comma. The BOM makes Excel read UTF-8 (æøå).
CSV_DELIMITERS = {"nb": ";", "sv": ";", "en": ","}
CSV_ENCODING = "utf-8-sig"


def write_xlsx(sheets: Iterable[Sheet], stream: BinaryIO) -> None:
    """One worksheet per sheet: bold, frozen heading row, set column widths, dates as dates."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    heading_alignment = Alignment(wrap_text=True, vertical="top")
    wrapped = Alignment(wrap_text=True, vertical="top")
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet.title[:31])
        worksheet.freeze_panes = "A2"
        for index, column in enumerate(sheet.columns, start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = column.width
        heading_cells = []
        for heading in sheet.headings:
            cell = WriteOnlyCell(worksheet, heading)
            cell.font = bold
            cell.alignment = heading_alignment
            heading_cells.append(cell)
        worksheet.append(heading_cells)
        # A multi-line value goes out through a cell of its column styled to wrap. openpyxl writes each row
        # as it is appended, so one such cell per column serves every row (building and styling a cell per
        # value cost a tenth of writing a 10,000-activity record).
        wrapping = []
        for _column in sheet.columns:
            cell = WriteOnlyCell(worksheet)
            cell.alignment = wrapped
            wrapping.append(cell)
        for row in sheet.rows:
            values = []
            for value, cell in zip(row, wrapping, strict=True):
                # Empty cells are left out; most are, so they skip safe_cell().
                if value is None or value == "" or (value := safe_cell(value, text_cell=True)) == "":
                    value = None
                elif isinstance(value, str) and "\n" in value:
                    cell.value = value
                    value = cell
                values.append(value)
            worksheet.append(values)
        if sheet.rows:
            worksheet.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{len(sheet.rows) + 1}"
    workbook.save(stream)


# A file saved with one separator may be opened with the other: every field that holds either is
# quoted, and (see ropa.exports.cells) text after a separator or line break is neutralised as if it
# began a cell, so neither reading yields a field a spreadsheet would run (issue 16.6).
_NEEDS_QUOTES = re.compile(r'[;,"\r\n]')


def _csv_field(value) -> str:
    value = safe_cell(value, segments=True)
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, datetime.date) else str(value)
    if _NEEDS_QUOTES.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_text(rows: Iterable[list], delimiter: str) -> str:
    """RFC 4180 lines (CRLF, doubled quotes), every field holding `;`, `,`, a quote or a line break quoted."""
    return "".join(delimiter.join([_csv_field(value) for value in row]) + "\r\n" for row in rows)


def csv_file_names(sheets: Iterable[Sheet]) -> list[str]:
    return [f"{index:02d}-{slugify(sheet.title)}.csv" for index, sheet in enumerate(sheets, start=1)]


def write_csv_zip(sheets: list[Sheet], stream: BinaryIO, language: str) -> None:
    """One UTF-8 (with BOM) CSV file per sheet, numbered in workbook order, in one zip."""
    delimiter = CSV_DELIMITERS.get(language, ",")
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, sheet in zip(csv_file_names(sheets), sheets, strict=True):
            text = csv_text([sheet.headings, *sheet.rows], delimiter)
            archive.writestr(name, text.encode(CSV_ENCODING))
