"""The record as it stood on a day (`?as_of=`, the export's record_as_of), the export download (Art. 30(4)) and the
dashboard's counts, each for the token's workspaces only."""

import datetime
import io
import zipfile

import openpyxl
import time_machine
from django.utils import timezone

from ropa.dashboard.counts import attention_items
from ropa.models import Organisation, ProcessingActivity, Workspace
from tests.api.conftest import api, make_token, member

UTC = datetime.UTC


def test_the_record_as_it_stood_on_a_day(db):
    workspace = Workspace.objects.create(name="Charlie workspace")
    officer = member("charlie-officer", workspace)
    with time_machine.travel(datetime.datetime(2026, 1, 10, 10, tzinfo=UTC), tick=False):
        organisation = Organisation.objects.create(name="Charlie AS", workspace=workspace, country="NO")
        activity = ProcessingActivity.objects.create(organisation=organisation, name="Payroll")
    _token, secret = make_token(officer)
    client = api(secret)
    with time_machine.travel(datetime.datetime(2026, 2, 10, 10, tzinfo=UTC), tick=False):
        renamed = client.patch(f"/api/v1/activities/{activity.pk}/", {"name": "Payroll and pensions"},
                               content_type="application/json")
        assert renamed.status_code == 200, renamed.content
        ProcessingActivity.objects.create(organisation=organisation, name="Recruitment")

    def names(day: str) -> list[str]:
        response = client.get("/api/v1/record/", {"as_of": day})
        assert response.status_code == 200, response.content
        assert response.json()["as_of"] == day
        return [row["name"] for row in response.json()["activities"]]

    assert names("2026-01-20") == ["Payroll"]
    assert names("2026-02-20") == ["Payroll and pensions", "Recruitment"]
    today = client.get("/api/v1/record/").json()
    assert today["as_of"] == timezone.localdate().isoformat()
    assert today["organisations"] == [{"id": organisation.pk, "name": "Charlie AS"}]

    before = client.get("/api/v1/record/", {"as_of": "2026-01-05"})
    assert before.status_code == 400
    assert "as_of" in before.json()["errors"]
    future = client.get("/api/v1/record/", {"as_of": (timezone.localdate() + datetime.timedelta(days=1)).isoformat()})
    assert future.json()["errors"]["as_of"] == ["The record cannot be shown as of a future date."]


def test_the_export_downloads_as_xlsx_and_as_zipped_csv(alpha, bravo, alpha_api):
    response = alpha_api.get("/api/v1/export/", {"language": "en"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    cells = {str(value) for sheet in workbook for row in sheet.iter_rows(values_only=True) for value in row}
    assert alpha.activity.name in cells and bravo.activity.name not in cells

    response = alpha_api.get("/api/v1/export/", {"file_format": "csv", "language": "en",
                                                 "organisation": alpha.organisation.pk})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        text = "".join(archive.read(name).decode("utf-8") for name in archive.namelist())
    assert alpha.activity.name in text and bravo.activity.name not in text


def test_the_export_refuses_a_bad_option_as_a_problem(alpha_api):
    response = alpha_api.get("/api/v1/export/", {"file_format": "pdf"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "file_format" in response.json()["errors"]


def test_the_dashboard_counts_the_tokens_workspaces_only(alpha, bravo, alpha_officer, alpha_api):
    """Each workspace has one request received 40 days ago (overdue, Art. 12(3)) and one breach within 72 hours."""
    counts = {row["label"]: row for row in alpha_api.get("/api/v1/dashboard/").json()}
    assert counts["Overdue (Art. 12(3))"]["count"] == 1
    assert counts["Overdue (Art. 12(3))"]["urgent"] is True
    assert counts["72-hour clock running (Art. 33(1))"]["count"] == 1
    assert {label: row["count"] for label, row in counts.items()} == {
        str(item.label): item.count for item in attention_items(alpha_officer)}
