"""`manage.py import_record`: dry run, all-or-nothing import, history naming the user."""

import io

import pytest
from django.core.management import CommandError, call_command

from ropa.exports import export_record
from ropa.models import ProcessingActivity
from tests.ropa.test_import import empty_the_record, rich_record


@pytest.fixture
def record_file(db, tmp_path):
    rich_record()
    path = tmp_path / "record.xlsx"
    with path.open("wb") as stream:
        export_record(stream)
    empty_the_record()
    return path


def test_a_dry_run_reports_and_writes_nothing(record_file):
    out = io.StringIO()
    call_command("import_record", str(record_file), "--dry-run", "--create-missing", "--lang", "en", stdout=out)
    assert "create Ordrebehandling" in out.getvalue() and "nothing was written" in out.getvalue()
    assert not ProcessingActivity.objects.exists()


@pytest.mark.parametrize(("language", "expected"), [
    ("nb", ["Behandlingsaktiviteter, rad 3: Ordrebehandling opprettes", "legges til som system: Nettbutikk-plattform",
            "Prøvekjøring: ingenting ble lagret."]),
    ("sv", ["Behandlingsaktiviteter, rad 3: Ordrebehandling skapas", "läggs till som system: Nettbutikk-plattform",
            "Provkörning: ingenting sparades."]),
])
def test_the_report_is_in_the_chosen_language_from_first_line_to_last(record_file, language, expected):
    out = io.StringIO()
    call_command("import_record", str(record_file), "--dry-run", "--create-missing", "--lang", language,
                 stdout=out)
    lines = out.getvalue().splitlines()
    for line in expected:
        assert line in lines
    assert not [line for line in lines if any(word in line for word in (
        ", row ", ": create ", ": change ", "new ", "read:", "warning:", "Dry run",
    ))]


@pytest.mark.parametrize(("language", "summary", "prefix"), [
    ("nb", "1 feil; ingenting ble lagret.", "feil: "),
    ("sv", "1 fel; ingenting sparades.", "fel: "),
])
def test_errors_and_the_summary_are_in_the_chosen_language(record_file, language, summary, prefix):
    err = io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("import_record", str(record_file), "--lang", language, stdout=io.StringIO(), stderr=err)
    assert str(refused.value) == summary
    [error] = err.getvalue().splitlines()
    assert error.startswith(prefix) and "Nettbutikk-plattform" in error


def test_the_written_import_says_what_it_did_in_the_chosen_language(record_file, privacy_officer):
    out = io.StringIO()
    call_command("import_record", str(record_file), "--create-missing", "--lang", "nb", stdout=out)
    assert out.getvalue().splitlines()[-1] == "Importert: 13 opprettet, 0 endret, 0 uendret."
    assert ProcessingActivity.objects.get(name="Klatrekurs").history.first().history_change_reason == (
        "Import av record.xlsx"
    )


def test_it_imports_with_the_named_user_in_history(record_file, privacy_officer):
    call_command("import_record", str(record_file), "--create-missing", "--user", privacy_officer.username,
                 stdout=io.StringIO())
    activity = ProcessingActivity.objects.get(name="Klatrekurs")
    assert activity.history.first().history_user == privacy_officer


def test_unknown_entries_are_errors_unless_creating_them_is_asked_for(record_file):
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_record", str(record_file), "--lang", "en", stdout=io.StringIO(), stderr=err)
    assert "Nettbutikk-plattform" in err.getvalue()  # a system the empty record does not know
    assert not ProcessingActivity.objects.exists()


def test_a_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="Kan ikke lese .*nothing.xlsx"):
        call_command("import_record", str(tmp_path / "nothing.xlsx"), "--lang", "nb")
