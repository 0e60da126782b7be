"""`manage.py export_record`: the record to a file from the command line, with clear errors."""

import datetime
import io
import zipfile

import openpyxl
import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from ropa.exports.layouts import SHEET_TITLES
from ropa.models import Organisation


def test_it_writes_the_workbook(complete_activity, tmp_path):
    output = tmp_path / "record.xlsx"
    out = io.StringIO()
    call_command("export_record", "--format", "xlsx", "--lang", "en", "--output", str(output), stdout=out)
    book = openpyxl.load_workbook(output)
    assert book.sheetnames == [*SHEET_TITLES["en"].values(), "Breach register", "Cookies"]
    assert book[SHEET_TITLES["en"]["activities"]].cell(row=2, column=2).value == "Order handling"
    assert str(output) in out.getvalue()


def test_it_writes_csv_files_in_a_zip_as_of_a_past_day(complete_activity, tmp_path):
    output = tmp_path / "record.zip"
    with time_machine.travel(timezone.now() - datetime.timedelta(days=2)):
        Organisation.objects.create(name="Fjellsport AS")  # the record's history begins two days ago
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    call_command("export_record", "--format", "csv", "--lang", "sv", "--as-of", yesterday, "--output", str(output),
                 stdout=io.StringIO())
    archive = zipfile.ZipFile(output)
    activities = archive.read(archive.namelist()[1]).decode("utf-8-sig")
    assert "Order handling" not in activities  # created today, so not in yesterday's record


def test_a_day_before_the_record_began_is_refused_with_the_reason(complete_activity, tmp_path):
    """Issue 26: the file was an empty record, as if nothing had been recorded; now the command says why not."""
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    with pytest.raises(CommandError, match="historikk begynner"):
        call_command("export_record", "--as-of", yesterday, "--output", str(tmp_path / "r.xlsx"), stdout=io.StringIO())
    assert not (tmp_path / "r.xlsx").exists()


def test_the_cells_it_writes_are_neutralised(complete_activity, tmp_path):
    complete_activity.name = "=1+1"
    complete_activity.save()
    output = tmp_path / "record.xlsx"
    call_command("export_record", "--output", str(output), stdout=io.StringIO())
    cell = openpyxl.load_workbook(output)[SHEET_TITLES["nb"]["activities"]].cell(row=2, column=2)
    assert cell.value == "'=1+1" and cell.data_type == "s"


@pytest.mark.parametrize(("arguments", "message"), [
    (["--as-of", "31.12.2025"], "YYYY-MM-DD"),
    (["--as-of", "2999-01-01"], "future"),
    (["--organisation", "Nobody AS"], "No organisation"),
    (["--format", "pdf"], "invalid choice"),
    (["--lang", "de"], "invalid choice"),
])
def test_it_explains_what_is_wrong(complete_activity, tmp_path, arguments, message):
    from django.utils import translation

    with translation.override("en"), pytest.raises(CommandError, match=message):
        call_command("export_record", *arguments, "--output", str(tmp_path / "record.xlsx"), stdout=io.StringIO())


def test_it_refuses_an_output_in_a_missing_directory(complete_activity, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("export_record", "--output", str(tmp_path / "nowhere" / "record.xlsx"), stdout=io.StringIO())
