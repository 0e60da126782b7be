"""What a company's own sheet writes in passing: the law after a legal basis, whether a DPIA was carried out, a
Swedish org.nr. or a DPO in the title rows, a processor's company form, SCC in Swedish, an erasure event
without a duration. Each is read into its field, and the dry run says how it was read."""

import io

import openpyxl
import pytest
from django.utils import translation

from ropa.imports import plan_import
from ropa.models import LegalBasis, Organisation, ProcessingActivity, RetentionRule

BASE = ["Behandlingsaktivitet", "Formål", "Behandlingsgrunnlag", "Kategorier registrerte",
        "Kategorier personopplysninger"]


def workbook(rows: list[list], title: str = "Protokoll") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


@pytest.mark.parametrize(("cell", "reference"), [
    ("c) rettslig forpliktelse – bokføringsloven § 13", "bokføringsloven § 13"),
    ("c) rettslig forpliktelse, arbeidsmiljøloven § 4-6", "arbeidsmiljøloven § 4-6"),
    ("Rättslig förpliktelse (bokföringslagen 7 kap. 2 §)", "bokföringslagen 7 kap. 2 §"),
    ("Rettslig forpliktelse, avtaleloven § 36", "avtaleloven § 36"),  # "avtale" in a law's name is no contract
])
def test_a_law_written_in_the_legal_basis_cell_is_the_purposes_legal_reference(organisation, privacy_officer, cell,
                                                                                reference):
    data = workbook([BASE, ["Regnskap", "Oppfylle bokføringsplikten", cell, "Kunder", "Navn"]])
    with translation.override("en"):
        plan = plan_import(data, "protokoll.xlsx", organisation=organisation, create_missing=True)
    assert plan.errors == []
    assert not [w for w in plan.warnings if "6(3)" in w.reason or "left out" in w.reason]
    assert any(reference in note.reason and "legal reference" in note.reason for note in plan.notes)
    plan.apply(privacy_officer)
    [purpose] = ProcessingActivity.objects.get(name="Regnskap").purposes.all()
    assert (purpose.article6, purpose.legal_reference) == (LegalBasis.Article6.LEGAL_OBLIGATION, reference)


def test_the_law_goes_with_its_own_basis_when_a_cell_names_several(organisation, privacy_officer):
    data = workbook([BASE, ["Kunder", "Sende nyhetsbrev\nOppbevare fakturaer",
                            "a) samtykke\nc) rettslig forpliktelse – bokføringsloven § 13", "Kunder", "Navn"]])
    plan = plan_import(data, "protokoll.xlsx", organisation=organisation, create_missing=True)
    assert plan.errors == []
    plan.apply(privacy_officer)
    purposes = ProcessingActivity.objects.get(name="Kunder").purposes.order_by("pk")
    assert [(p.article6, p.legal_reference) for p in purposes] == [
        (LegalBasis.Article6.CONSENT, ""), (LegalBasis.Article6.LEGAL_OBLIGATION, "bokføringsloven § 13"),
    ]


@pytest.mark.parametrize("heading", ["DPIA gjennomført", "Er DPIA gjennomført", "DPIA utført", "DPIA carried out",
                                     "DPIA genomförd", "DPIA gennemført"])
def test_a_heading_asking_whether_the_dpia_was_carried_out_is_read_as_its_status(organisation, privacy_officer,
                                                                                  heading):
    data = workbook([
        [*BASE, heading],
        ["Kameraovervåking", "Forebygge tyveri", "b) avtale", "Kunder", "Navn", "Ja, gjennomført 2024"],
        ["Ordre", "Levere varer", "b) avtale", "Kunder", "Navn", "Nei"],
        ["Nyhetsbrev", "Sende nyhetsbrev", "b) avtale", "Kunder", "Navn", "Ikke vurdert"],
    ])
    with translation.override("en"):
        plan = plan_import(data, "protokoll.xlsx", organisation=organisation, create_missing=True)
    assert plan.errors == []
    assert any("read as the DPIA status “Completed”" in note.reason for note in plan.notes)
    plan.apply(privacy_officer)
    found = {a.name: (a.dpia_status, a.dpia_required) for a in ProcessingActivity.objects.all()}
    DpiaStatus, unknown = ProcessingActivity.DpiaStatus, ProcessingActivity._meta.get_field("dpia_required").default
    assert found == {
        "Kameraovervåking": (DpiaStatus.COMPLETED, unknown),
        "Ordre": (DpiaStatus.NOT_STARTED, unknown),
        "Nyhetsbrev": ("", unknown),
    }


