"""Five spreadsheets laid out as Nordic companies keep them, each imported end to end and checked cell by cell.

Datatilsynet's controller template, IMY's Swedish template, the ICO's template, a hand-made Norwegian sheet
with title rows and merged cells, issue 10's own shop protokoll, and a Windows-1252 CSV with semicolons.
Legal gaps (Art. 6(1)(f) without a balancing test, Art. 9 data without a condition) import as drafts with a
warning citing the article.
"""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from ropa.imports import plan_import
from ropa.models import (
    LegalBasis,
    Organisation,
    ProcessingActivity,
    Processor,
    RetentionRule,
    Transfer,
    YesNoUnknown,
)

Status = ProcessingActivity.Status


def workbook(rows: list[list], title: str = "Ark1", merged: tuple[str, ...] = ()) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cells in merged:
        sheet.merge_cells(cells)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def names(queryset) -> set[str]:
    return {str(item) for item in queryset}


def datatilsynet_template() -> bytes:
    """Laid out like Datatilsynet's "Protokoll for behandlingsansvarlig": a contact block, then one row per activity."""
    return workbook([
        ["Protokoll over behandlingsaktiviteter (artikkel 30 nr. 1)"],
        ["Navn og kontaktopplysninger til behandlingsansvarlig"],
        ["Behandlingsansvarlig:", "Verdifull AS"],
        ["Organisasjonsnummer:", "920 437 958"],
        [],
        ["Behandlingsaktivitet", "Formålet med behandlingen", "Behandlingsgrunnlag",
         "Beskrivelse av kategorier av registrerte", "Beskrivelse av kategorier av personopplysninger",
         "Kategorier av mottakere som personopplysningene er blitt eller vil bli utlevert til",
         "Overføring til tredjeland",
         "Planlagte tidsfrister for sletting av de forskjellige kategoriene av opplysninger",
         "Generell beskrivelse av de tekniske og organisatoriske sikkerhetstiltakene", "Hjemmel"],
        ["Kundeadministrasjon", "Levere varer", "Art. 6 nr. 1 bokstav b", "Kunder", "Navn\nPost- og leveringsadresse",
         "Transport- og leveringsselskaper", "Nei", "5 år etter utgangen av regnskapsåret", "Tilgangsstyring", ""],
        ["Regnskap", "Bokføring", "6(1)(c)", "Kunder", "Navn", "", "Nei", "5 år", "", "bokføringsloven § 13"],
    ], title="Protokoll")


def test_datatilsynets_template_imports_every_cell_where_a_privacy_officer_expects_it(organisation, privacy_officer):
    plan = plan_import(datatilsynet_template(), "protokoll.xlsx", create_missing=True)
    assert plan.errors == []
    plan.apply(privacy_officer)
    customers = ProcessingActivity.objects.get(name="Kundeadministrasjon")
    assert customers.organisation == organisation  # matched by the organisation number in the title rows
    assert [(p.description, p.article6) for p in customers.purposes.all()] == [
        ("Levere varer", LegalBasis.Article6.CONTRACT),
    ]
    with translation.override("nb"):
        assert names(customers.data_subject_categories.all()) == {"Kunder"}
        assert names(customers.personal_data_categories.all()) == {"Navn", "Post- og leveringsadresse"}
        assert names(customers.recipient_categories.all()) == {"Transport- og leveringsselskaper"}
        assert names(customers.security_measures.all()) == {"Tilgangsstyring"}
    assert customers.transfers_outside_eea == YesNoUnknown.NO
    [rule] = customers.retention_rules.all()
    assert (rule.duration, rule.unit, rule.runs_from, rule.description) == (
        5, RetentionRule.Unit.YEARS, RetentionRule.Event.END_OF_FINANCIAL_YEAR, "5 år etter utgangen av regnskapsåret",
    )
    bookkeeping = ProcessingActivity.objects.get(name="Regnskap")
    [purpose] = bookkeeping.purposes.all()
    assert (purpose.article6, purpose.legal_reference) == (LegalBasis.Article6.LEGAL_OBLIGATION, "bokføringsloven § 13")
    assert bookkeeping.retention_rules.get().runs_from == RetentionRule.Event.COLLECTION
    assert not Organisation.objects.exclude(pk=organisation.pk).exists()


