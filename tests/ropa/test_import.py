"""Importing the record from our own export: round trip, dry run, errors, vocabulary, history."""

import datetime
import io
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import QuerySet
from django.utils import translation

from ropa.exports import export_record
from ropa.exports.layouts import HEADINGS, SHEET_TITLES
from ropa.imports import ImportRefused, plan_import
from ropa.models import (
    DataProcessingAgreement,
    DataSubjectCategory,
    LegalBasis,
    Organisation,
    PersonalDataCategory,
    ProcessingActivity,
    Processor,
    ProcessorActivity,
    ProcessorUse,
    Purpose,
    RecipientCategory,
    RetentionRule,
    SecurityMeasure,
    System,
    Transfer,
    YesNoUnknown,
)
from tests.ropa.processor_helpers import make_agreement, make_processor


def vocab(model, name):
    return model.objects.get(name=name)


def rich_record() -> Organisation:
    """A web shop's record touching every column: several purposes and bases, Art. 9 data, processors' record."""
    representative = Organisation.objects.create(
        name="Rep Europe GmbH", role=Organisation.Role.REPRESENTATIVE, country="DE", email="rep@example.eu",
        address="Hauptstraße 1\n10115 Berlin",
    )
    shop = Organisation.objects.create(
        name="Fjellsport AS", organisation_number="920437958", country="NO", email="personvern@fjellsport.example",
        phone="+47 22 00 00 00", address="Storgata 1\n0155 Oslo", dpo_name="Åse Ødegård",
        dpo_email="dpo@fjellsport.example", representative=representative,
    )
    partner = Organisation.objects.create(name="Klatreklubben", role=Organisation.Role.JOINT_CONTROLLER, country="NO")
    platform = System.objects.create(name="Nettbutikk-plattform")
    orders = ProcessingActivity.objects.create(
        organisation=shop, name="Ordrebehandling", description="=Orders from the web shop", department="Salg",
        owner="Salgssjef", status=ProcessingActivity.Status.ACTIVE, transfers_outside_eea=YesNoUnknown.NO,
        source_kind=ProcessingActivity.SourceKind.DATA_SUBJECT, dpia_required=YesNoUnknown.NO,
        dpia_status=ProcessingActivity.DpiaStatus.NOT_NEEDED, recipients_description="-Posten og Bring",
        security_description="@TLS everywhere", last_reviewed="2026-01-10", next_review="2027-01-10",
    )
    orders.data_subject_categories.add(vocab(DataSubjectCategory, "Customers"))
    orders.personal_data_categories.add(
        vocab(PersonalDataCategory, "Name"), vocab(PersonalDataCategory, "Postal and delivery address"),
    )
    orders.recipient_categories.add(vocab(RecipientCategory, "Transport and delivery companies"))
    orders.security_measures.add(vocab(SecurityMeasure, "Encryption in transit (TLS)"))
    orders.systems.add(platform)
    Purpose.objects.create(activity=orders, description="Levere varene", article6=LegalBasis.Article6.CONTRACT)
    Purpose.objects.create(
        activity=orders, description="Bokføring", article6=LegalBasis.Article6.LEGAL_OBLIGATION,
        legal_reference="bokføringsloven § 13",
    )
    RetentionRule.objects.create(
        activity=orders, personal_data_category=vocab(PersonalDataCategory, "Name"), duration=5,
        unit=RetentionRule.Unit.YEARS, runs_from=RetentionRule.Event.END_OF_FINANCIAL_YEAR,
        legal_reference="bokføringsloven § 13",
    )
    RetentionRule.objects.create(activity=orders, description="+Slettes når kunden ber om det")
    climbing = ProcessingActivity.objects.create(
        organisation=shop, name="Klatrekurs", automated_decision_making=True, profiling=True,
        automated_decision_description="Nivå foreslås ut fra tidligere kurs", is_high_risk=YesNoUnknown.YES,
        dpia_required=YesNoUnknown.YES, dpia_status=ProcessingActivity.DpiaStatus.IN_PROGRESS,
        dpia_link="https://fjellsport.example/dpia", transfers_outside_eea=YesNoUnknown.YES,
    )
    climbing.joint_controllers.add(partner)
    climbing.personal_data_categories.add(vocab(PersonalDataCategory, "Health data"))
    Purpose.objects.create(
        activity=climbing, description="Sikkerhet på kurset", article6=LegalBasis.Article6.CONSENT,
        article9=LegalBasis.Article9.EXPLICIT_CONSENT, consent_record="Påmeldingsskjemaet",
    )
    Purpose.objects.create(
        activity=climbing, description="Tilbud til tidligere deltakere",
        article6=LegalBasis.Article6.LEGITIMATE_INTERESTS, balancing_test="Interesseavveining 2026-01",
    )
    client = Organisation.objects.create(name="Turlaget", role=Organisation.Role.CONTROLLER, country="NO")
    hosting = ProcessorActivity.objects.create(
        processor=shop, client=client, name="Medlemsregister", categories_of_processing="Lagring og drift",
        transfers_outside_eea=YesNoUnknown.NO,
    )
    hosting.personal_data_categories.add(vocab(PersonalDataCategory, "Name"))
    hosting.security_measures.add(vocab(SecurityMeasure, "Access logging"))
    vendor = make_processor(
        "Nettbutikkleverandøren", legal_entity="Nettbutikk Norge AS", countries=["NO", "SE"],
        contact_name="Kari Leverandør", contact_email="kari@nettbutikk.example",
    )
    mailer = make_processor("Mailer", legal_entity="Mailer Inc.", role=Processor.Role.SUB_PROCESSOR, countries=["US"])
    vendor.sub_processors.add(mailer)
    make_agreement(vendor, version="2.1", signed_on=datetime.date(2025, 3, 1), next_review=datetime.date(2027, 3, 1))
    make_agreement(mailer, confirmed=False, version="1", signed_on=datetime.date(2024, 1, 1))
    ProcessorUse.objects.create(activity=orders, processor=vendor)
    ProcessorUse.objects.create(activity=climbing, processor=mailer)
    Transfer.objects.create(
        processor=mailer, destination_country="US", tool=Transfer.Tool.SCC, scc_module=Transfer.SccModule.P2P,
        scc_signed_on=datetime.date(2024, 1, 1), tia_date=datetime.date(2024, 2, 1),
        supplementary_measures="Encryption with keys held in the EEA",
    )
    Transfer.objects.create(
        activity=climbing, recipient="British Mountaineering Council", destination_country="GB",
        tool=Transfer.Tool.ADEQUACY, description="Course certificates",
    )
    return shop


