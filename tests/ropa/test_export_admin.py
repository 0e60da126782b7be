"""The admin's export pages: "Export for Datatilsynet" and the filtered changelist export, by permission."""

import csv
import datetime
import io
import zipfile
from urllib.parse import quote

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from ropa.exports.layouts import SHEET_TITLES
from ropa.models import ProcessingActivity

EXPORT_PAGE = "admin:ropa_export_record"
CHANGELIST_EXPORT = "admin:ropa_processingactivity_export"
XLSX, CSV = 0, 1  # positions in RecordExportAdminMixin.export_formats


def test_the_activity_changelist_links_to_the_export_page(officer_client):
    page = officer_client.get(reverse("admin:ropa_processingactivity_changelist"))
    assert reverse(EXPORT_PAGE) in page.content.decode()


@pytest.mark.parametrize("role_client", ["officer_client", "auditor_client"])
def test_privacy_officers_and_auditors_download_the_record(request, role_client, complete_activity):
    client = request.getfixturevalue(role_client)
    assert client.get(reverse(EXPORT_PAGE)).status_code == 200
    options = {"language": "nb", "file_format": "xlsx", "day": "", "organisation": ""}
    response = client.post(reverse(EXPORT_PAGE), options)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    activities = book[SHEET_TITLES["nb"]["activities"]]
    assert activities.cell(row=2, column=2).value == "Order handling"


def test_the_csv_download_is_a_zip_of_sheets(officer_client, complete_activity):
    response = officer_client.post(reverse(EXPORT_PAGE), {"language": "sv", "file_format": "csv"})
    assert response["Content-Type"] == "application/zip"
    # The record's sheets, the breach register (ropa/exports/breaches.py) and the cookie register (cookies.py).
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert len(names) == len(SHEET_TITLES["sv"]) + 2 and names[-1] == "09-kakor.csv"


def test_users_without_the_export_permission_are_refused(client, request_handler, complete_activity):
    client.force_login(request_handler)
    assert client.get(reverse(EXPORT_PAGE)).status_code == 403
    assert client.post(reverse(EXPORT_PAGE), {"language": "nb", "file_format": "xlsx"}).status_code == 403
    assert client.get(reverse(CHANGELIST_EXPORT)).status_code == 403
    changelist = client.get(reverse("admin:ropa_processingactivity_changelist"))
    assert changelist.status_code == 200 and reverse(EXPORT_PAGE) not in changelist.content.decode()


def test_a_day_still_to_come_is_refused(officer_client, complete_activity):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = officer_client.post(reverse(EXPORT_PAGE), {"language": "nb", "file_format": "xlsx", "day": tomorrow})
    assert response.status_code == 200 and "day" in response.context["form"].errors


@pytest.mark.parametrize(("language", "words"), [
    ("nb", "behandlingsprotokoll"), ("sv", "registerförteckning"), ("en", "record-of-processing"),
])
def test_the_file_is_named_in_the_words_of_its_layout(officer_client, complete_activity, language, words):
    """Issue 26: a Norwegian record downloaded from a Norwegian page is not called "record-of-processing"."""
    response = officer_client.post(reverse(EXPORT_PAGE), {"language": language, "file_format": "xlsx", "day": ""})
    name = f"{words}-{timezone.localdate().isoformat()}-{language}.xlsx"
    header = response["Content-Disposition"]
    expected = f'attachment; filename="{name}"' if name.isascii() else f"attachment; filename*=utf-8''{quote(name)}"
    assert header == expected


def test_the_changelist_export_is_named_in_the_page_language(officer_client, complete_activity):
    response = _changelist_export(officer_client, "", XLSX)
    assert f'behandlingsaktiviteter-{timezone.localdate().isoformat()}.xlsx' in response["Content-Disposition"]


def test_a_day_before_the_record_began_is_refused_with_the_reason(officer_client, complete_activity):
    """Issue 26: such an export was an empty workbook, as if the controller had recorded nothing that day."""
    first = timezone.localdate()
    before = first - datetime.timedelta(days=3)
    response = officer_client.post(reverse(EXPORT_PAGE), {"language": "nb", "file_format": "xlsx", "day": before})
    assert response.status_code == 200 and not response.has_header("Content-Disposition")
    [message] = response.context["form"].errors["day"]
    assert "historikk" in message and str(first.year) in message
    response = officer_client.post(reverse(EXPORT_PAGE), {"language": "nb", "file_format": "xlsx", "day": first})
    assert response["Content-Disposition"].startswith("attachment;")


def _changelist_export(client, query: str, file_format: int):
    url = reverse(CHANGELIST_EXPORT) + query
    form = client.get(url).context["form"]
    payload = {name: "on" for name in form.fields if name.startswith("processingactivityresource_")}
    payload.update({"format": file_format, "resource": 0})
    return client.post(url, payload)


def test_the_filtered_changelist_exports_only_what_the_filter_shows(officer_client, complete_activity):
    ProcessingActivity.objects.create(organisation=complete_activity.organisation, name="Draft idea")
    response = _changelist_export(officer_client, "?status__exact=active", XLSX)
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    assert [row[1] for row in rows[1:]] == ["Order handling"]


@pytest.mark.parametrize("file_format", [XLSX, CSV])
def test_the_changelist_export_neutralises_formulas(officer_client, complete_activity, file_format):
    complete_activity.name = '=HYPERLINK("http://evil.example","click")'
    complete_activity.owner = "@SUM(A1:A9)"
    complete_activity.department = "+47 22 00 00 00"
    complete_activity.save()
    response = _changelist_export(officer_client, "", file_format)
    if file_format == XLSX:
        cells = [cell for row in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2)
                 for cell in row]
        assert not [cell for cell in cells if cell.data_type == "f"]
        values = [cell.value for cell in cells]
    else:
        assert response.content.startswith("\ufeff".encode())
        values = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1]
    assert "'" + '=HYPERLINK("http://evil.example","click")' in values
    assert "'@SUM(A1:A9)" in values and "'+47 22 00 00 00" in values


def test_the_changelist_export_runs_the_same_queries_for_10_and_60_activities(officer_client, organisation):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.ropa.test_export import _activities

    def queries() -> int:
        url = reverse(CHANGELIST_EXPORT)
        form = officer_client.get(url).context["form"]
        payload = {name: "on" for name in form.fields if name.startswith("processingactivityresource_")}
        with CaptureQueriesContext(connection) as captured:
            response = officer_client.post(url, {**payload, "format": XLSX, "resource": 0})
        assert response.status_code == 200
        return len(captured)

    _activities(organisation, 10)
    small = queries()
    _activities(organisation, 50)
    assert queries() == small