def imy_template() -> bytes:
    """Laid out like IMY's Swedish "Registerförteckning": the controller in a column, Swedish headings and words."""
    return workbook([
        ["Registerförteckning enligt artikel 30"],
        ["Personuppgiftsansvarig", "Behandling", "Ändamål med behandlingen", "Rättslig grund",
         "Kategorier av registrerade", "Kategorier av personuppgifter", "Kategorier av mottagare",
         "Överföring till tredjeland", "Gallringsfrist", "Säkerhetsåtgärder", "Källa", "Konsekvensbedömning"],
        ["Verdifull AS", "Nyhetsbrev", "Skicka erbjudanden", "Berättigat intresse", "Kunder", "Namn",
         "", "Ja – USA (Data Privacy Framework)", "Till avregistrering", "", "Den registrerade", "Ej bedömd"],
        ["Verdifull AS", "Kundtjänst", "Svara på frågor; Hantera reklamationer", "avtal", "Kunder",
         "Namn, Kontaktuppgifter (e-post, telefon)", "", "Nej", "2 år efter avslutat kundförhållande", "", "", "Nej"],
    ], title="Registerförteckning")


def test_imys_swedish_template_imports_every_cell_and_keeps_a_legal_gap_as_a_draft(organisation, privacy_officer):
    with translation.override("sv"):
        plan = plan_import(imy_template(), "registerforteckning.xlsx")
    assert plan.errors == []
    gap = [w for w in plan.warnings if w.row == 3 and "6(1)(f)" in w.reason]
    assert gap and gap[0].column == "Rättslig grund (D)"
    plan.apply(privacy_officer)
    newsletter = ProcessingActivity.objects.get(name="Nyhetsbrev")
    assert newsletter.status == Status.DRAFT
    assert newsletter.purposes.get().article6 == LegalBasis.Article6.LEGITIMATE_INTERESTS
    assert newsletter.transfers_outside_eea == YesNoUnknown.YES
    [transfer] = Transfer.objects.filter(activity=newsletter)
    assert (str(transfer.destination_country), transfer.recipient_dpf_certified) == ("US", True)
    assert newsletter.dpia_required == YesNoUnknown.UNKNOWN
    assert newsletter.source_kind == ProcessingActivity.SourceKind.DATA_SUBJECT
    assert newsletter.retention_rules.get().description == "Till avregistrering"
    service = ProcessingActivity.objects.get(name="Kundtjänst")
    assert [(p.description, p.article6) for p in service.purposes.all()] == [
        ("Svara på frågor", LegalBasis.Article6.CONTRACT), ("Hantera reklamationer", LegalBasis.Article6.CONTRACT),
    ]
    with translation.override("sv"):
        assert names(service.personal_data_categories.all()) == {"Namn", "Kontaktuppgifter (e-post, telefon)"}
    rule = service.retention_rules.get()
    assert (rule.duration, rule.unit, rule.runs_from) == (
        2, RetentionRule.Unit.YEARS, RetentionRule.Event.END_OF_RELATIONSHIP,
    )
    assert (service.transfers_outside_eea, service.dpia_required) == (YesNoUnknown.NO, YesNoUnknown.NO)
    newsletter.status = Status.ACTIVE
    with pytest.raises(Exception, match=r"6\(1\)\(f\)"):
        newsletter.full_clean()


def ico_template() -> bytes:
    """Laid out like the ICO's controller template: no name column, one column per Art. 6 and Art. 9 basis."""
    return workbook([
        ["Business function", "Purpose of processing", "Name and contact details of joint controller",
         "Categories of individuals", "Categories of personal data", "Categories of recipients",
         "Names of third countries or international organisations that personal data are transferred to",
         "Retention schedule", "General description of technical and organisational security measures",
         "Article 6 lawful basis for processing personal data", "Article 9 basis for processing special category data",
         "Legitimate interests for the processing", "Rights available to individuals",
         "Source of personal data", "Data Protection Impact Assessment required",
         "Data Protection Impact Assessment progress", "Location of personal data"],
        ["HR", "Occupational health", "", "Employees", "Health data", "", "",
         "6 years after employment ends", "Encryption at rest", "Legal obligation",
         "(b) employment, social security and social protection law", "", "Access, rectification",
         "The individual", "Yes", "In progress", "HR system"],
        ["Marketing", "Offers to past customers", "", "Customers", "Name", "", "United States (Data Privacy Framework)",
         "3 years from last purchase", "", "Legitimate interests", "", "Customers expect offers; opt-out in each mail",
         "Objection", "Third party", "No", "Not needed", "Mail service"],
    ], title="Controller")


