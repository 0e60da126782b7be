"""The record's spreadsheet layouts: which sheets, which columns in which order, and their headings.

Headings are fixed legal wording, so they live here as data per language rather than in the .po
files: an export for Datatilsynet reads exactly the same whatever the state of the translations.
The Norwegian headings follow Datatilsynet's wording of Art. 30(1)(a)–(g); the Swedish ones follow
the Swedish text of the Regulation (IMY's wording).

Imports read the same headings in any language, plus the headings of the templates companies keep
today (Datatilsynet's and the ICO's), listed in TEMPLATE_HEADINGS.
"""

from dataclasses import dataclass

LANGUAGES = ("nb", "en", "sv")
DEFAULT_LANGUAGE = "nb"


@dataclass(frozen=True)
class Column:
    """One column of a sheet: `kind` says how its cells are written and read back."""

    key: str
    kind: str = "text"  # text, list (one value a line), date, number, derived (export only)
    width: int = 30


_CONTROLLER = Column("controller", width=28)
_ACTIVITY = Column("activity", width=32)

# Sheet keys in workbook order; each sheet's columns in order. Activities follow Art. 30(1)(a)–(g),
# then the fields authorities' templates recommend (gdpr-reference section 1).
SHEETS: dict[str, list[Column]] = {
    "controllers": [
        Column("name", width=32),
        Column("role", width=22),
        Column("organisation_number", width=18),
        Column("country", width=16),
        Column("address", width=32),
        Column("email", width=30),
        Column("phone", width=16),
        Column("website", width=28),
        Column("representative", width=28),
        Column("representative_contact", kind="derived", width=36),
        Column("dpo_name", width=26),
        Column("dpo_email", width=30),
        Column("dpo_phone", width=16),
    ],
    "activities": [
        # (a)
        _CONTROLLER,
        Column("name", width=32),
        Column("joint_controllers", kind="list", width=28),
        Column("description", width=40),
        # (b)
        Column("purposes", kind="derived", width=45),
        # (c)
        Column("data_subjects", kind="list", width=32),
        Column("personal_data", kind="list", width=36),
        # (d)
        Column("recipients", kind="list", width=36),
        Column("recipients_detail", width=36),
        # (e)
        Column("transfers", width=30),
        # (f)
        Column("retention", kind="derived", width=45),
        # (g)
        Column("security", kind="list", width=45),
        Column("security_detail", width=40),
        # recommended
        Column("legal_bases", kind="derived", width=50),
        Column("source", width=24),
        Column("source_detail", width=32),
        Column("systems", kind="list", width=28),
        Column("high_risk", width=18),
        Column("dpia_required", width=18),
        Column("dpia_status", width=18),
        Column("dpia_link", width=30),
        Column("automated_decisions", width=18),
        Column("profiling", width=14),
        Column("automated_detail", width=36),
        Column("department", width=20),
        Column("owner", width=24),
        Column("status", width=14),
        Column("last_reviewed", kind="date", width=14),
        Column("next_review", kind="date", width=14),
    ],
    "purposes": [
        _CONTROLLER,
        _ACTIVITY,
        Column("purpose", width=45),
        Column("article6", width=36),
        Column("article9", width=36),
        Column("article10", width=36),
        Column("legal_reference", width=30),
        Column("balancing_test", width=40),
        Column("consent_record", width=30),
    ],
    "retention": [
        _CONTROLLER,
        _ACTIVITY,
        Column("personal_data", width=32),
        Column("duration", kind="number", width=12),
        Column("unit", width=12),
        Column("runs_from", width=30),
        Column("legal_reference", width=30),
        Column("description", width=40),
    ],
    "processor_record": [
        Column("processor", width=28),
        Column("client", width=28),
        Column("name", width=32),
        Column("categories_of_processing", width=45),
        Column("data_subjects", kind="list", width=32),
        Column("personal_data", kind="list", width=36),
        Column("transfers", width=24),
        Column("transfers_detail", width=40),
        Column("security", kind="list", width=45),
        Column("security_detail", width=40),
    ],
}

