"""The record exported for Datatilsynet: layouts, sheets, dates, formats (Art. 30(1), 30(2), 30(4))."""

import csv
import datetime
import io
import zipfile

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from ropa.completeness.signals import deferred
from ropa.exports import export_record
from ropa.exports.breaches import TITLES as BREACH_TITLES
from ropa.exports.cookies import TITLES as COOKIE_TITLES
from ropa.exports.layouts import HEADINGS, LANGUAGES, SHEET_TITLES, SHEETS, TEMPLATE_HEADINGS
from ropa.models import (
    DataSubjectCategory,
    LegalBasis,
    Organisation,
    PersonalDataCategory,
    ProcessingActivity,
    ProcessorActivity,
    Purpose,
    SecurityMeasure,
    YesNoUnknown,
)


def workbook(**options) -> openpyxl.Workbook:
    stream = io.BytesIO()
    export_record(stream, "xlsx", **options)
    return openpyxl.load_workbook(io.BytesIO(stream.getvalue()))


def rows(sheet) -> list[dict]:
    """The sheet's data rows as dicts keyed by heading."""
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def sheet_by_key(book: openpyxl.Workbook, key: str, language: str = "nb"):
    return book[SHEET_TITLES[language][key]]


def heading(key: str, column: str, language: str = "nb") -> str:
    return HEADINGS[language][key][column]


def test_the_norwegian_layout_has_the_columns_datatilsynet_asks_for(complete_activity):
    """Art. 30(1)(b)–(g) in Datatilsynet's wording, in that order, one row per activity."""
    book = workbook()
    headings = [cell.value for cell in next(sheet_by_key(book, "activities").iter_rows(max_row=1))]
    wording = [
        "Formålene med behandlingen",
        "Kategorier av registrerte",
        "Kategorier av personopplysninger",
        "Kategorier av mottakere",
        "Overføringer til tredjestater",
        "Planlagte tidsfrister for sletting",
        "Generell beskrivelse av tekniske og organisatoriske sikkerhetstiltak",
    ]
    positions = [headings.index(text) for text in wording]
    assert positions == sorted(positions)
    assert headings.index("Behandlingsansvarlig") < positions[0]
    assert len(rows(sheet_by_key(book, "activities"))) == 1


def test_norwegian_is_the_default_layout(complete_activity):
    assert book_titles(workbook()) == [*SHEET_TITLES["nb"].values(), BREACH_TITLES["nb"], COOKIE_TITLES["nb"]]


def book_titles(book) -> list[str]:
    return [sheet.title for sheet in book.worksheets]


def test_every_layout_names_each_column_once_in_every_language():
    for language in LANGUAGES:
        for key, columns in SHEETS.items():
            names = HEADINGS[language][key]
            assert set(names) == {column.key for column in columns}, (language, key)
            assert len(set(names.values())) == len(names), (language, key)
            assert len(SHEET_TITLES[language][key]) <= 31
    for key, aliases in TEMPLATE_HEADINGS.items():
        assert set(aliases) <= {column.key for column in SHEETS[key]} | {"article6", "article9", "article10",
                                                                          "balancing_test", "consent_record",
                                                                          "legal_reference"}


def test_the_activity_row_holds_each_item_in_the_export_language(complete_activity):
    with translation.override("en"):
        contract = str(LegalBasis.Article6.CONTRACT.label)
    [row] = rows(sheet_by_key(workbook(language="en"), "activities", "en"))
    assert row["Controller"] == "Verdifull AS"
    assert row["Processing activity"] == "Order handling"
    assert row["Purposes of the processing"] == "Deliver what the customer ordered"
    assert row["Categories of data subjects"] == "Customers"
    assert row["Categories of personal data"] == "Name\nOrder and purchase history"
    assert row["Categories of recipients"] == "Transport and delivery companies"
    assert row["Transfers to third countries or international organisations"] == "No"
    assert "5 years" in row["Envisaged time limits for erasure"]
    assert "bokføringsloven § 13" in row["Envisaged time limits for erasure"]
    assert row["General description of technical and organisational security measures"] == "Encryption in transit (TLS)"
    assert row["Legal bases (Art. 6, 9 and 10)"] == f"Deliver what the customer ordered: {contract}"
    assert row["Owner"] == "Head of sales"