def test_the_icos_template_imports_every_cell_and_keeps_unknown_columns_in_the_notes(organisation, privacy_officer):
    with translation.override("en"):
        plan = plan_import(ico_template(), "ico.xlsx", create_missing=True, organisation=organisation)
    assert plan.errors == []
    [unknown] = [w for w in plan.warnings if w.column == "Rights available to individuals (M)"]
    assert unknown.row == 1
    plan.apply(privacy_officer)
    health = ProcessingActivity.objects.get(name="Occupational health")
    assert health.department == "HR"
    [purpose] = health.purposes.all()
    assert (purpose.article6, purpose.article9) == (
        LegalBasis.Article6.LEGAL_OBLIGATION, LegalBasis.Article9.EMPLOYMENT,
    )
    assert health.status == Status.DRAFT  # Art. 6(3): the law laying down the obligation is not named yet
    with translation.override("en"):
        assert names(health.personal_data_categories.all()) == {"Health data"}
    assert health.internal_notes == "Rights available to individuals: Access, rectification"
    assert (health.dpia_required, health.dpia_status) == (YesNoUnknown.YES, ProcessingActivity.DpiaStatus.IN_PROGRESS)
    assert health.source_kind == ProcessingActivity.SourceKind.DATA_SUBJECT
    assert names(health.systems.all()) == {"HR system"}
    rule = health.retention_rules.get()
    assert (rule.duration, rule.runs_from) == (6, RetentionRule.Event.END_OF_RELATIONSHIP)
    marketing = ProcessingActivity.objects.get(name="Offers to past customers")
    assert marketing.purposes.get().balancing_test == "Customers expect offers; opt-out in each mail"
    assert marketing.status == Status.DRAFT  # a new activity starts as a draft; nothing here is missing
    assert marketing.transfers_outside_eea == YesNoUnknown.YES
    assert Transfer.objects.get(activity=marketing).recipient_dpf_certified is True
    assert marketing.retention_rules.get().runs_from == RetentionRule.Event.LAST_ACTIVITY
    assert marketing.source_kind == ProcessingActivity.SourceKind.THIRD_PARTY
    assert marketing.dpia_status == ProcessingActivity.DpiaStatus.NOT_NEEDED


def handmade_norwegian_sheet() -> bytes:
    """A shop's own sheet: title rows naming the controller, a department merged over two rows, a comment column."""
    return workbook([
        ["Protokoll over behandlingsaktiviteter – Fjellsport AS"],
        ["Behandlingsansvarlig: Fjellsport AS, org.nr. 914 778 271"],
        ["Kontakt: personvern@fjellsport.example"],
        [],
        ["Behandlingsaktivitet", "Avdeling", "Formål", "Behandlingsgrunnlag etter artikkel 6", "Artikkel 9",
         "Registrerte", "Personopplysninger", "Overføring til tredjeland", "Lagringstid", "Kilde",
         "Databehandlere", "DPIA", "Vår kommentar"],
        ["Nettbutikk", "Salg", "Levere varene\nSende kvittering", "b) avtale", "Nei", "kunde",
         "Navn; Post- og leveringsadresse", "Ja – USA (Data Privacy Framework)", "7 dager", "Den registrerte",
         "Nettbutikkleverandøren", "Nei", "Sjekk med regnskap"],
        ["Klatrekurs", None, "Sikkerhet på kurset", "f) berettiget interesse", "Helseopplysninger", "Kunder", "Navn",
         "Nei", "Til kurset er over", "Den registrerte", "", "Ikke vurdert", ""],
    ], title="Protokoll", merged=("B6:B7",))


