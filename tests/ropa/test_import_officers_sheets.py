"""Three protokolls written as their officers write them, with headings we wrote no synonyms for (issue 26).

A Norwegian bakery's (the case issue 26 describes: a footnote under the table, allergies, Mailchimp and Wolt among
the recipients, "E-postadresse" and "Kryptering" beside the seeded vocabulary, an address, phone and "Sist
oppdatert" in the title rows), a Swedish shop's and a Danish one's. Each is imported and compared field by field,
with what the dry run says it took each column for, what it skipped and what it would create.
"""

import datetime

from django.utils import translation

from ropa.imports import plan_import
from ropa.models import (
    DataSubjectCategory,
    ImportLayout,
    LegalBasis,
    Organisation,
    PersonalDataCategory,
    ProcessingActivity,
    RecipientCategory,
    RetentionRule,
    SecurityMeasure,
    Transfer,
    YesNoUnknown,
)
from tests.ropa.test_import_workbooks import workbook

Status = ProcessingActivity.Status
Event = RetentionRule.Event


def bakery() -> bytes:
    return workbook([
        ["Protokoll over behandlingsaktiviteter – Bakeriet Solsiden AS"],
        ["Adresse: Storgata 12, 0155 Oslo"],
        ["Telefon: 22 33 44 55"],
        ["Sist oppdatert: 03.02.2025"],
        [],
        ["Behandling", "Hva bruker vi opplysningene til?", "Grunnlag", "Hvem gjelder det?", "Hvilke opplysninger?",
         "Hvem får opplysningene?", "Hvor lenge tar vi vare på det?", "Sendes det ut av EU/EØS?",
         "Har vi vurdert personvernkonsekvenser?", "Sikkerhet"],
        ["Nettbestillinger", "Ta imot og levere bestillinger av kaker", "b) avtale", "Kunder",
         "Navn, E-postadresse, Telefon, allergier", "Wolt", "5 år etter utgangen av regnskapsåret", "Nei", "Nei",
         "Kryptering"],
        ["Nyhetsbrev", "Sende tilbud på e-post", "a) samtykke", "Abonnenter på nyhetsbrev", "Navn, e-post",
         "Mailchimp", "Til samtykket trekkes tilbake", "Ja – USA", "Nei", "Tofaktorautentisering"],
        ["Kameraovervåking", "Forebygge innbrudd og tyveri", "f) berettiget interesse", "Besøkende",
         "Bilder og video", "", "7 dager", "Nei", "Ja", "Tilgangsstyring"],
        ["Sykefravær", "Følge opp sykefravær", "c) rettslig forpliktelse", "Ansatte", "Sykefravær, diagnose",
         "NAV", "Slettes når arbeidsforholdet opphører", "Nei", "Ja", "Tilgangsstyring", None,
         "Sjekk med regnskapsfører"],
        [],
        ["* Kamera: skilt ved inngangen, opptak slettes etter 7 dager"],
        ["Totalt 4 behandlinger"],
    ], title="Protokoll")


def notes_for(plan, column: str) -> list[str]:
    """What the dry run says it took a column for."""
    return [note.reason for note in plan.notes if note.column == column and note.reason.startswith(
        ("Heading not known", "Taken as", "Kolumnrubriken", "Overskriften"),
    )]


def names(queryset, language: str = "nb") -> set[str]:
    with translation.override(language):
        return {str(item) for item in queryset}


