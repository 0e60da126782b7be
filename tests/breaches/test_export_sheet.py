"""The breach register in the export for the authority (Art. 33(5)), as it stood at the end of any day."""

import csv
import datetime
import io
import zipfile

import openpyxl
import pytest
import time_machine
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from ropa.breaches.models import Breach, Notice, Risk, Status
from ropa.exports import export_record
from ropa.exports.breaches import HEADINGS, TITLES, breach_register_sheet
from ropa.exports.cookies import TITLES as COOKIE_TITLES
from ropa.exports.layouts import SHEET_TITLES
from ropa.imports.columns import recognise
from ropa.imports.readers import RawSheet
from tests.breaches.conftest import oslo


def register(language: str = "en", **options) -> list[dict]:
    stream = io.BytesIO()
    export_record(stream, "xlsx", language, **options)
    values = list(openpyxl.load_workbook(io.BytesIO(stream.getvalue()))[TITLES[language]].values)
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


@pytest.fixture
def notified_breach(make_breach, complete_activity):
    with time_machine.travel(oslo(2026, 3, 3, 12, 0)):
        breach = make_breach(
            title="Lost laptop", approximate_data_subjects=40, consequences="Customers' orders could be read.",
            measures_taken="Remote wipe.", risk=Risk.RISK, status=Status.NOTIFIED,
            notified_at=oslo(2026, 3, 3, 11, 0), authority_case_number="26/01234",
        )
        breach.activities.add(complete_activity)
        breach.prefill_categories()
        Notice.objects.create(breach=breach, sent_at=oslo(2026, 3, 3, 11, 0), content="Initial notification.")
    return breach


def test_the_export_has_a_breach_register_sheet_with_every_breach(notified_breach):
    """Art. 33(5): the facts, effects and remedial action, and the decisions, one row per breach."""
    with time_machine.travel(oslo(2026, 3, 10, 12, 0)):
        rows = register()
    assert len(rows) == 1
    row = rows[0]
    assert row["Breach"] == "Lost laptop"
    assert row["Organisation the breach concerns"] == "Verdifull AS"
    assert row["Became aware (the clock starts)"] == "2026-03-02 09:00"
    assert row["Notify by (72 hours)"] == "2026-03-05 09:00"
    assert row["Notified to the authority"] == "2026-03-03 11:00"
    assert row["Processing activities involved"] == "Order handling"
    assert row["Categories of data subjects affected"] == "Customers"
    assert row["Approximate number of data subjects"] == 40
    assert row["Authority's case number"] == "26/01234"
    assert row["Notices in phases (Art. 33(4))"] == "2026-03-03 11:00 Initial notification: Initial notification."
    assert row["Risk assessment"] == "Likely to result in a risk to the rights and freedoms of natural persons"


def test_the_register_is_shown_as_it_stood_at_the_end_of_a_past_day(notified_breach):
    """Like the rest of the export: a later change or a later breach does not show in an earlier day's sheet."""
    with time_machine.travel(oslo(2026, 3, 12, 12, 0)):
        breach = Breach.objects.get(pk=notified_breach.pk)
        breach.measures_taken = "Remote wipe; all staff laptops now encrypted."
        breach.save()
        Breach.objects.create(organisation=breach.organisation, title="Later", description="Later.")
        before = register(day=datetime.date(2026, 3, 10))
        now = register()
    assert [row["Measures taken"] for row in before] == ["Remote wipe."]
    assert {row["Breach"] for row in now} == {"Lost laptop", "Later"}
    with time_machine.travel(oslo(2026, 3, 12, 12, 0)):
        assert register(day=datetime.date(2026, 3, 1)) == []


def test_the_organisation_filter_leaves_out_other_controllers_breaches(notified_breach):
    from ropa.models import Organisation

    other = Organisation.objects.create(name="Annen AS")
    Breach.objects.create(organisation=other, title="Theirs", description="Not ours.")
    rows = register(organisation=notified_breach.organisation)
    assert [row["Breach"] for row in rows] == ["Lost laptop"]


def test_the_csv_export_holds_the_register_in_norwegian(notified_breach):
    stream = io.BytesIO()
    export_record(stream, "csv", "nb")
    archive = zipfile.ZipFile(io.BytesIO(stream.getvalue()))
    # The cookie register's sheet follows the breach register's (ropa.exports.export_record): found by name.
    [name] = [name for name in archive.namelist() if name.endswith("avviksregister.csv")]
    table = list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig")), delimiter=";"))
    assert table[0][:2] == ["Virksomheten avviket gjelder", "Avvik"] and table[1][1] == "Lost laptop"


def test_the_sheet_runs_the_same_queries_for_2_and_20_breaches(make_breach, complete_activity,
                                                                 django_assert_num_queries):
    def add(count: int) -> None:
        for index in range(count):
            breach = make_breach(title=f"Breach {index}")
            breach.activities.add(complete_activity)
            breach.prefill_categories()
            Notice.objects.create(breach=breach, sent_at=oslo(2026, 3, 3, 11, 0), content="Sent.",
                                  kind=Notice.Kind.FOLLOW_UP)

    add(2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        breach_register_sheet(None, None, "en")
    add(18)
    with django_assert_num_queries(len(small)):
        assert len(breach_register_sheet(None, None, "en").rows) == 20


@pytest.mark.parametrize("language", ["nb", "en", "sv"])
def test_importing_our_own_export_leaves_the_register_out(db, language):
    """The import reads the record; no heading of this sheet is taken for one of the record's sheets."""
    headings = [HEADINGS[language][key] for key in HEADINGS[language]]
    assert recognise(RawSheet(TITLES[language], [(1, headings), (2, ["x"] * len(headings))])) is None


@pytest.mark.parametrize(("breach_permission", "has_sheet"), [(None, False), ("export_breach", True)])
def test_the_admin_export_holds_the_register_only_for_those_who_may_export_breaches(
    client, notified_breach, breach_permission, has_sheet
):
    """The breach register is a permission of its own: exporting the record does not open it (README, roles).
    The cookie register is part of the record, last in either export."""
    clerk = User.objects.create_user("clerk", "clerk@example.com", "a-long-test-password", is_staff=True)
    codenames = ["view_processingactivity", "export_processingactivity", *filter(None, [breach_permission])]
    clerk.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client.force_login(clerk)
    response = client.post(reverse("admin:ropa_export_record"), {"language": "en", "file_format": "xlsx"})
    assert response.status_code == 200
    record = list(SHEET_TITLES["en"].values())
    sheets = openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames
    assert sheets == record + [TITLES["en"]] * has_sheet + [COOKIE_TITLES["en"]]
    archive = client.post(reverse("admin:ropa_export_record"), {"language": "en", "file_format": "csv"}).content
    assert len(zipfile.ZipFile(io.BytesIO(archive)).namelist()) == len(record) + has_sheet + 1
