"""Headings matched by meaning: another number, an article named in the heading, two names for one column."""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from ropa.imports import plan_import
from ropa.imports.columns import recognise
from ropa.imports.readers import RawSheet
from ropa.models import LegalBasis, ProcessingActivity, Processor, RetentionRule
from tests.ropa.test_import_workbooks import names, workbook

BASE = ["Behandlingsaktivitet", "Formål", "Behandlingsgrunnlag", "Kategorier personopplysninger"]
CELLS = ["Salg", "Selge", "b) avtale", "Navn"]


def column_of(heading: str) -> str | None:
    """The field a heading is read into, in a sheet whose other headings are plain."""
    sheet = recognise(RawSheet("Ark1", [(1, [*BASE, heading]), (2, [*CELLS, "x"])]))
    match = sheet.columns.get(len(BASE))
    return match.key if match else None


@pytest.mark.parametrize(("heading", "field"), [
    # The headings a reviewer found unread in a Norwegian shop's own sheet.
    ("Behandlingsgrunnlag etter artikkel 9/10", "article9_10"),
    ("Art. 9/10", "article9_10"),
    ("Artikkel 9 og 10", "article9_10"),
    ("Art. 9 og art. 10", "article9_10"),
    ("Særlige kategorier / straffedommer", "article9_10"),
    ("Behandlingsgrunnlag art. 9", "article9"),
    ("Rättslig grund enligt artikel 9", "article9"),
    ("Rettslig grunnlag art. 6", "article6"),
    ("Lovlig grunnlag, jf. art. 6", "article6"),
    ("Lawful basis (Article 6(1))", "article6"),
    ("Databehandler", "processors"),
    ("Personuppgiftsbiträde", "processors"),
    ("Lagringstid/sletting", "retention"),
    ("Sletting", "retention"),
    ("Kategori registrert", "data_subjects"),
    ("Overførsel til tredjeland", "transfers"),
    ("Catégories de destinataires", "recipients"),
    ("Durées de conservation", "retention"),
])
def test_a_heading_is_read_by_its_meaning(db, heading, field):
    assert column_of(heading) == field


@pytest.mark.parametrize("heading", [
    "Databehandleravtale",  # the Art. 28(3) agreement, not the processors
    "Antall registrerte",
    "Formål/behandlingsgrunnlag",  # could be either column
    "Art. 28",
    "Rettslig grunnlag art. 28",
    "Art. 6 vurdert av",
    "Leverandøravtale",
    "Kontaktperson",
])
def test_a_heading_that_only_looks_like_one_of_ours_stays_unknown_and_its_cells_go_to_the_notes(
    organisation, privacy_officer, heading,
):
    data = workbook([[*BASE, heading], [*CELLS, "Sjekk dette"]])
    with translation.override("en"):
        plan = plan_import(data, "x.xlsx", organisation=organisation)
    assert plan.errors == []
    assert [w.column for w in plan.warnings if w.reason.startswith("Column not recognised")] == [f"{heading} (E)"]
    plan.apply(privacy_officer)
    assert ProcessingActivity.objects.get().internal_notes == f"{heading}: Sjekk dette"


def test_a_column_for_art_9_and_10_puts_each_basis_under_its_article(organisation, privacy_officer):
    """Art. 9(2)(b) and an Art. 10 basis in one column; a criminal-offence category named there is data."""
    data = workbook([
        ["Behandlingsaktivitet", "Formål", "Rettslig grunnlag art. 6", "Behandlingsgrunnlag etter artikkel 9/10",
         "Kategorier personopplysninger", "Lagringstid/sletting", "Databehandler", "Lovhjemmel"],
        ["Sykefravær", "Følge opp sykefravær", "c) rettslig forpliktelse", "9(2)(b)", "Helseopplysninger",
         "3 år", "Visma", "folketrygdloven § 8-7"],
        ["Vandelsattest", "Kontrollere vandel", "c) rettslig forpliktelse", "art. 10, hjemmel i lov",
         "Straffedommer og lovovertredelser", "", "", "barnehageloven § 19"],
    ])
    with translation.override("nb"):
        plan = plan_import(data, "x.xlsx", organisation=organisation, create_missing=True)
    assert plan.errors == []
    assert plan.warnings == []
    plan.apply(privacy_officer)
    sick_leave = ProcessingActivity.objects.get(name="Sykefravær")
    [purpose] = sick_leave.purposes.all()
    assert (purpose.article6, purpose.article9, purpose.article10) == (
        LegalBasis.Article6.LEGAL_OBLIGATION, LegalBasis.Article9.EMPLOYMENT, "",
    )
    assert sick_leave.retention_rules.get().unit == RetentionRule.Unit.YEARS
    assert Processor.objects.get().name == "Visma"
    certificate = ProcessingActivity.objects.get(name="Vandelsattest")
    [purpose] = certificate.purposes.all()
    assert (purpose.article9, purpose.article10) == ("", LegalBasis.Article10.AUTHORISED_BY_LAW)
    with translation.override("nb"):
        assert names(certificate.personal_data_categories.all()) == {"Straffedommer og lovovertredelser"}