@pytest.mark.parametrize("heading", ["DPIA påkrevd", "Er DPIA nødvendig", "DPIA required"])
def test_a_heading_asking_whether_a_dpia_is_needed_is_still_read_as_dpia_required(organisation, privacy_officer,
                                                                                  heading):
    data = workbook([[*BASE, heading], ["Kameraovervåking", "Forebygge tyveri", "b) avtale", "Kunder", "Navn", "Ja"]])
    plan = plan_import(data, "protokoll.xlsx", organisation=organisation, create_missing=True)
    assert plan.errors == []
    plan.apply(privacy_officer)
    activity = ProcessingActivity.objects.get()
    assert (activity.dpia_required, activity.dpia_status) == ("yes", "")


SWEDISH_BASE = ["Personuppgiftsbehandling", "Ändamål", "Rättslig grund", "Kategorier av registrerade",
                "Kategorier av personuppgifter"]


def test_a_swedish_org_nr_in_the_title_rows_makes_a_swedish_controller_and_is_kept(db, privacy_officer):
    data = workbook([
        ["Registerförteckning för Nordhandel Sverige AB"],
        ["Organisationsnummer: 556677-8899"],
        [],
        SWEDISH_BASE,
        ["Orderhantering", "Hantera beställningar", "Avtal", "Kunder", "Namn"],
    ], title="Registerförteckning")
    with translation.override("sv"):
        plan = plan_import(data, "registerforteckning.xlsx", create_missing=True)
    assert plan.errors == []
    assert not [w for w in plan.warnings if "556677" in w.reason]
    plan.apply(privacy_officer)
    shop = Organisation.objects.get()
    assert (shop.name, shop.country.code, shop.organisation_number) == ("Nordhandel Sverige AB", "SE", "5566778899")


@pytest.mark.parametrize(("name", "country"), [
    ("Fjellsport AS", "NO"), ("Butiken AB", "SE"), ("Butikken ApS", "DK"), ("Kauppa Oy", "FI"), ("Verslun ehf.", "IS"),
])
def test_without_an_org_nr_the_company_form_tells_the_controllers_country(db, privacy_officer, name, country):
    data = workbook([[f"Behandlingsansvarlig: {name}"], BASE, ["Ordre", "Levere varer", "b) avtale", "Kunder", "Navn"]])
    plan = plan_import(data, "protokoll.xlsx", create_missing=True)
    assert plan.errors == []
    plan.apply(privacy_officer)
    assert Organisation.objects.get().country.code == country


@pytest.mark.parametrize("cell", ["Ja – USA (standardavtalsklausuler)", "Ja – USA (standardavtalsklausul)",
                                  "Ja, USA (standardpersonvernbestemmelser)", "Ja – USA (standardavtaler)"])
def test_standard_contractual_clauses_in_swedish_and_norwegian_words_are_scc(organisation, privacy_officer, cell):
    data = workbook([[*BASE, "Overføring til tredjeland"],
                     ["Kundeservice", "Svare kunder", "b) avtale", "Kunder", "Navn", cell]])
    with translation.override("en"):
        plan = plan_import(data, "protokoll.xlsx", organisation=organisation, create_missing=True)
    assert plan.errors == []
    # Read as SCC: the rules then ask for the SCC's module (Art. 46(2)(c)), which the cell does not give.
    assert [w.reason for w in plan.warnings if "US" in w.reason] == [
        "The transfer to US is not recorded yet: Art. 46(2)(c): name the module of the standard contractual clauses "
        "(Decision (EU) 2021/914).",
    ]