def test_a_hand_made_norwegian_sheet_with_title_rows_and_merged_cells_imports(db, privacy_officer):
    """Art. 9(1): health data without an Art. 9(2) condition, or Art. 6(1)(f) without a balancing test: a draft."""
    with translation.override("nb"):
        plan = plan_import(handmade_norwegian_sheet(), "protokoll.xlsx", create_missing=True)
    assert plan.errors == []
    [controller] = [row for row in plan.rows if row.label == "Fjellsport AS"]
    assert controller.action == "create" and "org.nr. 914778271" in controller.changes
    warned = {
        (w.row, w.column.split(" (")[0]) for w in plan.warnings if "Art. 9(2)" in w.reason or "6(1)(f)" in w.reason
    }
    assert warned == {(7, "Personopplysninger"), (7, "Behandlingsgrunnlag etter artikkel 6")}
    plan.apply(privacy_officer)
    shop = Organisation.objects.get(name="Fjellsport AS")
    assert (shop.organisation_number, shop.email, shop.role) == (
        "914778271", "personvern@fjellsport.example", Organisation.Role.CONTROLLER,
    )
    web = ProcessingActivity.objects.get(name="Nettbutikk")
    assert (web.organisation, web.department) == (shop, "Salg")
    assert [(p.description, p.article6) for p in web.purposes.all()] == [
        ("Levere varene", LegalBasis.Article6.CONTRACT), ("Sende kvittering", LegalBasis.Article6.CONTRACT),
    ]
    with translation.override("nb"):
        assert names(web.data_subject_categories.all()) == {"Kunder"}
    assert web.internal_notes == "Vår kommentar: Sjekk med regnskap"
    [rule] = web.retention_rules.all()
    assert (rule.duration, rule.unit, rule.description) == (7, RetentionRule.Unit.DAYS, "7 dager")
    processor = Processor.objects.get(name="Nettbutikkleverandøren")
    assert processor.dpa_status == "missing"
    assert list(web.processor_uses.values_list("processor__name", flat=True)) == ["Nettbutikkleverandøren"]
    assert web.dpia_required == YesNoUnknown.NO
    climbing = ProcessingActivity.objects.get(name="Klatrekurs")
    assert climbing.department == "Salg"  # the merged cell covers both rows
    assert climbing.status == Status.DRAFT
    with translation.override("nb"):
        assert names(climbing.personal_data_categories.all()) == {"Navn", "Helseopplysninger"}
    assert climbing.dpia_required == YesNoUnknown.UNKNOWN
    assert ProcessingActivity.objects.incomplete().filter(pk=climbing.pk).exists()


def shop_protokoll(name_in_row_6: str = "Kameraovervåking") -> bytes:
    """Issue 10's own sheet: a bare company name in a merged title, its org.nr. and contact person below,
    Datatilsynet-like headings with an Art. 9/10 column, processors in one cell, "Kilde" merged over two rows."""
    return workbook([
        ["Butikken Verdifull AS – protokoll over behandlingsaktiviteter"],
        ["Org.nr. 920 437 958"],
        ["Kontaktperson: Kari Nordmann, kari@butikk.no"],
        ["Behandlingsaktivitet", "Formål med behandlingen", "Behandlingsgrunnlag etter artikkel 6",
         "Behandlingsgrunnlag etter artikkel 9/10", "Kategorier registrerte", "Kategorier personopplysninger",
         "Kilde", "Mottakere", "Databehandlere", "Overføring til tredjeland", "Sletting", "Sikkerhetstiltak",
         "DPIA gjennomført"],
        ["Nettbutikk", "Levere varer\nSende kvittering", "b) avtale", "", "Kunder",
         "Navn; Post- og leveringsadresse; Betalingsopplysninger", "Den registrerte",
         "Transport- og leveringsselskaper", "Mailchimp, Klarna", "Ja – USA (Data Privacy Framework)",
         "5 år etter utgangen av regnskapsåret", "Rollebasert tilgangsstyring", "Nei"],
        [name_in_row_6, "Forebygge tyveri", "f) berettiget interesse", "", "Besøkende i butikken", "Bilder og video",
         None, "Offentlige myndigheter når loven krever det", "", "Nei", "7 dager", "Logging av tilgang", "Ja"],
        ["Sykefravær", "Følge opp sykefravær", "c) rettslig forpliktelse", "9(2)(b)", "Ansatte", "Helseopplysninger",
         "Den registrerte", "", "", "Nei", "Slettes når oppfølgingen er avsluttet", "Rollebasert tilgangsstyring",
         "Ikke vurdert"],
    ], title="Protokoll", merged=("A1:M1", "G5:G6"))