SHEET_TITLES = {
    "nb": {
        "controllers": "Behandlingsansvarlig",
        "activities": "Behandlingsaktiviteter",
        "purposes": "Formål og behandlingsgrunnlag",
        "retention": "Sletting",
        "processor_record": "Databehandlerprotokoll",
    },
    "en": {
        "controllers": "Controller",
        "activities": "Processing activities",
        "purposes": "Purposes and legal bases",
        "retention": "Erasure",
        "processor_record": "Processor's record",
    },
    "sv": {
        "controllers": "Personuppgiftsansvarig",
        "activities": "Behandlingar",
        "purposes": "Ändamål och rättslig grund",
        "retention": "Radering",
        "processor_record": "Register som biträde",
    },
}

HEADINGS: dict[str, dict[str, dict[str, str]]] = {
    "nb": {
        "controllers": {
            "name": "Navn",
            "role": "Rolle",
            "organisation_number": "Organisasjonsnummer",
            "country": "Land",
            "address": "Postadresse",
            "email": "E-post",
            "phone": "Telefon",
            "website": "Nettsted",
            "representative": "Representant",
            "representative_contact": "Representantens kontaktopplysninger",
            "dpo_name": "Personvernombud",
            "dpo_email": "Personvernombudets e-post",
            "dpo_phone": "Personvernombudets telefon",
        },
        "activities": {
            "controller": "Behandlingsansvarlig",
            "name": "Behandlingsaktivitet",
            "joint_controllers": "Felles behandlingsansvarlige",
            "description": "Beskrivelse",
            "purposes": "Formålene med behandlingen",
            "data_subjects": "Kategorier av registrerte",
            "personal_data": "Kategorier av personopplysninger",
            "recipients": "Kategorier av mottakere",
            "recipients_detail": "Mottakere, nærmere beskrevet",
            "transfers": "Overføringer til tredjestater",
            "retention": "Planlagte tidsfrister for sletting",
            "security": "Generell beskrivelse av tekniske og organisatoriske sikkerhetstiltak",
            "security_detail": "Sikkerhetstiltak, nærmere beskrevet",
            "legal_bases": "Behandlingsgrunnlag (art. 6, 9 og 10)",
            "source": "Kilde til opplysningene",
            "source_detail": "Kilde, nærmere beskrevet",
            "systems": "Systemer",
            "high_risk": "Kan behandlingen innebære høy personvernrisiko?",
            "dpia_required": "Vurdering av personvernkonsekvenser (DPIA) påkrevd",
            "dpia_status": "Status for DPIA",
            "dpia_link": "Lenke til DPIA",
            "automated_decisions": "Automatiserte avgjørelser (art. 22)",
            "profiling": "Profilering",
            "automated_detail": "Logikk og konsekvenser av automatiserte avgjørelser",
            "department": "Avdeling",
            "owner": "Ansvarlig",
            "status": "Status",
            "last_reviewed": "Sist gjennomgått",
            "next_review": "Neste gjennomgang",
        },
        "purposes": {
            "controller": "Behandlingsansvarlig",
            "activity": "Behandlingsaktivitet",
            "purpose": "Formål",
            "article6": "Behandlingsgrunnlag (art. 6)",
            "article9": "Unntak for særlige kategorier (art. 9)",
            "article10": "Grunnlag for opplysninger om straffbare forhold (art. 10)",
            "legal_reference": "Rettslig grunnlag (hjemmel)",
            "balancing_test": "Interesseavveining",
            "consent_record": "Hvor samtykket er dokumentert",
        },
        "retention": {
            "controller": "Behandlingsansvarlig",
            "activity": "Behandlingsaktivitet",
            "personal_data": "Kategori av personopplysninger",
            "duration": "Varighet",
            "unit": "Enhet",
            "runs_from": "Regnes fra",
            "legal_reference": "Rettslig grunnlag (hjemmel)",
            "description": "Beskrivelse",
        },
        "processor_record": {
            "processor": "Databehandler",
            "client": "Behandlingsansvarlig vi behandler på vegne av",
            "name": "Behandlingsaktivitet",
            "categories_of_processing": "Kategorier av behandling utført på vegne av den behandlingsansvarlige",
            "data_subjects": "Kategorier av registrerte",
            "personal_data": "Kategorier av personopplysninger",
            "transfers": "Overføringer til tredjestater",
            "transfers_detail": "Overføringer og garantier, nærmere beskrevet",
            "security": "Generell beskrivelse av tekniske og organisatoriske sikkerhetstiltak",
            "security_detail": "Sikkerhetstiltak, nærmere beskrevet",
        },
    },
    "en": {
        "controllers": {
            "name": "Name",
            "role": "Role",
            "organisation_number": "Organisation number",
            "country": "Country",
            "address": "Postal address",
            "email": "E-mail",
            "phone": "Phone",
            "website": "Website",
            "representative": "Representative (Art. 27)",
            "representative_contact": "Representative's contact details",
            "dpo_name": "Data protection officer",
            "dpo_email": "DPO e-mail",
            "dpo_phone": "DPO phone",
        },
        "activities": {
            "controller": "Controller",
            "name": "Processing activity",
            "joint_controllers": "Joint controllers",
            "description": "Description",
            "purposes": "Purposes of the processing",
            "data_subjects": "Categories of data subjects",
            "personal_data": "Categories of personal data",
            "recipients": "Categories of recipients",
            "recipients_detail": "Recipients, in detail",
            "transfers": "Transfers to third countries or international organisations",
            "retention": "Envisaged time limits for erasure",
            "security": "General description of technical and organisational security measures",
            "security_detail": "Security measures, in detail",
            "legal_bases": "Legal bases (Art. 6, 9 and 10)",
            "source": "Source of the data",
            "source_detail": "Source, in detail",
            "systems": "Systems",
            "high_risk": "Could the processing involve high risk?",
            "dpia_required": "DPIA required (Art. 35)",
            "dpia_status": "DPIA status",
            "dpia_link": "Link to the DPIA",
            "automated_decisions": "Automated decision-making (Art. 22)",
            "profiling": "Profiling",
            "automated_detail": "Logic and consequences of automated decisions",
            "department": "Department",
            "owner": "Owner",
            "status": "Status",
            "last_reviewed": "Last reviewed",
            "next_review": "Next review",
        },
        "purposes": {
            "controller": "Controller",
            "activity": "Processing activity",
            "purpose": "Purpose",
            "article6": "Legal basis (Art. 6)",
            "article9": "Condition for special categories (Art. 9)",
            "article10": "Basis for criminal offence data (Art. 10)",
            "legal_reference": "Legal reference",
            "balancing_test": "Balancing test (legitimate interests)",
            "consent_record": "Where consent is recorded",
        },
        "retention": {
            "controller": "Controller",
            "activity": "Processing activity",
            "personal_data": "Category of personal data",
            "duration": "Duration",
            "unit": "Unit",
            "runs_from": "Counted from",
            "legal_reference": "Legal reference",
            "description": "Description",
        },
        "processor_record": {
            "processor": "Processor",
            "client": "Controller we act for",
            "name": "Processing activity",
            "categories_of_processing": "Categories of processing carried out on behalf of the controller",
            "data_subjects": "Categories of data subjects",
            "personal_data": "Categories of personal data",
            "transfers": "Transfers to third countries or international organisations",
            "transfers_detail": "Transfers and safeguards, in detail",
            "security": "General description of technical and organisational security measures",
            "security_detail": "Security measures, in detail",
        },
    },
    "sv": {
        "controllers": {
            "name": "Namn",
            "role": "Roll",
            "organisation_number": "Organisationsnummer",
            "country": "Land",
            "address": "Postadress",
            "email": "E-post",
            "phone": "Telefon",
            "website": "Webbplats",
            "representative": "Företrädare",
            "representative_contact": "Företrädarens kontaktuppgifter",
            "dpo_name": "Dataskyddsombud",
            "dpo_email": "Dataskyddsombudets e-post",
            "dpo_phone": "Dataskyddsombudets telefon",
        },
        "activities": {
            "controller": "Personuppgiftsansvarig",
            "name": "Behandling",
            "joint_controllers": "Gemensamt personuppgiftsansvariga",
            "description": "Beskrivning",
            "purposes": "Ändamålen med behandlingen",
            "data_subjects": "Kategorier av registrerade",
            "personal_data": "Kategorier av personuppgifter",
            "recipients": "Kategorier av mottagare",
            "recipients_detail": "Mottagare, närmare beskrivet",
            "transfers": "Överföringar till tredjeland eller internationella organisationer",
            "retention": "Förutsedda tidsfrister för radering",
            "security": "Allmän beskrivning av tekniska och organisatoriska säkerhetsåtgärder",
            "security_detail": "Säkerhetsåtgärder, närmare beskrivet",
            "legal_bases": "Rättslig grund (art. 6, 9 och 10)",
            "source": "Källa till uppgifterna",
            "source_detail": "Källa, närmare beskrivet",
            "systems": "System",
            "high_risk": "Kan behandlingen innebära hög risk?",
            "dpia_required": "Konsekvensbedömning (DPIA) krävs",
            "dpia_status": "Status för konsekvensbedömning",
            "dpia_link": "Länk till konsekvensbedömningen",
            "automated_decisions": "Automatiserat beslutsfattande (art. 22)",
            "profiling": "Profilering",
            "automated_detail": "Logik och konsekvenser av automatiserade beslut",
            "department": "Avdelning",
            "owner": "Ansvarig",
            "status": "Status",
            "last_reviewed": "Senast granskad",
            "next_review": "Nästa granskning",
        },
        "purposes": {
            "controller": "Personuppgiftsansvarig",
            "activity": "Behandling",
            "purpose": "Ändamål",
            "article6": "Rättslig grund (art. 6)",
            "article9": "Undantag för känsliga personuppgifter (art. 9)",
            "article10": "Grund för uppgifter om lagöverträdelser (art. 10)",
            "legal_reference": "Lagstöd",
            "balancing_test": "Intresseavvägning",
            "consent_record": "Var samtycket dokumenteras",
        },
        "retention": {
            "controller": "Personuppgiftsansvarig",
            "activity": "Behandling",
            "personal_data": "Kategori av personuppgifter",
            "duration": "Varaktighet",
            "unit": "Enhet",
            "runs_from": "Räknas från",
            "legal_reference": "Lagstöd",
            "description": "Beskrivning",
        },
        "processor_record": {
            "processor": "Personuppgiftsbiträde",
            "client": "Personuppgiftsansvarig vi behandlar för",
            "name": "Behandling",
            "categories_of_processing": "Kategorier av behandling som utförs för den personuppgiftsansvariges räkning",
            "data_subjects": "Kategorier av registrerade",
            "personal_data": "Kategorier av personuppgifter",
            "transfers": "Överföringar till tredjeland eller internationella organisationer",
            "transfers_detail": "Överföringar och skyddsåtgärder, närmare beskrivet",
            "security": "Allmän beskrivning av tekniska och organisatoriska säkerhetsåtgärder",
            "security_detail": "Säkerhetsåtgärder, närmare beskrivet",
        },
    },
}