def test_the_bakerys_dry_run_says_what_it_took_each_question_heading_for_and_why(db):
    with translation.override("en"):
        plan = plan_import(bakery(), "bakeri.xlsx", create_missing=True)
    assert plan.errors == []
    taken = {
        "Hva bruker vi opplysningene til? (B)": "Purposes",
        "Grunnlag (C)": "Legal bases",
        "Hvem gjelder det? (D)": "Categories of data subjects",
        "Hvilke opplysninger? (E)": "Categories of personal data",
        "Hvem får opplysningene? (F)": "Categories of recipients",
        "Hvor lenge tar vi vare på det? (G)": "retention",
        "Sendes det ut av EU/EØS? (H)": "Transfers",
        "Har vi vurdert personvernkonsekvenser? (I)": "DPIA",
        "Sikkerhet (J)": "security",
    }
    for column, field in taken.items():
        [reason] = notes_for(plan, column)
        assert "Heading not known; taken as" in reason and field.casefold() in reason.casefold(), (column, reason)
    assert "name a legal basis (“b) avtale”)" in notes_for(plan, "Grunnlag (C)")[0]
    assert "give a retention period" in notes_for(plan, "Hvor lenge tar vi vare på det? (G)")[0]
    assert "its heading's words" in notes_for(plan, "Hva bruker vi opplysningene til? (B)")[0]
    # Never invents: the footnote and the total are no activities; the cell beside the table is left out, said.
    skipped = [(problem.row, problem.column, problem.reason) for problem in plan.skipped]
    assert (10, "L", "Cell beside the table, under no heading, left out: Sjekk med regnskapsfører") in skipped
    assert any(row == 12 and "one filled cell" in reason and "* Kamera" in reason for row, _c, reason in skipped)
    assert any(row == 13 and "Totalt 4" in reason for row, _c, reason in skipped)
    created = [row.label for row in plan.rows if row.action == "create"]
    assert not any("Kamera: skilt" in label for label in created)
    # Mailchimp and Wolt are processors with a warning, not recipient categories.
    warned = [w.reason for w in plan.warnings if w.column == "Hvem får opplysningene? (F)"]
    assert any("“Wolt” names an organisation" in reason for reason in warned)
    assert any("“Mailchimp” names an organisation" in reason for reason in warned)
    # Every entry it would create, with the nearest existing one to map it to.
    with translation.override("en"):
        new = {entry.name: {str(found) for found in nearest} for entry, _kind, nearest in plan.new_entry_rows}
    assert new["Kryptering"] == {"Encryption at rest", "Encryption in transit (TLS)"}
    assert new["Besøkende"] == {"Website visitors"}
    assert "E-postadresse" not in new and "e-post" not in new and "allergier" not in new
    assert "Wolt" not in new and "Mailchimp" not in new


