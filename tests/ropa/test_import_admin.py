"""The admin's import page: upload, dry-run report, confirm; only for users with the import permission.

The upload and the confirmation only queue a job; `work()` is the worker (ropa/jobs/worker.py) doing it.
"""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ropa.exports import export_record
from ropa.exports.layouts import HEADINGS, SHEET_TITLES
from ropa.jobs.models import Job
from ropa.jobs.worker import run_jobs
from ropa.models import ProcessingActivity
from tests.ropa.processor_helpers import private_storage_dir  # noqa: F401 - a fixture
from tests.ropa.test_import import empty_the_record, rich_record

IMPORT_PAGE = "admin:ropa_import_record"


@pytest.fixture
def exported_record(db, private_storage_dir) -> bytes:  # noqa: F811 - the fixture above
    rich_record()
    stream = io.BytesIO()
    export_record(stream)
    empty_the_record()
    return stream.getvalue()


def upload(client, data: bytes, **options):
    """Upload, let the worker do the dry run, and open the page again: the report."""
    payload = {"file": SimpleUploadedFile("record.xlsx", data), **options}
    response = client.post(reverse(IMPORT_PAGE), payload)
    if response.status_code != 302:
        return response
    assert response["Location"] == reverse(IMPORT_PAGE)
    run_jobs(limit=10)
    return client.get(reverse(IMPORT_PAGE))


def confirm(client, token: str):
    response = client.post(reverse(IMPORT_PAGE), {"confirm": "1", "token": token})
    if response["Location"] == reverse(IMPORT_PAGE):
        run_jobs(limit=10)
        return client.get(reverse(IMPORT_PAGE))
    return response


def test_the_dry_run_shows_what_will_happen_and_writes_nothing(officer_client, exported_record):
    page = upload(officer_client, exported_record, create_missing="on")
    assert page.status_code == 200
    assert Job.objects.get().result["valid"] and Job.objects.get().result["counts"]["create"] > 0
    assert "Ordrebehandling" in page.content.decode()
    assert page.context["token"]
    assert not ProcessingActivity.objects.exists()


def test_confirming_writes_the_record_with_history_naming_the_user(officer_client, privacy_officer, exported_record):
    token = upload(officer_client, exported_record, create_missing="on").context["token"]
    response = confirm(officer_client, token)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:ropa_processingactivity_changelist")
    activity = ProcessingActivity.objects.get(name="Ordrebehandling")
    assert activity.history.first().history_user == privacy_officer


def test_a_file_with_errors_lists_row_column_and_reason_and_cannot_be_confirmed(officer_client, exported_record):
    book = openpyxl.load_workbook(io.BytesIO(exported_record))
    sheet = book[SHEET_TITLES["nb"]["activities"]]
    headings = [cell.value for cell in sheet[1]]
    column = headings.index(HEADINGS["nb"]["activities"]["last_reviewed"]) + 1
    sheet.cell(row=3, column=column, value="next spring")
    stream = io.BytesIO()
    book.save(stream)
    page = upload(officer_client, stream.getvalue(), create_missing="on")
    content = page.content.decode()
    assert page.context["token"] == "" and 'name="confirm"' not in content
    assert "next spring" in content
    assert 'id="import-errors"' in content and HEADINGS["nb"]["activities"]["last_reviewed"] in content
    assert officer_client.post(reverse(IMPORT_PAGE), {"confirm": "1", "token": "guessed"}).status_code == 302
    assert not ProcessingActivity.objects.exists()


def test_a_file_that_is_no_spreadsheet_is_refused_on_the_form(officer_client, private_storage_dir):  # noqa: F811
    page = upload(officer_client, b"hello")
    # In the site's language (nb), as the officer reads it.
    assert page.status_code == 200 and "Filen er ikke en XLSX- eller zip-fil" in page.context["failed"]
    assert 'id="import-failed"' in page.content.decode() and page.context["form"]


@pytest.mark.parametrize("role", ["auditor", "request_handler"])
def test_users_without_the_import_permission_are_refused(client, request, role, exported_record):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse(IMPORT_PAGE)).status_code == 403
    assert upload(client, exported_record).status_code == 403
    assert not ProcessingActivity.objects.exists()


def test_the_dry_run_page_shows_old_and_new_values_how_values_were_read_and_the_drafts(
    officer_client, private_storage_dir,  # noqa: F811
):
    from tests.ropa.test_import_workbooks import handmade_norwegian_sheet

    rich_record()
    orders = ProcessingActivity.objects.get(name="Ordrebehandling")
    stream = io.BytesIO()
    export_record(stream)
    activities = HEADINGS["nb"]["activities"]
    book = openpyxl.load_workbook(io.BytesIO(stream.getvalue()))
    sheet = book[SHEET_TITLES["nb"]["activities"]]
    headings = [cell.value for cell in sheet[1]]
    sheet.cell(row=3, column=headings.index(activities["owner"]) + 1, value="Daglig leder")
    changed = io.BytesIO()
    book.save(changed)
    content = upload(officer_client, changed.getvalue()).content.decode()
    assert f"{orders.owner} → Daglig leder" in content

    content = upload(officer_client, handmade_norwegian_sheet(), create_missing="on").content.decode()
    assert 'id="import-notes"' in content and "Kunder" in content
    assert 'id="import-warnings"' in content and "Art. 9(2)" in content
    assert ProcessingActivity.objects.get(pk=orders.pk).owner == orders.owner