def exported(file_format: str = "xlsx", language: str = "nb") -> bytes:
    stream = io.BytesIO()
    export_record(stream, file_format, language)
    return stream.getvalue()


def sheet_values(data: bytes, file_format: str) -> list[list]:
    """Every sheet's cells, in order, whatever the format."""
    if file_format == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(data))
        return [list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets]
    archive = zipfile.ZipFile(io.BytesIO(data))
    return [archive.read(name) for name in archive.namelist()]


def empty_the_record() -> None:
    Transfer.objects.all().delete()
    ProcessorActivity.objects.all().delete()
    ProcessingActivity.objects.all().delete()
    DataProcessingAgreement.objects.all().delete()
    Processor.objects.all().delete()
    Organisation.objects.all().delete()
    System.objects.all().delete()


@pytest.mark.parametrize(("file_format", "language"), [("xlsx", "nb"), ("csv", "sv"), ("xlsx", "en")])
def test_a_round_trip_into_an_empty_database_gives_back_the_same_export(db, privacy_officer, file_format, language):
    rich_record()
    before = exported(file_format, language)
    empty_the_record()
    plan = plan_import(before, f"record.{'zip' if file_format == 'csv' else 'xlsx'}", create_missing=True)
    assert plan.errors == []
    assert {row.action for row in plan.rows} == {"create"}
    plan.apply(privacy_officer)
    assert sheet_values(exported(file_format, language), file_format) == sheet_values(before, file_format)


