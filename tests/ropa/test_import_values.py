"""Cells as people write them: bases, lists, formulas and control characters, each reported where it is."""


import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from ropa.exports.layouts import HEADINGS, SHEET_TITLES
from ropa.imports import plan_import
from ropa.imports.bases import read_bases
from ropa.imports.free_text import read_retention, read_transfer_cell
from ropa.models import DpaStatus, LegalBasis, Organisation, ProcessingActivity, Processor, RetentionRule
from tests.ropa.test_import import _edit, exported, rich_record
from tests.ropa.test_import_workbooks import workbook

HEADER = ["Behandling", "Formål", "Behandlingsgrunnlag", "Artikkel 9", "Registrerte"]


@pytest.mark.parametrize(("written", "article6"), [
    ("b) avtale", ["6.1.b"]),
    ("6(1)(b)", ["6.1.b"]),
    ("art. 6 nr. 1 bokstav b", ["6.1.b"]),
    ("Avtale", ["6.1.b"]),
    ("samtykke", ["6.1.a"]),
    ("Consent", ["6.1.a"]),
    ("f) berettiget interesse", ["6.1.f"]),
    ("Rättslig förpliktelse", ["6.1.c"]),
    ("b) avtale; c) rettslig forpliktelse", ["6.1.b", "6.1.c"]),
    ("Art. 6(1)(a) / 6(1)(f)", ["6.1.a", "6.1.f"]),
])
def test_art6_bases_are_read_as_people_write_them(written, article6):
    """Art. 6(1)(a)-(f), written by letter, by article and paragraph, in Norwegian legal style or in words."""
    assert read_bases(written).article6 == article6


@pytest.mark.parametrize(("written", "article9"), [
    ("h) helsehjelp", ["9.2.h"]),
    ("9(2)(a)", ["9.2.a"]),
    ("art. 9 nr. 2 bokstav b", ["9.2.b"]),
    ("Uttrykkelig samtykke", ["9.2.a"]),
    ("Legal claims", ["9.2.f"]),
])
def test_art9_conditions_are_read_in_an_art9_column(written, article9):
    assert read_bases(written, "article9").article9 == article9


def test_several_bases_for_one_purpose_make_one_purpose_per_basis(organisation):
    """The record keeps one Art. 6 basis per purpose, so "b) avtale, c) rettslig forpliktelse" makes two."""
    data = workbook([HEADER + ["Hjemmel"], ["Salg", "Selge varer", "b) avtale, c) rettslig forpliktelse", "", "Kunder",
                                           "bokføringsloven"]])
    plan = plan_import(data, "x.xlsx", organisation=organisation)
    assert plan.errors == []
    assert [(p.description, p.article6) for p in plan.activities[0].purposes] == [
        ("Selge varer", "6.1.b"), ("Selge varer", "6.1.c"),
    ]


def test_an_unreadable_basis_is_reported_with_what_was_written_and_the_accepted_values(organisation):
    """Not "this field cannot be blank": the user sees her own words and what the import accepts."""
    data = workbook([HEADER, ["Kundeservice", "Svare", "noe tull", "", "Kunder"]])
    with translation.override("nb"):
        plan = plan_import(data, "x.xlsx", organisation=organisation)
    [problem] = plan.errors
    assert (problem.row, problem.column) == (2, "Behandlingsgrunnlag (C)")
    assert "«noe tull»" in problem.reason or "“noe tull”" in problem.reason
    assert "b) avtale" in problem.reason and "6(1)(b)" in problem.reason
    assert "blank" not in problem.reason


def test_an_unreadable_basis_in_our_own_purposes_sheet_is_reported_the_same_way(db):
    rich_record()
    purposes = HEADINGS["nb"]["purposes"]
    changed = _edit(exported(), "purposes", {(2, purposes["article6"]): "noe tull"})
    with translation.override("en"):
        plan = plan_import(changed, "record.xlsx")
        [problem] = plan.errors
        assert problem.sheet == SHEET_TITLES["nb"]["purposes"] and problem.row == 2
        assert "“noe tull” cannot be read as a legal basis" in problem.reason
        assert str(LegalBasis.Article6.CONTRACT.label) in problem.reason