def test_vocabulary_values_use_their_name_in_the_layout_language(complete_activity):
    """Seeded entries carry their Norwegian and Swedish names, which the nb and sv layouts use."""
    customers = DataSubjectCategory.objects.get(name="Customers")
    [nb] = rows(sheet_by_key(workbook(language="nb"), "activities", "nb"))
    [sv] = rows(sheet_by_key(workbook(language="sv"), "activities", "sv"))
    assert nb["Kategorier av registrerte"] == customers.name_nb
    assert sv["Kategorier av registrerade"] == customers.name_sv


def test_dates_are_real_dates_and_the_heading_row_is_frozen(complete_activity):
    book = workbook(language="en")
    sheet = sheet_by_key(book, "activities", "en")
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in next(sheet.iter_rows(max_row=1)))
    headings = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    cell = sheet.cell(row=2, column=headings.index("Last reviewed") + 1)
    assert cell.is_date and cell.value.date() == datetime.date(2026, 1, 10)
    assert sheet.column_dimensions["A"].width >= 20
    several = sheet.cell(row=2, column=headings.index("Categories of personal data") + 1)
    assert several.value == "Name\nOrder and purchase history" and several.alignment.wrap_text


def test_each_row_keeps_its_own_multi_line_values(complete_activity, organisation):
    """The writer reuses one wrapping cell per column from row to row; every row must still hold its own text."""
    other = ProcessingActivity.objects.create(organisation=organisation, name="Payroll")
    other.personal_data_categories.add(
        PersonalDataCategory.objects.get(name="Name"), PersonalDataCategory.objects.get(name="Bank account number"),
    )
    sheet = sheet_by_key(workbook(language="en"), "activities", "en")
    by_name = {row["Processing activity"]: row for row in rows(sheet)}
    assert by_name["Order handling"]["Categories of personal data"] == "Name\nOrder and purchase history"
    assert by_name["Payroll"]["Categories of personal data"] == "Bank account number\nName"


def test_the_first_sheet_names_the_controller_its_representative_and_dpo(complete_activity):
    """Art. 30(1)(a): name and contact details of the controller, its representative and the DPO."""
    controller = complete_activity.organisation
    representative = Organisation.objects.create(
        name="EU Rep GmbH", role=Organisation.Role.REPRESENTATIVE, country="DE", email="rep@example.eu",
    )
    controller.representative = representative
    controller.dpo_name = "Kari Nordmann"
    controller.dpo_email = "dpo@verdifull.example"
    controller.save()
    book = workbook(language="en")
    assert book.worksheets[0].title == SHEET_TITLES["en"]["controllers"]
    by_name = {row["Name"]: row for row in rows(book.worksheets[0])}
    assert by_name["Verdifull AS"]["Data protection officer"] == "Kari Nordmann"
    assert by_name["Verdifull AS"]["DPO e-mail"] == "dpo@verdifull.example"
    assert by_name["Verdifull AS"]["Representative (Art. 27)"] == "EU Rep GmbH"
    assert "rep@example.eu" in by_name["Verdifull AS"]["Representative's contact details"]
    assert by_name["Verdifull AS"]["Organisation number"] == "920437958"
    assert "EU Rep GmbH" in by_name


def test_purposes_and_retention_have_a_row_each(complete_activity):
    Purpose.objects.create(
        activity=complete_activity, description="Send order confirmations", article6=LegalBasis.Article6.CONTRACT,
    )
    book = workbook(language="en")
    purposes = rows(sheet_by_key(book, "purposes", "en"))
    assert [row["Purpose"] for row in purposes] == ["Deliver what the customer ordered", "Send order confirmations"]
    [rule] = rows(sheet_by_key(book, "retention", "en"))
    assert rule["Duration"] == 5 and rule["Legal reference"] == "bokføringsloven § 13"


