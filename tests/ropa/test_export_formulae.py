"""Cells that a spreadsheet could run as a formula are neutralised, and characters XLSX cannot hold replaced."""

import csv
import io
import zipfile

import openpyxl
import pytest

from ropa.exports import export_record
from ropa.exports.cells import neutralise, restore, safe_cell
from ropa.exports.layouts import HEADINGS, SHEET_TITLES

TRIGGERS = ["=1+1", "+47 22 00 00 00", "-2+3", "@SUM(A1:A2)", "\tcmd", "\rcmd"]


@pytest.mark.parametrize("value", TRIGGERS)
def test_text_a_spreadsheet_could_run_gets_an_apostrophe(value):
    assert neutralise(value) == "'" + value
    assert restore(neutralise(value)) == value


@pytest.mark.parametrize("value", ["Kunder", "'quoted'", "''=1", "'=1", "", "a=b"])
def test_restore_gives_back_exactly_what_was_neutralised(value):
    assert restore(neutralise(value)) == value


def test_characters_xlsx_cannot_hold_are_replaced():
    assert safe_cell("bell\x07 and null\x00") == "bell\ufffd and null\ufffd"
    assert safe_cell("line\nbreak\ttab") == "line\nbreak\ttab"


def _set_owner(activity, value: str) -> None:
    activity.owner = value
    activity.save()


@pytest.mark.parametrize("value", TRIGGERS)
def test_the_workbook_never_holds_a_formula(complete_activity, value):
    _set_owner(complete_activity, value)
    stream = io.BytesIO()
    export_record(stream, "xlsx", "en")
    sheet = openpyxl.load_workbook(io.BytesIO(stream.getvalue()))[SHEET_TITLES["en"]["activities"]]
    headings = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=headings.index(HEADINGS["en"]["activities"]["owner"]) + 1)
    # XML reads a stored carriage return back as a line feed; the apostrophe is what matters.
    assert cell.data_type == "s" and cell.value == "'" + value.replace("\r", "\n")
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]


@pytest.mark.parametrize("value", TRIGGERS)
def test_the_csv_files_never_start_a_cell_with_a_trigger(complete_activity, value):
    _set_owner(complete_activity, value)
    stream = io.BytesIO()
    export_record(stream, "csv", "en")
    archive = zipfile.ZipFile(io.BytesIO(stream.getvalue()))
    table = list(csv.reader(io.StringIO(archive.read(archive.namelist()[1]).decode("utf-8-sig"))))
    assert table[1][table[0].index(HEADINGS["en"]["activities"]["owner"])] == "'" + value
    for name in archive.namelist():
        for row in csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))):
            assert not [cell for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_illegal_characters_do_not_break_the_workbook(complete_activity):
    _set_owner(complete_activity, "Ola\x0bNordmann")
    stream = io.BytesIO()
    export_record(stream, "xlsx", "en")
    sheet = openpyxl.load_workbook(io.BytesIO(stream.getvalue()))[SHEET_TITLES["en"]["activities"]]
    assert "Ola\ufffdNordmann" in [cell.value for cell in sheet[2]]