def test_the_bakery_imports_field_by_field_and_stays_incomplete_where_the_law_needs_more(db, privacy_officer):
    with translation.override("en"):
        plan = plan_import(bakery(), "bakeri.xlsx", create_missing=True,
                           entry_map={"Kryptering": "Kryptering av lagrede data"})
    assert plan.errors == []
    plan.apply(privacy_officer)
    bakery_org = Organisation.objects.get(name="Bakeriet Solsiden AS")
    assert (bakery_org.address, bakery_org.phone, bakery_org.role) == (
        "Storgata 12, 0155 Oslo", "22 33 44 55", Organisation.Role.CONTROLLER,
    )
    assert ImportLayout.objects.get().sheet_updated == datetime.date(2025, 2, 3)
    assert set(ProcessingActivity.objects.values_list("name", flat=True)) == {
        "Nettbestillinger", "Nyhetsbrev", "Kameraovervåking", "Sykefravær",
    }

    orders = ProcessingActivity.objects.get(name="Nettbestillinger")
    assert orders.organisation == bakery_org
    [purpose] = orders.purposes.all()
    assert (purpose.description, purpose.article6) == (
        "Ta imot og levere bestillinger av kaker", LegalBasis.Article6.CONTRACT,
    )
    assert names(orders.data_subject_categories.all()) == {"Kunder"}
    # "allergier" is health data (Art. 9(1)): the activity is a draft until an Art. 9(2) condition is given.
    assert names(orders.personal_data_categories.all()) == {
        "Navn", "Kontaktopplysninger (e-post, telefon)", "Helseopplysninger",
    }
    assert orders.status == Status.DRAFT
    assert names(orders.security_measures.all()) == {"Kryptering av lagrede data"}
    assert not SecurityMeasure.objects.filter(name="Kryptering").exists()
    assert [use.processor.name for use in orders.processor_uses.all()] == ["Wolt"]
    assert orders.processor_uses.get().processor.dpa_status == "missing"
    assert orders.recipient_categories.count() == 0
    [rule] = orders.retention_rules.all()
    assert (rule.duration, rule.unit, rule.runs_from) == (5, RetentionRule.Unit.YEARS, Event.END_OF_FINANCIAL_YEAR)
    assert (orders.transfers_outside_eea, orders.dpia_required) == (YesNoUnknown.NO, YesNoUnknown.NO)

    newsletter = ProcessingActivity.objects.get(name="Nyhetsbrev")
    assert newsletter.purposes.get().article6 == LegalBasis.Article6.CONSENT
    assert names(newsletter.personal_data_categories.all()) == {"Navn", "Kontaktopplysninger (e-post, telefon)"}
    assert names(newsletter.data_subject_categories.all()) == {"Abonnenter på nyhetsbrev"}
    assert newsletter.retention_rules.get().runs_from == Event.CONSENT_WITHDRAWN
    # "Ja – USA" names no safeguard: the answer is kept, the transfer is left to the officer with a warning (Art. 44).
    assert newsletter.transfers_outside_eea == YesNoUnknown.YES
    assert not Transfer.objects.filter(activity=newsletter).exists()
    assert any("The transfer to US is not recorded yet" in w.reason for w in plan.warnings if w.row == 8)

    camera = ProcessingActivity.objects.get(name="Kameraovervåking")
    assert camera.purposes.get().article6 == LegalBasis.Article6.LEGITIMATE_INTERESTS
    assert camera.dpia_required == YesNoUnknown.YES
    assert (camera.retention_rules.get().duration, camera.retention_rules.get().unit) == (7, RetentionRule.Unit.DAYS)
    visitors = DataSubjectCategory.objects.get(name_nb="Besøkende")  # stored in the sheet's language
    assert names(camera.data_subject_categories.all()) == {"Besøkende"}
    assert visitors.name_sv == ""

    sick_leave = ProcessingActivity.objects.get(name="Sykefravær")
    assert names(sick_leave.personal_data_categories.all()) == {"Helseopplysninger"}
    assert sick_leave.status == Status.DRAFT
    assert sick_leave.retention_rules.get().runs_from == Event.END_OF_RELATIONSHIP
    assert names(sick_leave.recipient_categories.all()) == {"NAV"}
    assert RecipientCategory.objects.get(name="NAV").name_nb == "NAV"
    assert "Sjekk med regnskapsfører" not in sick_leave.internal_notes
    assert not PersonalDataCategory.objects.filter(name__in=["E-postadresse", "e-post", "allergier", "diagnose"])


def test_a_column_mapped_by_hand_is_remembered_for_the_next_import_of_the_same_layout(organisation, privacy_officer):
    rows = [
        ["Behandling", "Hva bruker vi opplysningene til?", "Grunnlag", "Hvem hjelper oss?"],
        ["Regnskap", "Føre regnskapet", "c) rettslig forpliktelse", "Fiken"],
    ]
    with translation.override("en"):
        plan = plan_import(workbook(rows), "a.xlsx", create_missing=True,
                           column_map={"Hvem hjelper oss?": "processors"})
    assert notes_for(plan, "Hvem hjelper oss? (D)") == ["Taken as “Processors and DPA status”, as mapped by hand."]
    plan.apply(privacy_officer)
    layout = ImportLayout.objects.get()
    assert layout.columns == {"hvem hjelper oss": "processors"} and layout.history.count() == 1
    rows[1][0] = "Lønn"
    with translation.override("en"):
        again = plan_import(workbook(rows), "b.xlsx", create_missing=True)
    assert notes_for(again, "Hvem hjelper oss? (D)") == [
        "Taken as “Processors and DPA status”, as mapped at an earlier import of this layout."
    ]
    again.apply(privacy_officer)
    assert [u.processor.name for u in ProcessingActivity.objects.get(name="Lønn").processor_uses.all()] == ["Fiken"]


def test_a_mapping_to_no_field_is_refused_with_the_fields_to_choose_from(db):
    import pytest

    from ropa.imports import ImportFileError

    with translation.override("en"), pytest.raises(ImportFileError, match="“helpers” .* is not a field"):
        plan_import(workbook([["Behandling", "Formål"], ["A", "B"]]), "a.xlsx", column_map={"Formål": "helpers"})