def test_the_processors_record_has_its_own_sheet(complete_activity):
    """Art. 30(2)(a)–(d): for each controller we act for, the categories of processing."""
    client = Organisation.objects.create(name="Kunde AS", role=Organisation.Role.CONTROLLER)
    processing = ProcessorActivity.objects.create(
        processor=complete_activity.organisation, client=client, name="Hosting of their shop",
        categories_of_processing="Storage and backup of order data", transfers_outside_eea=YesNoUnknown.NO,
    )
    processing.security_measures.add(SecurityMeasure.objects.get(name="Encryption at rest"))
    book = workbook(language="en")
    [row] = rows(sheet_by_key(book, "processor_record", "en"))
    assert row["Controller we act for"] == "Kunde AS"
    assert row["Processor"] == "Verdifull AS"
    assert row["General description of technical and organisational security measures"] == "Encryption at rest"
    assert "Kunde AS" in {r["Name"] for r in rows(book.worksheets[0])}


def test_the_csv_export_is_a_zip_of_utf8_files_excel_reads(complete_activity):
    complete_activity.owner = "Ærlige Åse Øvrebø"
    complete_activity.save()
    stream = io.BytesIO()
    export_record(stream, "csv", "nb")
    archive = zipfile.ZipFile(io.BytesIO(stream.getvalue()))
    names = archive.namelist()
    assert len(names) == len(SHEETS) + 2 and all(name.endswith(".csv") for name in names)  # + breaches, cookies
    data = archive.read(names[1])
    assert data.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert "Formålene med behandlingen" in table[0]
    assert table[1][table[0].index("Ansvarlig")] == "Ærlige Åse Øvrebø"
    assert table[1][table[0].index("Sist gjennomgått")] == "2026-01-10"


def test_an_organisation_filter_leaves_out_other_controllers(complete_activity):
    other = Organisation.objects.create(name="Annen AS")
    ProcessingActivity.objects.create(organisation=other, name="Their newsletter")
    names = {row["Processing activity"] for row in rows(sheet_by_key(
        workbook(language="en", organisation=complete_activity.organisation), "activities", "en"))}
    assert names == {"Order handling"}


def _activities(organisation: Organisation, count: int) -> None:
    customers = DataSubjectCategory.objects.get(name="Customers")
    name = PersonalDataCategory.objects.get(name="Name")
    joint = Organisation.objects.create(name=f"Partner {count}")
    with deferred():  # one completeness refresh for the batch, as the demo and the import do
        _create_activities(organisation, count, customers, name, joint)


def _create_activities(organisation, count: int, customers, name, joint) -> None:
    for index in range(count):
        activity = ProcessingActivity.objects.create(organisation=organisation, name=f"Activity {index}")
        activity.data_subject_categories.add(customers)
        activity.personal_data_categories.add(name)
        activity.joint_controllers.add(joint)
        Purpose.objects.create(activity=activity, description=f"Purpose {index}", article6=LegalBasis.Article6.CONTRACT)
        activity.retention_rules.create(duration=index + 1)
        ProcessorActivity.objects.create(
            processor=organisation, client=joint, name=f"Processing {index}", categories_of_processing="Hosting",
        ).security_measures.add(SecurityMeasure.objects.first())


def _export_queries(file_format: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        export_record(io.BytesIO(), file_format)
    return len(queries)


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_export_runs_the_same_number_of_queries_for_10_and_60_activities(organisation, file_format):
    """Bounded queries: the count does not grow with the record (so 10,000 activities cost what 10 do)."""
    _activities(organisation, 10)
    small = _export_queries(file_format)
    _activities(organisation, 50)
    assert ProcessingActivity.objects.count() == 60
    assert _export_queries(file_format) == small
    # two of them read the cookie register and its controllers, one the DPIA screenings as of that day ("Not
    # screened", issue 28)
    assert small <= 33
