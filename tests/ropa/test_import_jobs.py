"""Imports run in the worker: the upload comes back at once to a page that shows progress, then the report;
one import at a time per person; an import over its time limit is stopped with a message (issue 21)."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from ropa.jobs.models import Job
from ropa.jobs.worker import run_jobs
from ropa.models import ProcessingActivity
from tests.ropa.processor_helpers import private_storage_dir  # noqa: F401 - a fixture
from tests.ropa.test_import_admin import IMPORT_PAGE, exported_record  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


def post_upload(client, data: bytes):
    return client.post(reverse(IMPORT_PAGE), {"file": SimpleUploadedFile("record.xlsx", data), "create_missing": "on"},
                       HTTP_ACCEPT_LANGUAGE="en")


def test_the_upload_only_queues_the_dry_run_and_comes_back_at_once(officer_client, exported_record, monkeypatch):  # noqa: F811
    def read_in_the_request(*args, **kwargs):
        raise AssertionError("the web request read the workbook")

    monkeypatch.setattr("ropa.imports.jobs.plan_import", read_in_the_request)
    response = post_upload(officer_client, exported_record)
    assert response.status_code == 302 and response["Location"] == reverse(IMPORT_PAGE)
    job = Job.objects.get()
    assert job.state == Job.State.QUEUED and job.function == "ropa.imports.jobs.dry_run"
    page = officer_client.get(reverse(IMPORT_PAGE), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="import-progress"' in page and "Waiting for the worker" in page
    assert '<meta http-equiv="refresh" content="2">' in page


def test_the_worker_produces_the_report_the_page_then_shows(officer_client, exported_record):  # noqa: F811
    post_upload(officer_client, exported_record)
    assert run_jobs() == 1
    page = officer_client.get(reverse(IMPORT_PAGE), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "Dry run of record.xlsx" in html and "Ordrebehandling" in html
    assert 'name="confirm"' in html and 'http-equiv="refresh"' not in html
    assert not ProcessingActivity.objects.exists()
    response = officer_client.post(reverse(IMPORT_PAGE), {"confirm": "1", "token": page.context["token"]})
    assert response["Location"] == reverse(IMPORT_PAGE)
    assert not ProcessingActivity.objects.exists(), "the confirmation only queues the write"
    run_jobs()
    response = officer_client.get(reverse(IMPORT_PAGE))
    assert response["Location"] == reverse("admin:ropa_processingactivity_changelist")
    assert ProcessingActivity.objects.filter(name="Ordrebehandling").exists()


def test_one_import_at_a_time_per_person(officer_client, exported_record):  # noqa: F811
    post_upload(officer_client, exported_record)
    with translation.override("en"):
        response = post_upload(officer_client, exported_record)
    assert Job.objects.count() == 1
    page = officer_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Your previous import is still running" in page
    run_jobs()
    post_upload(officer_client, exported_record)
    assert Job.objects.count() == 2, "once the first is done, the next may start"


def test_two_uploads_at_the_same_moment_queue_one_import(
    officer_client, exported_record, monkeypatch, private_storage_dir,  # noqa: F811
):
    """The second of two simultaneous uploads passes the page's first check before the first is queued; the
    check made again while queueing (the person's row locked) still refuses it, and its file is not kept."""
    from ropa.documents.files import private_storage
    from ropa.imports import views

    post_upload(officer_client, exported_record)
    real_check, calls = views._running, []

    def check(request):
        calls.append(request)
        return False if len(calls) == 1 else real_check(request)  # the page's first check misses the queued one

    monkeypatch.setattr(views, "_running", check)
    with translation.override("en"):
        response = post_upload(officer_client, exported_record)
    assert Job.objects.count() == 1
    page = officer_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Your previous import is still running" in page
    _directories, files = private_storage().listdir("imports")
    assert len(files) == 1, "the refused upload's file is deleted"


def test_an_import_over_its_time_limit_is_stopped_with_a_message(
    officer_client, exported_record, settings, monkeypatch,  # noqa: F811
):
    settings.IMPORT_MAX_SECONDS = 1

    def slow(*args, **kwargs):
        time.sleep(30)

    monkeypatch.setattr("ropa.imports.jobs.plan_import", slow)
    post_upload(officer_client, exported_record)
    run_jobs()
    page = officer_client.get(reverse(IMPORT_PAGE), HTTP_ACCEPT_LANGUAGE="en")
    assert "record.xlsx was not imported: It took longer than the 1 seconds" in page.context["failed"]
    assert 'type="file"' in page.content.decode(), "the form is back for another try"
    assert not ProcessingActivity.objects.exists()