def swedish_shop() -> bytes:
    return workbook([
        ["Registerförteckning – Lilla Butiken AB"],
        ["Adress: Storgatan 5, 111 22 Stockholm"],
        ["Senast uppdaterad: 2025-03-01"],
        ["Behandling", "Varför använder vi uppgifterna?", "Laglig grund", "Vems uppgifter?", "Vilka uppgifter?",
         "Vem får uppgifterna?", "Hur länge sparar vi dem?", "Skickas de utanför EU/EES?",
         "Har vi gjort en konsekvensbedömning?"],
        ["Webbutik", "Leverera beställningar", "avtal", "Kunder", "Namn, Adress, E-post", "PostNord",
         "7 år efter räkenskapsårets slut", "Nej", "Nej"],
        ["Kundklubb", "Skicka erbjudanden", "samtycke", "Kunder", "Namn, E-post", "Klaviyo",
         "Tills samtycket återkallas", "Ja – USA (standardavtalsklausuler)", "Nej"],
        ["Personal", "Lön och sjukfrånvaro", "rättslig förpliktelse", "Anställda",
         "Namn, Personnummer, Sjukfrånvaro", "Fortnox AB", "Till anställningen upphör", "Nej", "Ja"],
        ["Summa: 3 behandlingar"],
        ["Not: uppdateras varje år"],
    ], title="Förteckning")


def test_a_swedish_shops_own_sheet_imports_field_by_field(db, privacy_officer):
    with translation.override("en"):
        plan = plan_import(swedish_shop(), "forteckning.xlsx", create_missing=True)
    assert plan.errors == []
    for column in ("Varför använder vi uppgifterna? (B)", "Vems uppgifter? (D)", "Vilka uppgifter? (E)",
                   "Vem får uppgifterna? (F)", "Hur länge sparar vi dem? (G)", "Skickas de utanför EU/EES? (H)",
                   "Har vi gjort en konsekvensbedömning? (I)"):
        assert len(notes_for(plan, column)) == 1, column
    assert [problem.row for problem in plan.skipped] == [8, 9]
    with translation.override("sv"):
        new = {entry.name: {str(found) for found in nearest} for entry, _kind, nearest in plan.new_entry_rows}
    assert new == {"Adress": {"Post- och leveransadress", "IP-adress och enhetsidentifierare"}}
    plan.apply(privacy_officer)
    shop = Organisation.objects.get(name="Lilla Butiken AB")
    assert (str(shop.country), shop.address) == ("SE", "Storgatan 5, 111 22 Stockholm")
    assert ImportLayout.objects.get().sheet_updated == datetime.date(2025, 3, 1)
    web = ProcessingActivity.objects.get(name="Webbutik")
    assert web.purposes.get().article6 == LegalBasis.Article6.CONTRACT
    assert names(web.personal_data_categories.all(), "sv") == {"Namn", "Adress", "Kontaktuppgifter (e-post, telefon)"}
    assert PersonalDataCategory.objects.get(name="Adress").name_sv == "Adress"
    assert [use.processor.name for use in web.processor_uses.all()] == ["PostNord"]
    assert web.retention_rules.get().runs_from == Event.END_OF_FINANCIAL_YEAR
    club = ProcessingActivity.objects.get(name="Kundklubb")
    assert club.retention_rules.get().runs_from == Event.CONSENT_WITHDRAWN
    # SCCs without their module cannot be recorded yet (Art. 46(2)(c)): the answer is kept, the officer warned.
    assert club.transfers_outside_eea == YesNoUnknown.YES
    assert any("The transfer to US is not recorded yet" in w.reason for w in plan.warnings if w.row == 6)
    assert [use.processor.name for use in club.processor_uses.all()] == ["Klaviyo"]
    staff = ProcessingActivity.objects.get(name="Personal")
    assert names(staff.personal_data_categories.all(), "sv") == {"Namn", "Personnummer", "Hälsouppgifter"}
    assert staff.status == Status.DRAFT  # sick leave is health data: Art. 9(2) condition missing
    assert [use.processor.name for use in staff.processor_uses.all()] == ["Fortnox AB"]
    assert (staff.dpia_required, staff.retention_rules.get().runs_from) == (YesNoUnknown.YES, Event.END_OF_RELATIONSHIP)