def test_an_unreadable_value_in_the_art_9_and_10_column_is_an_error_on_that_column(organisation):
    data = workbook([
        ["Behandlingsaktivitet", "Formål", "Behandlingsgrunnlag", "Art. 9/10"],
        ["Sykefravær", "Følge opp", "c) rettslig forpliktelse", "fordi vi må"],
    ])
    with translation.override("en"):
        plan = plan_import(data, "x.xlsx", organisation=organisation)
    [error] = plan.errors
    assert (error.row, error.column) == (2, "Art. 9/10 (D)")
    assert "“fordi vi må” cannot be read as a legal basis" in error.reason


README_LABELS = {
    "controller (Art. 30(1)(a))": "controller", "activity name": "name", "description": "description",
    "purposes, one a line (b)": "purposes", "legal bases, any article": "legal_bases", "Art. 6 basis": "article6",
    "Art. 9 condition, or the special categories": "article9", "Art. 10 basis": "article10",
    "Art. 9 and Art. 10 in one column": "article9_10", "legal reference": "legal_reference",
    "balancing test": "balancing_test", "consent record": "consent_record", "data subjects (c)": "data_subjects",
    "personal data (c)": "personal_data", "recipients (d)": "recipients", "transfers (e)": "transfers",
    "retention (f)": "retention", "security measures (g)": "security", "source": "source", "systems": "systems",
    "processors": "processors", "dpia required": "dpia_required", "dpia status": "dpia_status",
    "dpia link": "dpia_link", "high risk": "high_risk", "department": "department", "owner": "owner",
    "status": "status", "last reviewed": "last_reviewed", "next review": "next_review",
    "joint controllers": "joint_controllers", "automated decisions": "automated_decisions",
    "profiling": "profiling", "notes": "notes",
}


def readme_heading_table() -> list[tuple[str, list[str]]]:
    readme = (Path(settings.BASE_DIR) / "docs" / "importing.md").read_text(encoding="utf-8").splitlines()
    start = readme.index("| field | headings besides those of our export (separated by semicolons) |") + 2
    rows = []
    for line in readme[start:]:
        if not line.startswith("| "):
            break
        label, headings = line.strip("| ").split(" | ")
        rows.append((label, headings.split("; ")))
    return rows


def test_the_readme_lists_every_heading_under_the_field_it_is_read_into():
    """The README's table of accepted headings is what a user relies on: each heading it lists under a field is
    read into that field, and every field has its row."""
    rows = readme_heading_table()
    assert [label for label, _ in rows] == list(README_LABELS)
    base_fields = dict(zip(["name", "purposes", "legal_bases", "personal_data"], range(len(BASE)), strict=True))
    for label, headings in rows:
        field = README_LABELS[label]
        for heading in headings:
            if field in base_fields:  # in place of the plain sheet's own heading for that field
                position = base_fields[field]
                sheet = recognise(RawSheet("Ark1", [
                    (1, [*BASE[:position], heading, *BASE[position + 1:]]), (2, CELLS),
                ]))
                found = sheet.columns.get(position)
                assert found and found.key == field, f"{heading!r}, listed under {label!r}"
            else:
                assert column_of(heading) == field, f"{heading!r}, listed under {label!r}"