def test_importing_the_export_again_changes_nothing(db, privacy_officer):
    rich_record()
    plan = plan_import(exported(), "record.xlsx")
    assert plan.errors == []
    assert {row.action for row in plan.rows} == {"unchanged"}


def test_the_dry_run_writes_nothing(db):
    rich_record()
    data = exported()
    empty_the_record()
    counts = {model: model.history.count() for model in (ProcessingActivity, Organisation, Purpose, System)}
    plan = plan_import(data, "record.xlsx", create_missing=True)
    assert plan.is_valid and len(plan.activities) == 2
    assert ProcessingActivity.objects.count() == 0 and Organisation.objects.count() == 0
    assert {model: model.history.count() for model in counts} == counts


def _edit(data: bytes, sheet_key: str, changes: dict[tuple[int, str], object], language: str = "nb") -> bytes:
    """The workbook with cells changed, each named by (row, heading)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book[SHEET_TITLES[language][sheet_key]]
    headings = [cell.value for cell in sheet[1]]
    for (row, heading), value in changes.items():
        sheet.cell(row=row, column=headings.index(heading) + 1, value=value)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _column_letter(data: bytes, sheet_key: str, heading: str) -> str:
    sheet = openpyxl.load_workbook(io.BytesIO(data))[SHEET_TITLES["nb"][sheet_key]]
    return next(cell.column_letter for cell in sheet[1] if cell.value == heading)


def test_every_error_names_its_row_column_and_reason_and_nothing_is_written(db, privacy_officer):
    rich_record()
    data = exported()
    empty_the_record()
    activities = HEADINGS["nb"]["activities"]
    broken = _edit(data, "activities", {
        (2, activities["last_reviewed"]): "sometime in spring",
        (3, activities["data_subjects"]): "Kunder\nMarsboere",
        (3, activities["dpia_link"]): "not a link",
    })
    plan = plan_import(broken, "record.xlsx", create_missing=False)
    title = SHEET_TITLES["nb"]["activities"]
    found = {(problem.sheet, problem.row, problem.column) for problem in plan.errors}
    letter = _column_letter(data, "activities", activities["last_reviewed"])
    assert (title, 2, f"{activities['last_reviewed']} ({letter})") in found
    letter = _column_letter(data, "activities", activities["data_subjects"])
    assert (title, 3, f"{activities['data_subjects']} ({letter})") in found
    assert any(p.row == 3 and p.column.startswith(activities["dpia_link"]) for p in plan.errors)
    assert any("Marsboere" in problem.reason for problem in plan.errors)
    with pytest.raises(ImportRefused):
        plan.apply(privacy_officer)
    assert not ProcessingActivity.objects.exists() and not Organisation.objects.exists()


def test_a_failure_while_writing_leaves_nothing_behind(db, privacy_officer, monkeypatch):
    rich_record()
    data = exported()
    empty_the_record()
    plan = plan_import(data, "record.xlsx", create_missing=True)
    original = QuerySet.bulk_create

    def fail_on_the_purposes(self, objs, *args, **kwargs):
        # After the organisations, processors, activities and their links and history are written.
        if self.model is Purpose:
            raise IntegrityError("simulated")
        return original(self, objs, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "bulk_create", fail_on_the_purposes)
    history = ProcessingActivity.history.count()
    with pytest.raises(IntegrityError):
        plan.apply(privacy_officer)
    assert not ProcessingActivity.objects.exists() and not Organisation.objects.exists()
    assert not System.objects.exists() and ProcessingActivity.history.count() == history


def test_unknown_vocabulary_is_reported_and_created_only_when_asked(db, privacy_officer):
    rich_record()
    data = exported()
    activities = HEADINGS["nb"]["activities"]
    changed = _edit(data, "activities", {(2, activities["recipients"]): "Transport- og leveringsselskaper\nDronepost"})
    refused = plan_import(changed, "record.xlsx")
    [problem] = [p for p in refused.errors if "Dronepost" in p.reason]
    assert problem.row == 2 and problem.column.startswith(activities["recipients"])
    assert not RecipientCategory.objects.filter(name="Dronepost").exists()

    accepted = plan_import(changed, "record.xlsx", create_missing=True)
    assert accepted.errors == []
    assert [entry.name for entry in accepted.new_entries] == ["Dronepost"]
    accepted.apply(privacy_officer)
    created = RecipientCategory.objects.get(name="Dronepost")
    assert created.name_nb == "Dronepost"
    climbing = ProcessingActivity.objects.get(name="Klatrekurs")  # row 2: activities are sorted by name
    assert set(climbing.recipient_categories.values_list("name", flat=True)) == {
        "Transport and delivery companies", "Dronepost",
    }


def test_vocabulary_matches_by_name_in_any_language(db, privacy_officer):
    """A Norwegian sheet may name categories in English or Swedish; each finds the same entry."""
    rich_record()
    activities = HEADINGS["nb"]["activities"]
    changed = _edit(exported(), "activities", {(2, activities["data_subjects"]): "customers\nAnställda\n  Jobbsøkere "})
    plan = plan_import(changed, "record.xlsx")
    assert plan.errors == []
    plan.apply(privacy_officer)
    climbing = ProcessingActivity.objects.get(name="Klatrekurs")
    assert set(climbing.data_subject_categories.values_list("name", flat=True)) == {
        "Customers", "Employees", "Job applicants",
    }


def test_a_changed_row_says_what_changes(db):
    rich_record()
    activities = HEADINGS["nb"]["activities"]
    changed = _edit(exported(), "activities", {(2, activities["owner"]): "Daglig leder"})
    plan = plan_import(changed, "record.xlsx")
    [row] = [row for row in plan.rows if row.action == "change"]
    assert row.row == 2 and row.label == "Klatrekurs"
    assert [change.split(" (")[0] for change in row.changes] == [activities["owner"]]


def test_imported_rows_have_history_naming_the_importing_user(db, privacy_officer):
    rich_record()
    data = exported()
    empty_the_record()
    plan_import(data, "record.xlsx", create_missing=True).apply(privacy_officer)
    activity = ProcessingActivity.objects.get(name="Klatrekurs")
    assert {row.history_user for row in activity.history.all()} == {privacy_officer}
    assert {row.history_user for row in Purpose.history.filter(activity_id=activity.pk)} == {privacy_officer}
    assert Organisation.objects.get(name="Fjellsport AS").history.first().history_user == privacy_officer


def test_a_formula_neutralised_on_export_comes_back_as_written(db, privacy_officer):
    rich_record()
    data = exported()
    empty_the_record()
    plan_import(data, "record.xlsx", create_missing=True).apply(privacy_officer)
    orders = ProcessingActivity.objects.get(name="Ordrebehandling")
    assert orders.description == "=Orders from the web shop"
    assert orders.recipients_description == "-Posten og Bring"
    assert orders.retention_rules.last().description == "+Slettes når kunden ber om det"


def test_art9_data_without_its_condition_is_imported_as_a_draft_with_a_warning(db, privacy_officer):
    """Art. 9(2): special category data needs a condition; an import keeps the gap in a draft, not an active one."""
    rich_record()
    purposes = HEADINGS["nb"]["purposes"]
    book = openpyxl.load_workbook(io.BytesIO(exported()))
    sheet = book[SHEET_TITLES["nb"]["purposes"]]
    headings = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        row[headings.index(purposes["article9"])].value = None
    stream = io.BytesIO()
    book.save(stream)
    with translation.override("en"):
        plan = plan_import(stream.getvalue(), "record.xlsx")
    assert plan.errors == []
    assert any("Art. 9(2)" in problem.reason and problem.row == 2 for problem in plan.warnings)
    plan.apply(privacy_officer)
    climbing = ProcessingActivity.objects.get(name="Klatrekurs")
    assert climbing.status == ProcessingActivity.Status.DRAFT
    climbing.status = ProcessingActivity.Status.ACTIVE
    with pytest.raises(ValidationError, match=r"Art\. 9\(2\)"):
        climbing.full_clean()