def danish_shop() -> bytes:
    return workbook([
        ["Fortegnelse over behandlingsaktiviteter – Hyggebutikken ApS"],
        ["Adresse: Nørregade 10, 1165 København K", None, "Telefon: +45 33 12 34 56"],
        ["Sidst opdateret:", datetime.date(2025, 1, 15)],
        [],
        ["Aktivitet", "Hvad bruger vi oplysningerne til?", "Retsgrundlag", "Hvem handler det om?",
         "Hvilke oplysninger?", "Hvem modtager dem?", "Hvor længe gemmer vi dem?", "Sendes de uden for EU/EØS?",
         "Har vi lavet en konsekvensanalyse?"],
        ["Webshop", "Levere ordrer", "kontrakt", "Kunder", "Navn, E-mail", "Bring", "5 år fra regnskabsårets udløb",
         "Nej", "Nej"],
        ["Nyhedsbrev", "Sende tilbud", "samtykke", "Nyhedsbrevsabonnenter", "Navn, E-mail", "Mailchimp",
         "Indtil samtykket tilbagekaldes", "Ja – USA", "Nej"],
        ["Personale", "Løn og sygefravær", "retlig forpligtelse", "Medarbejdere",
         "Navn, Sygefravær, Fagforening", "Dataløn ApS", "5 år efter ansættelsens ophør", "Nej", "Nej"],
        [None, None, None, None, None, None, None, None, None, None, "Bemærk: opdateres årligt"],
    ], title="Fortegnelse")


def test_a_danish_shops_own_sheet_imports_field_by_field(db, privacy_officer):
    with translation.override("en"):
        plan = plan_import(danish_shop(), "fortegnelse.xlsx", create_missing=True)
    assert plan.errors == []
    assert len(plan.notes) >= 8
    assert [(problem.row, "only cells beside the table" in problem.reason) for problem in plan.skipped] == [(9, True)]
    new = {entry.name for entry, _kind, _nearest in plan.new_entry_rows}
    assert new == {"Nyhedsbrevsabonnenter", "Medarbejdere"}
    plan.apply(privacy_officer)
    shop = Organisation.objects.get(name="Hyggebutikken ApS")
    assert (str(shop.country), shop.address, shop.phone) == ("DK", "Nørregade 10, 1165 København K", "+45 33 12 34 56")
    assert ImportLayout.objects.get().sheet_updated == datetime.date(2025, 1, 15)
    web = ProcessingActivity.objects.get(name="Webshop")
    assert web.purposes.get().article6 == LegalBasis.Article6.CONTRACT
    assert names(web.personal_data_categories.all(), "en") == {"Name", "Contact details (e-mail, phone)"}
    assert [use.processor.name for use in web.processor_uses.all()] == ["Bring"]
    assert (web.retention_rules.get().duration, web.retention_rules.get().runs_from) == (
        5, Event.END_OF_FINANCIAL_YEAR,
    )
    news = ProcessingActivity.objects.get(name="Nyhedsbrev")
    assert news.retention_rules.get().runs_from == Event.CONSENT_WITHDRAWN
    assert news.transfers_outside_eea == YesNoUnknown.YES
    staff = ProcessingActivity.objects.get(name="Personale")
    assert staff.purposes.get().article6 == LegalBasis.Article6.LEGAL_OBLIGATION
    assert names(staff.personal_data_categories.all(), "en") == {"Name", "Health data", "Trade union membership"}
    assert staff.status == Status.DRAFT
    assert [use.processor.name for use in staff.processor_uses.all()] == ["Dataløn ApS"]
    # Danish has no label of its own: the word is the entry's name, never put in the Norwegian or Swedish label.
    staff_category = DataSubjectCategory.objects.get(name="Medarbejdere")
    assert (staff_category.name_nb, staff_category.name_sv) == ("", "")