def test_a_formula_is_refused_with_its_sheet_row_and_column_and_nothing_else_is_said_of_the_cell(organisation):
    data = workbook([HEADER, ["Kundeservice", "Svare", "avtale", "", "Kunder"], ["=A2", "Svare", "avtale", "", ""]])
    with translation.override("en"):
        plan = plan_import(data, "x.xlsx", organisation=organisation)
    assert [(p.sheet, p.row, p.column, p.reason) for p in plan.errors] == [
        ("Ark1", 3, "Behandling (A)", "cell holds a formula; formulas are not imported"),
    ]


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b", "\x85", "\x9f"])
def test_control_characters_are_refused_at_the_dry_run_with_row_and_column(organisation, character):
    """PostgreSQL refuses NUL in text; the dry run must refuse what the real import would fail on."""
    data = f"Behandling;Formål;Behandlingsgrunnlag\r\nKundeservice;Svare{character} kunder;avtale\r\n".encode()
    with translation.override("en"):
        plan = plan_import(data, "x.csv", organisation=organisation)
    [problem] = plan.errors
    assert (problem.row, problem.column) == (2, "Formål (B)")
    assert f"U+{ord(character):04X}" in problem.reason
    assert not ProcessingActivity.objects.exists()


def test_tabs_and_new_lines_in_a_cell_are_kept(organisation):
    data = "Behandling;Formål;Behandlingsgrunnlag\r\nKundeservice;\"Svare\tkunder\r\nRing tilbake\";avtale\r\n"
    plan = plan_import(data.encode(), "x.csv", organisation=organisation)
    assert plan.errors == []
    assert [p.description for p in plan.activities[0].purposes] == ["Svare\tkunder", "Ring tilbake"]


def test_a_controller_named_in_the_title_rows_is_overridden_by_the_chosen_organisation(organisation):
    other = Organisation.objects.create(name="Annen AS")
    data = workbook([["Behandlingsansvarlig: Verdifull AS"], [], HEADER, ["Salg", "Selge", "avtale", "", "Kunder"]])
    assert plan_import(data, "x.xlsx").activities[0].instance.organisation == organisation
    assert plan_import(data, "x.xlsx", organisation=other).activities[0].instance.organisation == other


def test_the_dry_run_shows_old_and_new_value_of_every_change(db):
    rich_record()
    activities = HEADINGS["nb"]["activities"]
    changed = _edit(exported(), "activities", {
        (2, activities["owner"]): "Daglig leder", (2, activities["data_subjects"]): "Kunder\nAnsatte",
    })
    with translation.override("nb"):
        [row] = [row for row in plan_import(changed, "record.xlsx").rows if row.action == "change"]
    assert {(heading.split(" (")[0], old, new) for heading, old, new in row.details} == {
        (activities["owner"], "", "Daglig leder"),
        (activities["data_subjects"], "", "Kunder; Ansatte"),
    }


def test_a_singular_or_plural_form_finds_the_existing_entry_and_the_dry_run_says_which(organisation):
    data = workbook([HEADER, ["Salg", "Selge", "avtale", "", "kunde / Ansatt"]])
    with translation.override("nb"):
        plan = plan_import(data, "x.xlsx", organisation=organisation)
        assert plan.errors == [] and plan.new_entries == []
        assert {str(entry) for entry in plan.activities[0].links["data_subject_categories"]} == {"Kunder", "Ansatte"}
        notes = [note.reason for note in plan.notes]
    assert any("kunde" in note and "Kunder" in note for note in notes)


def test_unknown_columns_are_kept_in_the_notes_once_even_when_imported_twice(organisation, privacy_officer):
    data = workbook([HEADER + ["Intern vurdering"], ["Salg", "Selge", "avtale", "", "Kunder", "Gjennomgå i mars"]])
    plan_import(data, "x.xlsx", organisation=organisation).apply(privacy_officer)
    again = plan_import(data, "x.xlsx", organisation=organisation)
    assert again.counts()["change"] == 0
    assert ProcessingActivity.objects.get().internal_notes == "Intern vurdering: Gjennomgå i mars"


@pytest.mark.parametrize(("written", "expected"), [
    ("Nei", (False, [], "", False)),
    ("Ja – USA (Data Privacy Framework)", (True, ["US"], "adequacy", True)),
    ("Ja, India og USA (SCC)", (True, ["IN", "US"], "scc", False)),
    ("Storbritannia", (True, ["GB"], "", False)),
])
def test_a_transfers_cell_in_words_gives_the_answer_destinations_and_tool(written, expected):
    """Art. 30(1)(e), Art. 45: the EU–US Data Privacy Framework is an adequacy decision for certified recipients."""
    cell = read_transfer_cell(written)
    assert (cell.answer, cell.destinations, cell.tool, cell.dpf) == expected