def test_the_shop_protokoll_of_issue_10_imports_every_cell_where_a_privacy_officer_expects_it(db, privacy_officer):
    with translation.override("nb"):
        plan = plan_import(shop_protokoll(), "protokoll.xlsx", create_missing=True)
    assert plan.errors == []
    assert not [w for w in plan.warnings if "Art. 9" in w.reason]  # 9(2)(b) in the 9/10 column is the condition
    assert {(w.row, w.column) for w in plan.warnings} == {
        # The DPF covers a certified recipient; the row names two processors, so the officer names which.
        (5, "Overføring til tredjeland (J)"),
        (6, "Behandlingsgrunnlag etter artikkel 6 (C)"),  # Art. 6(1)(f) without a balancing test
        (7, "Behandlingsgrunnlag etter artikkel 6 (C)"),  # Art. 6(3): the law laying down the obligation
    }
    plan.apply(privacy_officer)

    shop = Organisation.objects.get(role=Organisation.Role.CONTROLLER)
    assert (shop.name, shop.organisation_number, shop.email) == ("Butikken Verdifull AS", "920437958", "kari@butikk.no")
    assert set(ProcessingActivity.objects.values_list("organisation__name", flat=True)) == {"Butikken Verdifull AS"}
    assert {(p.name, p.dpa_status) for p in Processor.objects.all()} == {
        ("Mailchimp", "missing"), ("Klarna", "missing"),  # Art. 28(3): no agreement recorded yet
    }

    shop_online = ProcessingActivity.objects.get(name="Nettbutikk")
    assert [(p.description, p.article6, p.article9) for p in shop_online.purposes.all()] == [
        ("Levere varer", LegalBasis.Article6.CONTRACT, ""), ("Sende kvittering", LegalBasis.Article6.CONTRACT, ""),
    ]
    with translation.override("nb"):
        assert names(shop_online.data_subject_categories.all()) == {"Kunder"}
        assert names(shop_online.personal_data_categories.all()) == {
            "Navn", "Post- og leveringsadresse", "Betalingsopplysninger",
        }
        assert names(shop_online.recipient_categories.all()) == {"Transport- og leveringsselskaper"}
        assert names(shop_online.security_measures.all()) == {"Rollebasert tilgangsstyring"}
    assert (shop_online.source_kind, shop_online.source_description) == (
        ProcessingActivity.SourceKind.DATA_SUBJECT, "Den registrerte",
    )
    assert sorted(shop_online.processor_uses.values_list("processor__name", flat=True)) == ["Klarna", "Mailchimp"]
    assert shop_online.transfers_outside_eea == YesNoUnknown.YES
    [transfer] = Transfer.objects.filter(activity=shop_online)
    assert (str(transfer.destination_country), transfer.tool, transfer.recipient_dpf_certified) == (
        "US", Transfer.Tool.ADEQUACY, True,
    )
    [rule] = shop_online.retention_rules.all()
    assert (rule.duration, rule.unit, rule.runs_from, rule.description) == (
        5, RetentionRule.Unit.YEARS, RetentionRule.Event.END_OF_FINANCIAL_YEAR, "5 år etter utgangen av regnskapsåret",
    )
    # "DPIA gjennomført" asks whether the DPIA was carried out: its status, not whether one is required.
    assert (shop_online.dpia_required, shop_online.dpia_status) == (
        YesNoUnknown.UNKNOWN, ProcessingActivity.DpiaStatus.NOT_STARTED,
    )
    assert shop_online.internal_notes == ""  # every column was recognised

    cameras = ProcessingActivity.objects.get(name="Kameraovervåking")
    assert cameras.purposes.get().article6 == LegalBasis.Article6.LEGITIMATE_INTERESTS
    assert cameras.status == Status.DRAFT
    assert cameras.source_kind == ProcessingActivity.SourceKind.DATA_SUBJECT  # "Kilde" merged over rows 5 and 6
    with translation.override("nb"):
        assert names(cameras.data_subject_categories.all()) == {"Besøkende i butikken"}
    assert (cameras.transfers_outside_eea, Transfer.objects.filter(activity=cameras).exists()) == (
        YesNoUnknown.NO, False,
    )
    rule = cameras.retention_rules.get()
    assert (rule.duration, rule.unit, rule.description) == (7, RetentionRule.Unit.DAYS, "7 dager")
    assert (cameras.dpia_required, cameras.dpia_status) == (
        YesNoUnknown.UNKNOWN, ProcessingActivity.DpiaStatus.COMPLETED,
    )
    assert not cameras.processor_uses.exists()

    sick_leave = ProcessingActivity.objects.get(name="Sykefravær")
    [purpose] = sick_leave.purposes.all()
    assert (purpose.article6, purpose.article9, purpose.article10) == (
        LegalBasis.Article6.LEGAL_OBLIGATION, LegalBasis.Article9.EMPLOYMENT, "",
    )
    with translation.override("nb"):
        assert names(sick_leave.personal_data_categories.all()) == {"Helseopplysninger"}
    rule = sick_leave.retention_rules.get()
    assert (rule.duration, rule.description) == (None, "Slettes når oppfølgingen er avsluttet")
    assert (sick_leave.transfers_outside_eea, sick_leave.dpia_required, sick_leave.dpia_status) == (
        YesNoUnknown.NO, YesNoUnknown.UNKNOWN, "",
    )


