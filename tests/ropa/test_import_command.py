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
    call_command("import_record", str(record_file), "--dry-run", "--create-missing", stdout=out)
    assert "create Ordrebehandling" in out.getvalue() and "nothing was written" in out.getvalue()
    assert not ProcessingActivity.objects.exists()


def test_it_imports_with_the_named_user_in_history(record_file, privacy_officer):
    call_command("import_record", str(record_file), "--create-missing", "--user", privacy_officer.username,
                 stdout=io.StringIO())
    activity = ProcessingActivity.objects.get(name="Klatrekurs")
    assert activity.history.first().history_user == privacy_officer


def test_unknown_entries_are_errors_unless_creating_them_is_asked_for(record_file):
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_record", str(record_file), stdout=io.StringIO(), stderr=err)
    assert "Nettbutikk-plattform" in err.getvalue()  # a system the empty record does not know
    assert not ProcessingActivity.objects.exists()


def test_a_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_record", str(tmp_path / "nothing.xlsx"))