@pytest.mark.parametrize(("written", "expected"), [
    ("7 dager", (7, RetentionRule.Unit.DAYS, RetentionRule.Event.COLLECTION)),
    ("5 år etter utgangen av regnskapsåret", (5, RetentionRule.Unit.YEARS, RetentionRule.Event.END_OF_FINANCIAL_YEAR)),
    ("2 veckor", (14, RetentionRule.Unit.DAYS, RetentionRule.Event.COLLECTION)),
    ("3 måneder etter at kundeforholdet opphører", (3, RetentionRule.Unit.MONTHS,
                                                    RetentionRule.Event.END_OF_RELATIONSHIP)),
    ("Til avmelding", (None, RetentionRule.Unit.YEARS, RetentionRule.Event.COLLECTION)),
])
def test_retention_text_is_kept_with_a_duration_where_one_is_written(written, expected):
    """Art. 30(1)(f): the envisaged time limits for erasure, as written, and as a period where it states one."""
    rule = read_retention(written)
    assert (rule.duration, rule.unit, rule.runs_from) == expected
    assert rule.description == written


def test_reading_a_sheet_costs_the_same_queries_for_ten_rows_as_for_a_hundred(organisation):
    """Lookups are read once per import, not once per row."""
    def queries(rows: int) -> int:
        data = workbook([HEADER + ["Databehandlere"]] + [
            [f"Aktivitet {n}", "Selge", "avtale", "", "Kunder", "Ukjent leverandør"] for n in range(rows)
        ])
        with CaptureQueriesContext(connection) as captured:
            plan_import(data, "x.xlsx", organisation=organisation, create_missing=True)
        return len(captured)

    assert queries(10) == queries(100)


@pytest.mark.parametrize(("written", "processors"), [
    ("Mailchimp, Klarna", ["Mailchimp", "Klarna"]),
    ("Mailchimp; Klarna / Stripe", ["Mailchimp", "Klarna", "Stripe"]),
    ("Klarna Bank AB (publ), Google Ireland Ltd.", ["Klarna Bank AB (publ)", "Google Ireland Ltd."]),
    ("Acme, Inc., Visma AS", ["Acme, Inc.", "Visma AS"]),
    ("Stripe, Inc", ["Stripe, Inc"]),
])
def test_processors_named_in_a_cell_are_split_like_any_list_but_not_before_a_company_form(
    organisation, privacy_officer, written, processors,
):
    """Art. 28(3): each one is created without an agreement, so the record shows its DPA as missing."""
    data = workbook([HEADER + ["Databehandlere"], ["Salg", "Selge", "avtale", "", "Kunder", written]])
    plan = plan_import(data, "x.xlsx", organisation=organisation, create_missing=True)
    assert plan.errors == []
    plan.apply(privacy_officer)
    activity = ProcessingActivity.objects.get()
    assert sorted(activity.processor_uses.values_list("processor__name", flat=True)) == sorted(processors)
    assert {processor.dpa_status for processor in Processor.objects.all()} == {DpaStatus.MISSING}


def test_a_processor_the_record_knows_with_a_comma_in_its_name_stays_one(organisation):
    company = Organisation.objects.create(name="Post, Paket och Logistik", role=Organisation.Role.PROCESSOR)
    known = Processor.objects.create(name=company.name, organisation=company, service="Frakt")
    data = workbook([HEADER + ["Databehandlere"], ["Salg", "Selge", "avtale", "", "Kunder", known.name]])
    plan = plan_import(data, "x.xlsx", organisation=organisation)
    assert plan.errors == [] and plan.activities[0].processors == [known]


def test_joint_controllers_are_split_on_commas_too(organisation, privacy_officer):
    data = workbook([HEADER + ["Felles behandlingsansvarlige"],
                     ["Salg", "Selge", "avtale", "", "Kunder", "Fjellsport AS, Klatreklubben"]])
    plan = plan_import(data, "x.xlsx", organisation=organisation, create_missing=True)
    assert plan.errors == []
    plan.apply(privacy_officer)
    assert {org.name for org in ProcessingActivity.objects.get().joint_controllers.all()} == {
        "Fjellsport AS", "Klatreklubben",
    }