@pytest.mark.parametrize(("cell", "event"), [
    ("Til samtykket trekkes tilbake", RetentionRule.Event.CONSENT_WITHDRAWN),
    ("Tills samtycket återkallas", RetentionRule.Event.CONSENT_WITHDRAWN),
    ("Slettes når arbeidsforholdet opphører", RetentionRule.Event.END_OF_RELATIONSHIP),
    ("Slettes når oppfølgingen er avsluttet", RetentionRule.Event.OTHER),
    ("Slettes etter ansettelse", RetentionRule.Event.COLLECTION),  # says no end of anything: nothing is read
])
def test_an_erasure_event_written_without_a_duration_is_the_rules_event(organisation, privacy_officer, cell, event):
    data = workbook([[*BASE, "Lagringstid"], ["Nyhetsbrev", "Sende nyhetsbrev", "b) avtale", "Kunder", "Navn", cell]])
    with translation.override("en"):
        plan = plan_import(data, "protokoll.xlsx", organisation=organisation, create_missing=True)
        label = str(RetentionRule.Event(event).label)
    assert plan.errors == []
    read = [note.reason for note in plan.notes if cell in note.reason]
    assert read == ([] if event == RetentionRule.Event.COLLECTION else [
        f"“{cell}” read as: no duration, counted from {label}; the text is kept as the description.",
    ])
    plan.apply(privacy_officer)
    rule = ProcessingActivity.objects.get().retention_rules.get()
    assert (rule.duration, rule.runs_from, rule.description) == (None, event, cell)


@pytest.mark.parametrize("rows", [
    [["Registerförteckning för Nordhandel Sverige AB"], ["Dataskyddsombud: dso@nordhandel.se"],
     ["Kontakt: info@nordhandel.se"]],
    [["Behandlingsansvarlig: Nordhandel Sverige AB"], ["Personvernombud:", "dso@nordhandel.se"],
     ["info@nordhandel.se"]],
    [["Controller: Nordhandel Sverige AB, info@nordhandel.se"], ["DPO: dso@nordhandel.se"]],
    [["Nordhandel Sverige AB – records of processing"], ["Data protection officer: dso@nordhandel.se"],
     ["E-mail: info@nordhandel.se"]],
])
def test_an_e_mail_labelled_as_the_dpos_in_the_title_rows_is_the_dpos(db, privacy_officer, rows):
    data = workbook([*rows, SWEDISH_BASE, ["Orderhantering", "Hantera beställningar", "Avtal", "Kunder", "Namn"]])
    plan = plan_import(data, "registerforteckning.xlsx", create_missing=True)
    assert plan.errors == []
    plan.apply(privacy_officer)
    shop = Organisation.objects.get()
    assert (shop.name, shop.dpo_email, shop.email) == ("Nordhandel Sverige AB", "dso@nordhandel.se",
                                                       "info@nordhandel.se")


def test_a_dpos_name_next_to_the_e_mail_is_the_dpos_name(db, privacy_officer):
    data = workbook([["Behandlingsansvarlig: Butikken AS"], ["Personvernombud: Kari Nordmann, kari@butikken.no"],
                     BASE, ["Ordre", "Levere varer", "b) avtale", "Kunder", "Navn"]])
    with translation.override("en"):
        plan = plan_import(data, "protokoll.xlsx", create_missing=True)
    assert plan.errors == []
    [created] = [row for row in plan.rows if row.label == "Butikken AS"]
    assert created.changes == ["new organisation", "DPO: Kari Nordmann <kari@butikken.no>"]
    plan.apply(privacy_officer)
    shop = Organisation.objects.get()
    assert (shop.dpo_name, shop.dpo_email, shop.email) == ("Kari Nordmann", "kari@butikken.no", "")


