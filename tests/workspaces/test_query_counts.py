"""One client's pages cost the same number of queries however many other clients the install hosts (issue 23, Proof:
"a fixed number of queries"). The seconds are measured by bench/workspaces_bench.py, not here."""

import io

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from ropa.exports.layouts import SHEET_TITLES
from ropa.models import (
    DataProcessingAgreement,
    LegalBasis,
    Membership,
    Organisation,
    ProcessingActivity,
    Processor,
    ProcessorUse,
    Purpose,
    RetentionRule,
    Role,
    System,
    Transfer,
    Workspace,
)

CHANGELIST = "/admin/ropa/processingactivity/"
EXPORT = "/admin/ropa/processingactivity/export-record/"
EXPORT_FORM = {"language": "nb", "file_format": "xlsx", "day": "", "organisation": ""}


def client_workspace(name: str) -> Workspace:
    """A client with two controllers, a processor under an agreement, a system, and three activities with their
    purposes, retention rules, processor uses and a transfer."""
    workspace = Workspace.objects.create(name=name)
    controllers = [
        Organisation.objects.create(name=f"{name} {n} AS", workspace=workspace, email=f"post{n}@{name}.example")
        for n in range(2)
    ]
    processor = Processor.objects.create(name=f"{name} mail", organisation=controllers[0], service="Mail")
    DataProcessingAgreement.objects.create(processor=processor, **{f"clause_{c}": True for c in "abcdefgh"})
    system = System.objects.create(name=f"{name} shop", workspace=workspace)
    for n in range(3):
        activity = ProcessingActivity.objects.create(name=f"{name} activity {n}", organisation=controllers[n % 2])
        activity.systems.add(system)
        Purpose.objects.create(activity=activity, description="Deliver orders", article6=LegalBasis.Article6.CONTRACT)
        RetentionRule.objects.create(activity=activity, duration=5, runs_from=RetentionRule.Event.END_OF_FINANCIAL_YEAR)
        ProcessorUse.objects.create(activity=activity, processor=processor)
    Transfer.objects.create(activity=activity, recipient="Analytics Inc.", destination_country="US",
                            tool=Transfer.Tool.SCC)
    return workspace


def visit(client, page: str):
    response = client.get(CHANGELIST) if page == "changelist" else client.post(EXPORT, EXPORT_FORM)
    assert response.status_code == 200
    return response


def cells(response) -> dict[str, list[tuple]]:
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


def queries(client, page: str) -> tuple[int, object]:
    visit(client, page)  # a first visit warms up
    with CaptureQueriesContext(connection) as captured:
        response = visit(client, page)
    return len(captured), response


@pytest.mark.parametrize("page", ["changelist", "export"])
def test_an_officers_pages_cost_the_same_queries_with_2_or_10_workspaces(db, client, page, django_assert_num_queries):
    mine = client_workspace("Mine")
    client_workspace("Other 1")
    officer = User.objects.create_user("officer", "officer@example.com", "a-long-test-password", is_staff=True)
    Membership.objects.create(user=officer, workspace=mine, role=Role.OFFICER)
    client.force_login(officer)
    with_two, response = queries(client, page)
    if page == "changelist":
        assert response.context_data["cl"].result_count == 3
    else:
        first = cells(response)

    for n in range(2, 10):
        client_workspace(f"Other {n}")
    assert Workspace.objects.filter(name__startswith="Other").count() == 9
    visit(client, page)
    with django_assert_num_queries(with_two):
        response = visit(client, page)
    if page == "changelist":
        assert sorted(str(a) for a in response.context_data["cl"].result_list) == [
            f"Mine activity {n}" for n in range(3)
        ]
    else:  # the same workbook, cell for cell: narrowing the reads to the officer's workspace left nothing out
        assert cells(response) == first
        assert any("Mine mail" in str(value) for row in first[SHEET_TITLES["nb"]["processors"]] for value in row)
