"""Reading what the synonyms miss (issue 26): question headings, special-category words, the command's --map."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from ropa.imports.evidence import heading_field
from ropa.imports.special import special_category
from ropa.jobs.worker import run_jobs
from ropa.models import ImportLayout, ProcessingActivity
from tests.ropa.processor_helpers import private_storage_dir  # noqa: F401 - a fixture
from tests.ropa.test_import_workbooks import workbook


@pytest.mark.parametrize(("heading", "field"), [
    ("Hva bruker vi opplysningene til?", "purposes"),
    ("Hva er formålet med behandlingen?", "purposes"),
    ("Hvor lenge tar vi vare på det?", "retention"),
    ("Sendes det ut av EU/EØS?", "transfers"),
    ("Har vi vurdert personvernkonsekvenser?", "dpia_required"),
    ("Kven får opplysningane?", "recipients"),
    ("Varför använder vi uppgifterna?", "purposes"),
    ("Hur länge sparar vi dem?", "retention"),
    ("Skickas de utanför EU/EES?", "transfers"),
    ("Hvad bruger vi oplysningerne til?", "purposes"),
    ("Hvor længe gemmer vi dem?", "retention"),
    ("Har vi lavet en konsekvensanalyse?", "dpia_required"),
    ("What do we use the data for?", "purposes"),
    ("How long do we keep it?", "retention"),
    ("Does it leave the EU?", None),  # no word of ours: read by its values alone
    ("Hvem får opplysningene, og sendes de ut av EU?", None),  # names two fields: decides none
])
def test_a_question_heading_names_the_field_its_everyday_words_ask_for(heading, field):
    assert heading_field(heading) == field


@pytest.mark.parametrize(("written", "category"), [
    ("allergier", "Health data"), ("Matallergier", "Health data"), ("sykefravær", "Health data"),
    ("Sjukefråvær", "Health data"), ("diagnose", "Health data"), ("Sjukfrånvaro", "Health data"),
    ("Sygefravær", "Health data"), ("sick leave", "Health data"), ("Religion", "Religious or philosophical beliefs"),
    ("Fagforening", "Trade union membership"), ("Medlemskap i fackförening", "Trade union membership"),
    ("Fingeravtrykk", "Biometric data for identification"), ("biometri", "Biometric data for identification"),
    ("Genetiske tester", "Genetic data"), ("Seksuell orientering", "Sex life or sexual orientation"),
    ("Etnisk opprinnelse", "Racial or ethnic origin"), ("Politisk oppfatning", "Political opinions"),
    ("Politiattest", "Criminal convictions and offences"), ("Straffedommer", "Criminal convictions and offences"),
    ("Lovbrudd", "Criminal convictions and offences"), ("Belastningsregister", "Criminal convictions and offences"),
    ("Navn", None), ("E-postadresse", None), ("Kjøpshistorikk", None), ("Medarbejdere", None),
])
def test_a_data_category_naming_special_category_data_is_its_art_9_or_10_category(written, category):
    assert special_category(written) == category


def test_the_command_reads_a_column_as_mapped_lists_what_it_skips_and_remembers_the_mapping(
    organisation, privacy_officer, tmp_path,
):
    path = tmp_path / "protokoll.xlsx"
    path.write_bytes(workbook([
        ["Behandling", "Hva bruker vi opplysningene til?", "Grunnlag", "Hvem hjelper oss?"],
        ["Regnskap", "Føre regnskapet", "c) rettslig forpliktelse", "Fiken"],
        ["* Regnskapet føres av Fiken"],
    ]))
    out = io.StringIO()
    call_command("import_record", str(path), "--create-missing", "--lang", "en", "--user", "officer",
                 "--map", "Hvem hjelper oss?=processors", stdout=out)
    report = out.getvalue()
    assert "read: Ark1, row 1, column Hvem hjelper oss? (D): Taken as “Processors and DPA status”, as mapped by " \
           "hand." in report
    assert "skipped: Ark1, row 3: Skipped (one filled cell: a note, not an activity): * Regnskapet føres av Fiken" \
        in report
    assert [use.processor.name for use in ProcessingActivity.objects.get().processor_uses.all()] == ["Fiken"]
    layout = ImportLayout.objects.get()
    assert layout.columns == {"hvem hjelper oss": "processors"}
    assert layout.history.get().history_user == privacy_officer


def test_the_import_page_takes_a_column_mapping_shows_it_in_the_dry_run_and_remembers_it(
    officer_client, organisation, private_storage_dir,  # noqa: F811 - the fixture imported above
):
    data = workbook([
        ["Behandling", "Hva bruker vi opplysningene til?", "Grunnlag", "Hvem hjelper oss?"],
        ["Regnskap", "Føre regnskapet", "c) rettslig forpliktelse", "Fiken"],
    ])
    # The upload queues the dry run; the worker (run_jobs) does it; the page then shows the report.
    page = officer_client.post(reverse("admin:ropa_import_record"), {
        "file": SimpleUploadedFile("protokoll.xlsx", data), "create_missing": "on",
        "column_map": "Hvem hjelper oss?=processors", "entry_map": "",
    })
    assert page.status_code == 302
    run_jobs(limit=10)
    page = officer_client.get(reverse("admin:ropa_import_record"))
    assert "Hvem hjelper oss? (D): Lest som «Databehandlere og status for databehandleravtale», slik den er " \
           "koblet for hånd." in page.content.decode()
    token = page.context["token"]
    officer_client.post(reverse("admin:ropa_import_record"), {"confirm": "1", "token": token})
    run_jobs(limit=10)
    assert ImportLayout.objects.get().columns == {"hvem hjelper oss": "processors"}
    assert [use.processor.name for use in ProcessingActivity.objects.get().processor_uses.all()] == ["Fiken"]


def test_a_mapping_line_without_a_field_is_refused_on_the_import_page(officer_client, organisation):
    page = officer_client.post(reverse("admin:ropa_import_record"), {
        "file": SimpleUploadedFile("protokoll.xlsx", workbook([["Behandling", "Formål"], ["A", "B"]])),
        "column_map": "Formål", "entry_map": "",
    })
    assert "«OVERSKRIFT=felt»" in page.content.decode()
