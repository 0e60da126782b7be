"""Cells that a spreadsheet could run as a formula are neutralised, and characters XLSX cannot hold replaced."""

import csv
import io
import zipfile

import openpyxl
import pytest

from ropa.exports import export_record
from ropa.exports.cells import neutralise, restore, safe_cell
from ropa.exports.layouts import HEADINGS, SHEET_TITLES

TRIGGERS = ["=1+1", "+cmd|' /C calc'!A0", "+47+A1", "-2+3", "@SUM(A1:A2)", "\tcmd", "\rcmd"]


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


def test_a_phone_number_goes_into_the_workbook_as_written(complete_activity):
    """Issue 26: "+47 22 33 44 55" is no formula (no function, no cell, no program named), so the workbook's
    text cell holds it without an apostrophe; the CSV, which a spreadsheet would compute, keeps one."""
    _set_owner(complete_activity, "+47 22 33 44 55")
    stream = io.BytesIO()
    export_record(stream, "xlsx", "en")
    sheet = openpyxl.load_workbook(io.BytesIO(stream.getvalue()))[SHEET_TITLES["en"]["activities"]]
    headings = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=headings.index(HEADINGS["en"]["activities"]["owner"]) + 1)
    assert cell.data_type == "s" and cell.value == "+47 22 33 44 55"
    assert safe_cell("+47 22 33 44 55", segments=True) == "'+47 22 33 44 55"


@pytest.mark.parametrize("value", ["+47 22 33 44 55", "+1 (555) 010-9999", "+4722334455"])
def test_only_a_plain_phone_number_passes_a_text_cell(value):
    assert safe_cell(value, text_cell=True) == value
    for disguised in (value + "+A1", value.replace("+", "+SUM(") + ")", "+47 22|calc", "+1", "+1234567890123456"):
        assert safe_cell(disguised, text_cell=True) == "'" + disguised


def test_illegal_characters_do_not_break_the_workbook(complete_activity):
    _set_owner(complete_activity, "Ola\x0bNordmann")
    stream = io.BytesIO()
    export_record(stream, "xlsx", "en")
    sheet = openpyxl.load_workbook(io.BytesIO(stream.getvalue()))[SHEET_TITLES["en"]["activities"]]
    assert "Ola\ufffdNordmann" in [cell.value for cell in sheet[2]]


# Issue 16.6: spreadsheets skip blanks and invisible characters and fold full-width forms before they
# decide that a cell is a formula, so neutralising must look past them too (OWASP "CSV injection").
DISGUISED = [
    "\uff1d1+1",  # full-width equals sign
    "\uff0b47 22 00 00 00",  # full-width plus
    "\uff0d2+3",  # full-width hyphen-minus
    "\uff20SUM(A1:A2)",  # full-width commercial at
    " =1+1",
    "\u00a0=1+1",  # no-break space
    "\u200b=1+1",  # zero-width space
    "\ufeff=1+1",  # byte order mark
    " \u200b\u00a0\uff1dHYPERLINK(\"http://example.com\")",
    "\n=1+1",
]


@pytest.mark.parametrize("value", DISGUISED)
def test_a_formula_behind_blanks_invisibles_or_full_width_forms_gets_an_apostrophe(value):
    assert neutralise(value) == "'" + value
    assert restore(neutralise(value)) == value


@pytest.mark.parametrize("value", ["Ola Nordmann", "\u00a0Ola", "\uff2f\uff4c\uff41", "a =b", "'\u200b=1", "12 - 3"])
def test_ordinary_text_is_left_alone_and_round_trips(value):
    assert restore(neutralise(value)) == value
    assert neutralise(value) == value or value.startswith("'")


@pytest.mark.parametrize("value", DISGUISED)
def test_the_workbook_never_holds_a_disguised_formula(complete_activity, value):
    _set_owner(complete_activity, value)
    stream = io.BytesIO()
    export_record(stream, "xlsx", "en")
    sheet = openpyxl.load_workbook(io.BytesIO(stream.getvalue()))[SHEET_TITLES["en"]["activities"]]
    headings = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=headings.index(HEADINGS["en"]["activities"]["owner"]) + 1)
    assert cell.value.startswith("'")


def _fields_read_with(stream: bytes, delimiter: str) -> list[str]:
    archive = zipfile.ZipFile(io.BytesIO(stream))
    return [
        cell
        for name in archive.namelist()
        for row in csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig")), delimiter=delimiter)
        for cell in row
    ]


def _looks_like_formula(cell: str) -> bool:
    stripped = cell.lstrip(" \u00a0\u200b\ufeff\n")
    return stripped[:1] in ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20") or cell[:1] in ("\t", "\r")


@pytest.mark.parametrize(("language", "delimiter", "other"), [("nb", ";", ","), ("sv", ";", ","), ("en", ",", ";")])
@pytest.mark.parametrize("value", ["Kunder,=1+1", "Kunder;=1+1", 'Kunder, "=1+1', "Kunder,\uff1d1+1", *DISGUISED])
def test_a_csv_opened_with_either_separator_yields_no_formula(complete_activity, language, delimiter, other, value):
    """Excel in Norwegian and Swedish splits at semicolons, in English at commas; a file may meet either."""
    _set_owner(complete_activity, value)
    complete_activity.description = value
    complete_activity.save()
    stream = io.BytesIO()
    export_record(stream, "csv", language)
    for separator in (delimiter, other):
        assert not [cell for cell in _fields_read_with(stream.getvalue(), separator) if _looks_like_formula(cell)]
    # Read with its own separator, the text is all there; only apostrophes were added.
    assert value in [cell.replace("'", "") for cell in _fields_read_with(stream.getvalue(), delimiter)]


def test_fields_holding_either_separator_are_quoted():
    from ropa.exports.writers import csv_text

    assert csv_text([["a,b", "c;d", "plain"]], ";") == '"a,b";"c;d";plain\r\n'
    assert csv_text([["a,b", "c;d", "plain"]], ",") == '"a,b","c;d",plain\r\n'


def test_the_lists_of_signs_and_invisible_characters_match_unicode():
    """The character classes in cells.py are written out for speed; they must match what unicodedata says."""
    import re
    import unicodedata

    from ropa.exports import cells

    characters = [chr(code) for code in range(0x10000)]
    signs = {c for c in characters if unicodedata.normalize("NFKC", c)[:1] in "=+-@"}
    invisible = {c for c in characters if c.isspace() or unicodedata.category(c) == "Cf"}
    assert {c for c in characters if re.fullmatch(cells._SIGNS, c)} == signs
    assert {c for c in characters if re.fullmatch(cells._INVISIBLE, c)} == invisible


@pytest.mark.parametrize("segments", [False, True])
def test_text_let_through_unchanged_is_text_the_full_treatment_leaves_unchanged(segments):
    """safe_cell() lets most text through after one match; each character, first, after text and after a
    separator, must come out as neutralise() after the replacement of illegal characters would make it."""
    from ropa.exports import cells

    def treated(text: str) -> str:
        return cells.neutralise(cells.ILLEGAL_CHARACTERS.sub(cells.REPLACEMENT, text), segments)

    for code in range(0x10000):
        character = chr(code)
        for text in (character, character + "=1", "a" + character, *(f"a{brk}{character}1" for brk in ",;\r\n")):
            assert safe_cell(text, segments) == treated(text), (hex(code), text)