# Headings of the spreadsheets companies keep today, matched case- and space-insensitively (text in
# brackets and a trailing "?" or ":" are ignored). Datatilsynet's template uses the Regulation's
# Norwegian wording with small variations; the ICO's template has one column per item.
TEMPLATE_HEADINGS: dict[str, dict[str, list[str]]] = {
    "activities": {
        "controller": ["Navn og kontaktopplysninger til behandlingsansvarlig", "Name of controller"],
        "name": [
            "Behandling", "Navn på behandlingen", "Behandlingens navn", "Behandlingsaktiviteter",
            "Activity", "Name of the processing activity", "Processing activities",
        ],
        "joint_controllers": [
            "Felles behandlingsansvarlig", "Name and contact details of joint controller", "Joint controller",
        ],
        "department": ["Business function", "Avdeling/enhet", "Enhet"],
        "purposes": [
            "Formålet med behandlingen", "Formål med behandlingen", "Formål", "Purpose of processing",
            "Purposes of processing", "Purpose", "Purposes",
        ],
        "data_subjects": [
            "Kategorier registrerte", "Registrerte", "Categories of individuals",
            "Beskrivelse av kategorier av registrerte",
        ],
        "personal_data": [
            "Kategorier personopplysninger", "Personopplysninger", "Typer personopplysninger",
            "Beskrivelse av kategorier av personopplysninger",
        ],
        "recipients": [
            "Mottakere", "Kategorier av mottakere som personopplysningene er blitt eller vil bli utlevert til",
            "Recipients",
        ],
        "transfers": [
            "Overføring til tredjeland", "Overføringer til tredjeland", "Overføring til tredjestat",
            "Overføringer til tredjestat", "Tredjeland",
            "Names of third countries or international organisations that personal data are transferred to",
            "Transfers to third countries",
        ],
        "retention": [
            "Sletting", "Slettefrist", "Slettefrister", "Lagringstid", "Oppbevaringstid",
            "Tidsfrister for sletting",
            "Planlagte tidsfrister for sletting av de forskjellige kategoriene av opplysninger",
            "Retention schedule", "Retention period", "Time limits for erasure",
        ],
        "security": [
            "Sikkerhetstiltak", "Tekniske og organisatoriske sikkerhetstiltak",
            "Generell beskrivelse av de tekniske og organisatoriske sikkerhetstiltakene",
            "General description of technical and organisational security measures",
            "Technical and organisational security measures", "Security measures",
        ],
        "legal_bases": ["Behandlingsgrunnlag", "Rettslig grunnlag", "Lawful basis", "Legal basis", "Legal bases"],
        "article6": ["Article 6 lawful basis for processing personal data", "Article 6 lawful basis"],
        "article9": ["Article 9 basis for processing special category data", "Article 9 condition"],
        "article10": ["Article 10 basis for processing criminal offence data"],
        "balancing_test": [
            "Legitimate interests for the processing",
            "Link to record of legitimate interests assessment", "Interesseavveining",
        ],
        "consent_record": ["Link to record of consent", "Samtykke dokumentert"],
        "legal_reference": ["Hjemmel", "Rettslig grunnlag (hjemmel)", "Legal reference"],
        "source": ["Source of personal data", "Kilde", "Kilde til personopplysningene"],
        "systems": ["Location of personal data", "Systemer", "System", "Lagringssted"],
        "high_risk": ["Kan behandlingen innebære høy personvernrisiko", "Høy risiko"],
        "dpia_required": [
            "Data Protection Impact Assessment required", "DPIA required", "DPIA", "DPIA påkrevd",
            "Personvernkonsekvensvurdering", "Vurdering av personvernkonsekvenser",
        ],
        "dpia_status": ["Data Protection Impact Assessment progress", "DPIA progress"],
        "dpia_link": ["Link to Data Protection Impact Assessment", "Link to DPIA"],
        "automated_decisions": [
            "Existence of automated decision-making, including profiling", "Automated decision-making",
            "Automatiserte avgjørelser", "Automatiserte beslutninger",
        ],
        "owner": ["Eier", "Behandlingsansvarlig person", "Information asset owner"],
        "last_reviewed": ["Sist revidert", "Sist oppdatert", "Last updated", "Date last reviewed"],
    },
}

# Cell values that mean yes or no in the spreadsheets people keep, besides the translated labels.
YES_WORDS = ("yes", "y", "ja", "j", "true", "1", "x")
NO_WORDS = ("no", "n", "nei", "nej", "false", "0", "none", "ingen", "n/a", "-", "ikke relevant", "not applicable")

# Art. 6(1) bases as people write them in templates without article numbers, in each language.
ARTICLE6_WORDS: dict[str, tuple[str, ...]] = {
    "6.1.a": ("consent", "samtykke", "samtycke"),
    "6.1.b": ("contract", "avtale", "avtal"),
    "6.1.c": ("legal obligation", "rettslig forpliktelse", "rättslig förpliktelse"),
    "6.1.d": ("vital interests", "vitale interesser", "grundläggande intressen"),
    "6.1.e": ("public task", "allmennhetens interesse", "allmänt intresse"),
    "6.1.f": ("legitimate interests", "legitimate interest", "berettigede interesser", "berättigat intresse"),
}


def headings(language: str, sheet: str) -> list[str]:
    """The headings of `sheet` in `language`, in column order."""
    names = HEADINGS[language][sheet]
    return [names[column.key] for column in SHEETS[sheet]]