def test_the_dry_run_of_the_shop_protokoll_reads_line_by_line_in_norwegian(db, tmp_path):
    path = tmp_path / "protokoll.xlsx"
    path.write_bytes(shop_protokoll())
    out = io.StringIO()
    call_command("import_record", str(path), "--dry-run", "--create-missing", "--lang", "nb", stdout=out)
    assert out.getvalue().splitlines() == [
        "Protokoll, rad 1: Butikken Verdifull AS opprettes (ny organisasjon, org.nr. 920437958, kari@butikk.no)",
        "Protokoll, rad 5: Mailchimp opprettes (ny databehandler; databehandleravtalen mangler (art. 28 nr. 3), "
        "ny organisasjon)",
        "Protokoll, rad 5: Klarna opprettes (ny databehandler; databehandleravtalen mangler (art. 28 nr. 3), "
        "ny organisasjon)",
        "Protokoll, rad 5: Nettbutikk opprettes",
        "Protokoll, rad 5: Nettbutikk → Amerikas forente stater opprettes (Beslutning om tilstrekkelig "
        "beskyttelsesnivå (Art. 45), mottakeren er sertifisert under EU–US Data Privacy Framework)",
        "Protokoll, rad 6: Kameraovervåking opprettes",
        "Protokoll, rad 7: Sykefravær opprettes",
        "legges til som kategori av registrerte: Besøkende i butikken",
        "lest slik: Protokoll, rad 5, kolonne DPIA gjennomført (M): «Nei» er lest som DPIA-status «Ikke påbegynt».",
        "lest slik: Protokoll, rad 5, kolonne Databehandlere (I): Landet til «Mailchimp» fremgår ikke av navnet; den "
        "opprettes med Norge. Rett det på organisasjonens side.",
        "lest slik: Protokoll, rad 5, kolonne Databehandlere (I): Landet til «Klarna» fremgår ikke av navnet; den "
        "opprettes med Norge. Rett det på organisasjonens side.",
        "lest slik: Protokoll, rad 5, kolonne Sletting (K): «5 år etter utgangen av regnskapsåret» er lest som "
        "5 år fra utgangen av regnskapsåret; teksten beholdes som beskrivelse.",
        "lest slik: Protokoll, rad 6, kolonne DPIA gjennomført (M): «Ja» er lest som DPIA-status «Fullført».",
        "lest slik: Protokoll, rad 6, kolonne Sletting (K): «7 dager» er lest som 7 dager fra innsamling; teksten "
        "beholdes som beskrivelse.",
        "lest slik: Protokoll, rad 7, kolonne Sletting (K): «Slettes når oppfølgingen er avsluttet» er lest slik: "
        "ingen varighet, regnes fra annen hendelse (se beskrivelsen); teksten beholdes som beskrivelse.",
        "advarsel: Protokoll, rad 5, kolonne Overføring til tredjeland (J): Overføringen til Amerikas forente stater "
        "bygger på EU–US Data Privacy Framework, som bare gjelder sertifiserte mottakere: oppgi mottakeren på "
        "overføringens side.",
        "advarsel: Protokoll, rad 6, kolonne Behandlingsgrunnlag etter artikkel 6 (C): Art. 6(1)(f): berettigede "
        "interesser krever en dokumentert interesseavveining.",
        "advarsel: Protokoll, rad 7, kolonne Behandlingsgrunnlag etter artikkel 6 (C): Art. 6(3): en rettslig "
        "forpliktelse må angi loven som fastsetter den.",
        "Prøvekjøring: ingenting ble lagret.",
    ]
    assert not Organisation.objects.exists() and not ProcessingActivity.objects.exists()


