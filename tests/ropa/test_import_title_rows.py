"""The controller named in the title rows above the headings (Art. 30(1)(a)), labelled or not."""

import pytest
from django.utils import translation

from ropa.imports import plan_import
from ropa.models import Organisation, ProcessingActivity
from tests.ropa.test_import_workbooks import workbook

HEADER = ["Behandlingsaktivitet", "Formål", "Behandlingsgrunnlag", "Kategorier registrerte"]
ROW = ["Nettbutikk", "Levere varer", "b) avtale", "Kunder"]


@pytest.mark.parametrize(("title", "name"), [
    ("Butikken Verdifull AS – protokoll over behandlingsaktiviteter", "Butikken Verdifull AS"),
    ("Protokoll over behandlingsaktiviteter for Butikken Verdifull AS", "Butikken Verdifull AS"),
    ("Butikken Verdifull AS - Record of processing activities (Article 30)", "Butikken Verdifull AS"),
    ("Registerförteckning – Butikken Verdifull AS", "Butikken Verdifull AS"),
    ("Butikken Verdifull AS", "Butikken Verdifull AS"),
])
def test_a_company_named_in_the_first_title_row_with_an_org_nr_below_is_the_controller(
    db, privacy_officer, title, name,
):
    data = workbook([
        [title], ["Org.nr. 920 437 958"], ["Kontaktperson: Kari Nordmann, kari@butikk.no"], HEADER, ROW,
    ], merged=("A1:D1",))
    with translation.override("en"):
        plan = plan_import(data, "protokoll.xlsx", create_missing=True)
    assert plan.errors == []
    [created] = [row for row in plan.rows if row.label == name]
    assert (created.row, created.action, created.changes) == (
        1, "create", ["new organisation", "org.nr. 920437958", "kari@butikk.no"],
    )
    plan.apply(privacy_officer)
    shop = Organisation.objects.get()
    assert (shop.name, shop.organisation_number, shop.email, shop.role) == (
        name, "920437958", "kari@butikk.no", Organisation.Role.CONTROLLER,
    )
    assert ProcessingActivity.objects.get().organisation == shop


def test_a_company_form_in_the_title_is_enough_without_an_org_nr(db):
    data = workbook([["Record of processing activities – Acme Nordic Ltd"], [], HEADER, ROW])
    plan = plan_import(data, "ropa.xlsx", create_missing=True)
    assert plan.errors == []
    assert plan.activities[0].instance.organisation.name == "Acme Nordic Ltd"


def test_the_org_nr_in_the_title_rows_finds_the_controller_already_in_the_record(organisation):
    data = workbook([["Butikken Verdifull AS – protokoll over behandlingsaktiviteter"], ["Org.nr. 920 437 958"],
                     HEADER, ROW])
    with translation.override("en"):
        plan = plan_import(data, "protokoll.xlsx")
    assert plan.errors == [] and plan.organisations == []
    assert plan.activities[0].instance.organisation == organisation
    assert any("matched by organisation number to “Verdifull AS”" in note.reason for note in plan.notes)


@pytest.mark.parametrize("first_row", [
    "Behandlingsprotokoll 2025",  # a title and a year: no name
    "Protokoll over behandlingsaktiviteter (artikkel 30 nr. 1)",
    "Kontaktperson: Kari Nordmann",  # a person, not the controller
])
def test_a_title_without_a_company_name_names_no_controller(db, first_row):
    """With no name and no organisation of that number, the rows say which controller is missing."""
    data = workbook([[first_row], ["Org.nr. 920 437 958"], HEADER, ROW])
    with translation.override("en"):
        plan = plan_import(data, "protokoll.xlsx", create_missing=True)
    assert Organisation.objects.count() == 0 and plan.organisations == []
    assert [w.reason for w in plan.warnings if w.row == 2] == [
        "Organisation number 920437958 in the title rows matches no organisation, and no name is given.",
    ]
    assert [(e.row, e.reason) for e in plan.errors] == [
        (4, "Say which controller this belongs to (choose one when importing)."),
    ]