def test_an_org_nr_of_a_controller_named_otherwise_in_the_record_is_warned_of(organisation):
    data = workbook([["Butikken Eksempel AS – protokoll over behandlingsaktiviteter"], ["Org.nr. 920 437 958"],
                     BASE, ["Ordre", "Levere varer", "b) avtale", "Kunder", "Navn"]])
    with translation.override("en"):
        plan = plan_import(data, "protokoll.xlsx", create_missing=True)
    assert plan.errors == []
    assert [w.reason for w in plan.warnings if "920437958" in w.reason] == [
        "Organisation number 920437958 in the title rows is “Verdifull AS” in the record, but the title rows name "
        "“Butikken Eksempel AS”; the activities are imported for “Verdifull AS”. Check the number.",
    ]
    assert plan.activities[0].instance.organisation == organisation


def test_an_org_nr_of_the_controller_by_the_same_name_gives_no_warning(organisation):
    data = workbook([["Verdifull AS – protokoll over behandlingsaktiviteter"], ["Org.nr. 920 437 958"],
                     BASE, ["Ordre", "Levere varer", "b) avtale", "Kunder", "Navn"]])
    plan = plan_import(data, "protokoll.xlsx", create_missing=True)
    assert (plan.errors, plan.warnings) == ([], [])


def test_a_processors_company_form_written_otherwise_finds_the_organisation_in_the_record(organisation,
                                                                                        privacy_officer):
    klarna = Organisation.objects.create(name="Klarna Bank AB", country="SE", role=Organisation.Role.PROCESSOR)
    google = Organisation.objects.create(name="Google Ireland Limited", country="IE",
                                         role=Organisation.Role.PROCESSOR)
    data = workbook([[*BASE, "Databehandler"],
                     ["Ordre", "Levere varer", "b) avtale", "Kunder", "Navn",
                      "Klarna Bank AB (publ), Google Ireland Ltd., Zendesk Inc., Fortnox AB"]])
    with translation.override("en"):
        plan = plan_import(data, "protokoll.xlsx", organisation=organisation, create_missing=True)
    assert plan.errors == []
    new = {draft.instance.name: draft.instance.country.code for draft in plan.organisations}
    assert new == {"Zendesk Inc.": "NO", "Fortnox AB": "SE"}  # a Swedish form is Swedish; Zendesk's is not told
    assert [note.reason for note in plan.notes if "Zendesk" in note.reason] == [
        "The country of “Zendesk Inc.” cannot be told from its name; it is created in Norway. Correct it on the "
        "organisation's page.",
    ]
    plan.apply(privacy_officer)
    processors = ProcessingActivity.objects.get().processor_uses.values_list("processor__organisation", flat=True)
    assert {klarna.pk, google.pk} <= set(processors)
    assert Organisation.objects.filter(name__startswith="Klarna").count() == 1
    assert Organisation.objects.filter(name__startswith="Google").count() == 1


@pytest.mark.parametrize(("processors", "recipient", "warned"), [
    ("Mailchimp", "Mailchimp", False),  # the row's one processor receives the data abroad
    ("Mailchimp, Zendesk Inc.", "", True),  # two: the officer says which, as the DPF needs a named recipient
])
def test_a_transfer_on_the_data_privacy_framework_is_to_the_rows_processor(organisation, privacy_officer, processors,
                                                                           recipient, warned):
    """Art. 45, Decision (EU) 2023/1795: the DPF covers certified recipients, not the United States as such."""
    data = workbook([
        [*BASE, "Databehandlere", "Overføring til tredjeland"],
        ["Nyhetsbrev", "Sende nyhetsbrev", "a) samtykke", "Kunder", "Navn", processors,
         "Ja – USA (Data Privacy Framework)"],
    ])
    with translation.override("en"):
        plan = plan_import(data, "protokoll.xlsx", organisation=organisation, create_missing=True)
    assert plan.errors == []
    assert any("certified recipients only" in w.reason for w in plan.warnings) == warned
    plan.apply(privacy_officer)
    [transfer] = ProcessingActivity.objects.get(name="Nyhetsbrev").transfers.all()
    assert (transfer.destination_country.code, transfer.recipient_dpf_certified, transfer.recipient) == (
        "US", True, recipient,
    )