def test_a_formula_in_the_shop_protokoll_is_refused_with_its_sheet_row_and_column_and_nothing_is_written(db, tmp_path):
    path = tmp_path / "protokoll.xlsx"
    path.write_bytes(shop_protokoll(name_in_row_6='=B6&" "&C6'))
    err = io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("import_record", str(path), "--create-missing", "--lang", "nb", stdout=io.StringIO(), stderr=err)
    assert str(refused.value) == "1 feil; ingenting ble lagret."
    # The emptied cell is not also reported as "Every activity needs a name".
    assert err.getvalue().splitlines() == [
        "feil: Protokoll, rad 6, kolonne Behandlingsaktivitet (A): cellen inneholder en formel; "
        "formler importeres ikke",
    ]
    assert not Organisation.objects.exists() and not ProcessingActivity.objects.exists()


def windows_csv() -> bytes:
    """Excel's "CSV (semikolondelt)" on a Norwegian Windows machine: Windows-1252 and semicolons."""
    text = (
        "Behandlingsansvarlig;Navn på behandling;Formål;Rettslig grunnlag;Registrerte;Personopplysninger;"
        "Mottakere;Lagringstid;Sikkerhetstiltak;Merknader\r\n"
        "Verdifull AS;Ansettelse;Vurdere søkere;b) avtale;Jobbsøkere;Navn;;6 måneder etter ansettelse;"
        "Rollebasert tilgangsstyring, Låste arkivskap;Søknader i e-post slettes først\r\n"
        "Verdifull AS;Lønn;Utbetale lønn;c) rettslig forpliktelse;Ansatte;Navn;"
        "Offentlige myndigheter når loven krever det;5 år;;\r\n"
    )
    return text.encode("cp1252")


def test_a_windows_1252_csv_with_semicolons_imports_every_cell(organisation, privacy_officer):
    plan = plan_import(windows_csv(), "behandlinger.csv")
    assert plan.errors == []
    plan.apply(privacy_officer)
    hiring = ProcessingActivity.objects.get(name="Ansettelse")
    assert hiring.organisation == organisation
    assert (hiring.purposes.get().description, hiring.purposes.get().article6) == (
        "Vurdere søkere", LegalBasis.Article6.CONTRACT,
    )
    with translation.override("nb"):
        assert names(hiring.data_subject_categories.all()) == {"Jobbsøkere"}
        assert names(hiring.security_measures.all()) == {"Rollebasert tilgangsstyring"}
    assert hiring.security_description == "Låste arkivskap"  # free text in (g) is the general description
    assert hiring.internal_notes == "Søknader i e-post slettes først"
    rule = hiring.retention_rules.get()
    assert (rule.duration, rule.unit, rule.runs_from) == (
        6, RetentionRule.Unit.MONTHS, RetentionRule.Event.END_OF_RELATIONSHIP,
    )
    pay = ProcessingActivity.objects.get(name="Lønn")
    assert pay.purposes.get().article6 == LegalBasis.Article6.LEGAL_OBLIGATION
    with translation.override("nb"):
        assert names(pay.data_subject_categories.all()) == {"Ansatte"}
        assert names(pay.recipient_categories.all()) == {"Offentlige myndigheter når loven krever det"}


@pytest.mark.parametrize(("make", "options", "expected"), [
    (datatilsynet_template, [], ["Protokoll, row 7: create Kundeadministrasjon", "matched by organisation number"]),
    (imy_template, [], ["Registerförteckning, row 3: create Nyhetsbrev", "→ United States of America",
                        "warning: Registerförteckning, row 3"]),
    (ico_template, ["--organisation", "Verdifull AS"], ["Controller, row 2: create Occupational health",
                                                        "Rights available to individuals"]),
    (handmade_norwegian_sheet, [], ["Protokoll, row 2: create Fjellsport AS", "create Nettbutikkleverandøren",
                                    "“kunde” taken as the existing category of data subjects “Customers”"]),
    (windows_csv, [], ["behandlinger, row 2: create Ansettelse", "behandlinger, row 3: create Lønn"]),
])
def test_the_dry_run_of_each_workbook_reports_what_it_will_do_and_writes_nothing(
    organisation, tmp_path, make, options, expected,
):
    path = tmp_path / ("behandlinger.csv" if make is windows_csv else "sheet.xlsx")
    path.write_bytes(make())
    out = io.StringIO()
    with translation.override("en"):
        call_command("import_record", str(path), "--dry-run", "--create-missing", *options, stdout=out)
    report = out.getvalue()
    for line in expected:
        assert line in report
    assert "Dry run: nothing was written." in report
    assert not ProcessingActivity.objects.exists()
