"""Importing the spreadsheets companies keep today: laid out like Datatilsynet's template or the ICO's."""

import io

import openpyxl
import pytest
from django.utils import translation

from ropa.imports import ImportFileError, plan_import
from ropa.models import LegalBasis, Organisation, ProcessingActivity, YesNoUnknown


def xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def test_a_sheet_laid_out_like_datatilsynets_template_is_read(organisation, privacy_officer):
    """Datatilsynet's template: a title block, then one row per activity under Art. 30(1) headings."""
    data = xlsx([
        ["Protokoll over behandlingsaktiviteter"],
        ["Behandlingsansvarlig: Verdifull AS"],
        [],
        ["Behandling", "Formålet med behandlingen", "Kategorier av registrerte", "Kategorier av personopplysninger",
         "Kategorier av mottakere", "Overføring til tredjeland", "Sletting", "Sikkerhetstiltak", "Behandlingsgrunnlag"],
        ["Nyhetsbrev", "Sende nyhetsbrev", "Abonnenter på nyhetsbrev", "Navn; Kontaktopplysninger (e-post, telefon)",
         "Leverandører av markedsføring og analyse", "Nei", "Til abonnenten melder seg av",
         "Tofaktorautentisering\nTilgang bare for markedsavdelingen", "Art. 6 nr. 1 bokstav b"],
    ])
    plan = plan_import(data, "protokoll.xlsx", organisation=organisation)
    assert plan.errors == []
    [row] = [row for row in plan.rows if row.action == "create"]
    assert row.row == 5 and row.label == "Nyhetsbrev"
    plan.apply(privacy_officer)
    activity = ProcessingActivity.objects.get(name="Nyhetsbrev")
    assert activity.organisation == organisation
    assert activity.transfers_outside_eea == YesNoUnknown.NO
    assert set(activity.data_subject_categories.values_list("name", flat=True)) == {"Newsletter subscribers"}
    assert set(activity.personal_data_categories.values_list("name", flat=True)) == {
        "Name", "Contact details (e-mail, phone)",
    }
    assert set(activity.security_measures.values_list("name", flat=True)) == {"Multi-factor authentication"}
    assert "Tilgang bare for markedsavdelingen" in activity.security_description
    [purpose] = activity.purposes.all()
    assert purpose.description == "Sende nyhetsbrev"
    assert purpose.article6 == LegalBasis.Article6.CONTRACT
    [rule] = activity.retention_rules.all()
    assert rule.description == "Til abonnenten melder seg av"


def test_a_sheet_laid_out_like_the_icos_template_is_read(organisation, privacy_officer):
    """The ICO's template: a column per item, the Art. 6 basis in words, the activity named by its purpose."""
    data = xlsx([
        ["Business function", "Purpose of processing", "Categories of individuals", "Categories of personal data",
         "Categories of recipients", "Names of third countries or international organisations that personal data "
         "are transferred to (if applicable)", "Retention schedule (if possible)",
         "General description of technical and organisational security measures (if possible)",
         "Article 6 lawful basis for processing personal data", "Legitimate interests for the processing "
         "(if applicable)", "Source of personal data", "Data Protection Impact Assessment required?"],
        ["Marketing", "Product recommendations", "Customers", "Order and purchase history", "", "None",
         "2 years after last purchase", "Pseudonymisation", "Legitimate interests", "LIA 2025-04, see intranet",
         "Collected from the web shop", "No"],
    ])
    plan = plan_import(data, "ico.xlsx", organisation=organisation)
    assert plan.errors == []
    plan.apply(privacy_officer)
    activity = ProcessingActivity.objects.get(name="Product recommendations")
    assert activity.department == "Marketing"
    assert activity.dpia_required == YesNoUnknown.NO
    assert activity.transfers_outside_eea == YesNoUnknown.NO
    assert activity.source_description == "Collected from the web shop"
    [purpose] = activity.purposes.all()
    assert purpose.article6 == LegalBasis.Article6.LEGITIMATE_INTERESTS
    assert purpose.balancing_test == "LIA 2025-04, see intranet"


def test_headings_match_regardless_of_case_spacing_and_language(organisation):
    data = xlsx([
        ["  PROCESSING   activity ", "formålene MED behandlingen", "Kategorier av registrerade"],
        ["Kundeservice", "Svare på henvendelser", "Personer som kontakter oss"],
    ])
    plan = plan_import(data, "x.xlsx", organisation=organisation)
    assert not [p for p in plan.warnings if p.reason.startswith("Column")]
    assert plan.activities[0].links["data_subject_categories"][0].name == "People who contact us"


def test_a_missing_legal_basis_is_reported_at_its_row_and_column(organisation):
    """Art. 6(1): every purpose needs a basis; the dry run names the row and the column to fix."""
    data = xlsx([
        ["Behandling", "Formålet med behandlingen", "Behandlingsgrunnlag"],
        ["Kundeservice", "Svare på henvendelser", "fordi vi må"],
    ])
    plan = plan_import(data, "x.xlsx", organisation=organisation)
    [problem] = plan.errors
    assert problem.row == 2 and problem.column == "Behandlingsgrunnlag (C)"


def test_consent_without_a_consent_record_makes_a_draft_with_a_warning_where_the_basis_is(organisation):
    """Art. 7(1): the controller must be able to show consent; the gap does not block the migration."""
    data = xlsx([
        ["Behandling", "Formålet med behandlingen", "Behandlingsgrunnlag"],
        ["Nyhetsbrev", "Sende nyhetsbrev", "Samtykke"],
        ["Kundeklubb", "Fordeler til medlemmer", "Avtale"],
    ])
    with translation.override("en"):
        plan = plan_import(data, "x.xlsx", organisation=organisation)
    assert plan.errors == []
    [problem] = [warning for warning in plan.warnings if "7(1)" in warning.reason]
    assert (problem.row, problem.column) == (2, "Behandlingsgrunnlag (C)")
    assert [draft.instance.status for draft in plan.activities] == [ProcessingActivity.Status.DRAFT] * 2


def test_without_a_controller_column_the_importer_must_say_which(db):
    Organisation.objects.create(name="One AS")
    Organisation.objects.create(name="Two AS")
    plan = plan_import(xlsx([["Behandling", "Formål"], ["Kundeservice", "Svare"]]), "x.xlsx")
    assert any(problem.row == 2 for problem in plan.errors)


def test_a_semicolon_csv_from_nordic_excel_is_read(organisation):
    text = "Behandling;Formålet med behandlingen;Behandlingsgrunnlag;Kategorier av registrerte\r\n" \
        "Kundeservice;Svare på spørsmål;Avtale;Kunder\r\n"
    plan = plan_import(text.encode("cp1252"), "protokoll.csv", organisation=organisation)
    assert plan.errors == []
    assert plan.activities[0].instance.name == "Kundeservice"


@pytest.mark.parametrize("data", [b"", b"just some text", b"PK\x03\x04 broken zip"])
def test_a_file_that_is_no_record_is_refused_with_a_reason(db, data):
    with pytest.raises(ImportFileError):
        plan_import(data, "upload.xlsx")
