"""Headings people write for each column of an activities sheet, by meaning, in nb, nn, sv, da and en.

Gathered from the templates Nordic companies start from (Datatilsynet's, IMY's, the Danish Datatilsynet's,
the ICO's, CNIL's, the Norwegian public sector's) and from the headings people write by hand. They are
compared after `normalise()`: case, punctuation, dashes and runs of whitespace do not matter, and text in
brackets may be left out. Our own export's headings (ropa.exports.layouts) are matched first.
"""

ACTIVITY_SYNONYMS: dict[str, list[str]] = {
    "controller": [
        "Behandlingsansvarlig", "Behandlingsansvarlig virksomhet", "Behandlingsansvarleg", "Virksomhet",
        "Personuppgiftsansvarig", "Personuppgiftsansvarig namn och kontaktuppgifter", "Dataansvarlig",
        "Den dataansvarlige", "Controller", "Name and contact details of the controller", "Responsable du traitement",
    ],
    "name": [
        "Behandlingsaktivitet", "Navn på behandling", "Navn på behandlingsaktivitet", "Namn på behandlinga",
        "Behandlinga", "Behandlingens namn", "Personuppgiftsbehandling", "Namn på behandlingen",
        "Behandlingsaktivitetens navn", "Name of processing", "Processing activity", "Activity name",
        "Business process", "Nom du traitement", "Activité de traitement",
    ],
    "description": [
        "Beskrivelse", "Beskrivelse av behandlingen", "Skildring", "Skildring av behandlinga", "Beskrivning",
        "Beskrivning av behandlingen", "Description", "Description of the processing",
    ],
    "purposes": [
        "Formål", "Formålet med behandlingen", "Føremål", "Føremålet med behandlinga", "Ändamål",
        "Ändamålet med behandlingen", "Ändamål med behandlingen", "Syfte", "Syftet med behandlingen",
        "Formålet med behandlingen af personoplysninger", "Purpose of the processing", "Purposes of the processing",
        "Finalité", "Finalités",
    ],
    "legal_bases": [
        "Behandlingsgrunnlag", "Behandlingsgrunnlag etter artikkel 6", "Behandlingsgrunnlag art. 6",
        "Rettslig grunnlag", "Rettsleg grunnlag", "Lovlig grunnlag", "Grunnlag for behandlingen",
        "Rättslig grund", "Rättslig grund för behandlingen", "Laglig grund", "Laglig grund för behandlingen",
        "Behandlingsgrundlag", "Retsgrundlag", "Hjemmel for behandlingen", "Lawful basis",
        "Lawful basis for processing", "Legal basis for processing", "Base légale",
    ],
    "article6": ["Art. 6", "Artikkel 6", "Artikel 6", "Article 6", "Art. 6 nr. 1", "Art. 6(1)"],
    "article9": [
        "Art. 9", "Artikkel 9", "Artikel 9", "Article 9", "Behandlingsgrunnlag etter artikkel 9",
        "Unntak etter artikkel 9", "Vilkår etter artikkel 9", "Særlige kategorier",
        "Særlige kategorier av personopplysninger", "Særlege kategoriar", "Særlige kategorier af personoplysninger",
        "Følsomme personoplysninger", "Särskilda kategorier", "Särskilda kategorier av personuppgifter",
        "Känsliga personuppgifter", "Special category data", "Special categories",
        "Condition for processing special category data",
    ],
    "article10": [
        "Art. 10", "Artikkel 10", "Artikel 10", "Article 10", "Behandlingsgrunnlag etter artikkel 10",
        "Straffedommer og lovovertredelser", "Lagöverträdelser", "Strafbare forhold", "Criminal offence data",
    ],
    "legal_reference": ["Lovhjemmel", "Heimel", "Rettsleg heimel", "Lagstöd", "Lovgrundlag", "Statutory basis"],
    "balancing_test": [
        "Interesseavveiing", "Interesseavvegning", "Interesseavveging", "Intresseavvägning", "Interesseafvejning",
        "Balancing test", "Legitimate interests assessment", "LIA",
    ],
    "consent_record": [
        "Dokumentasjon av samtykke", "Samtykke dokumentert i", "Samtycke dokumenterat", "Dokumentation av samtycke",
        "Samtykke dokumenteret", "Consent record", "Record of consent",
    ],
    "data_subjects": [
        "Kategorier av registrerte", "De registrerte", "Kategoriar av registrerte", "Kategorier av registrerade",
        "Registrerade", "Kategorier av registrerade personer", "Kategorier af registrerede", "Registrerede",
        "Data subjects", "Categories of data subjects", "Personkategorier",
    ],
    "personal_data": [
        "Kategorier av personopplysninger", "Kategoriar av personopplysningar", "Personopplysningar",
        "Kategorier av personuppgifter", "Personuppgifter", "Typer av personuppgifter",
        "Kategorier af personoplysninger",
        "Personoplysninger", "Typer af personoplysninger", "Personal data", "Categories of personal data",
        "Types of personal data", "Data categories",
    ],
    "recipients": [
        "Kategorier av mottakere", "Mottakarar", "Kategoriar av mottakarar", "Mottagare", "Kategorier av mottagare",
        "Modtagere", "Kategorier af modtagere", "Categories of recipients", "Utlevering til", "Destinataires",
    ],
    "transfers": [
        "Overføring til tredjeland", "Overføringar til tredjeland", "Overføring utenfor EØS",
        "Overføres data ut av EØS", "Tredjelandsoverføring", "Tredjelandsoverføringer", "Överföring till tredjeland",
        "Överföringar till tredjeland",
        "Tredjelandsöverföring", "Overførsel til tredjelande", "Overførsler til tredjelande", "Transfers",
        "International transfers", "Third country transfers", "Transferts hors UE",
    ],
    "retention": [
        "Lagringstid", "Lagringstid slettefrist", "Slettefrist", "Slettefristar", "Sletting", "Oppbevaringstid",
        "Bevarandetid", "Gallringsfrist", "Radering", "Tidsfrister för radering",
        "Opbevaringsperiode", "Opbevaringstid", "Sletning", "Slettefrister", "Retention", "Retention period",
        "Durée de conservation",
    ],
    "security": [
        "Sikkerhetstiltak", "Tryggleikstiltak", "Säkerhetsåtgärder", "Tekniska och organisatoriska säkerhetsåtgärder",
        "Sikkerhedsforanstaltninger", "Tekniske og organisatoriske sikkerhedsforanstaltninger", "Security measures",
        "Technical and organisational measures", "TOMs", "Mesures de sécurité",
    ],
    "source": [
        "Kilde", "Kilde til opplysningene", "Kjelde", "Kjelde til opplysningane", "Hvor kommer opplysningene fra",
        "Källa", "Källa till personuppgifterna", "Varifrån kommer uppgifterna", "Kilde til personoplysningerne",
        "Source", "Source of the data", "Source of personal data",
    ],
    "systems": [
        "Systemer", "Systemar", "IT-system", "IT-systemer", "Fagsystem", "Systems", "Applications",
    ],
    "processors": [
        "Databehandlere", "Databehandlar", "Databehandlarar", "Leverandør", "Personuppgiftsbiträden",
        "Personuppgiftsbiträde", "Biträden", "Data processors", "Suppliers", "Vendors", "Sous-traitants",
    ],
    "dpia_required": [
        "DPIA gjennomført", "Er DPIA nødvendig", "Personvernkonsekvensvurdering DPIA", "Konsekvensvurdering",
        "DPIA utført", "Konsekvensbedömning", "Konsekvensbedömning avseende dataskydd", "Konsekvensanalyse",
        "Konsekvensanalyse vedrørende databeskyttelse", "Data protection impact assessment", "AIPD",
    ],
    "dpia_status": ["DPIA-status", "Status DPIA", "Status for DPIA"],
    "dpia_link": ["Lenke til DPIA", "Länk till konsekvensbedömning", "Link til konsekvensanalyse"],
    "high_risk": ["Høg risiko", "Hög risk", "Høj risiko", "High risk"],
    "department": ["Avdeling", "Eining", "Avdelning", "Afdeling", "Department", "Business unit"],
    "owner": [
        "Ansvarlig", "Systemeier", "Prosesseier", "Ansvarleg", "Ägare", "Ansvarig", "Processägare", "Ejer",
        "Owner", "Process owner", "Responsible",
    ],
    "status": ["Status"],
    "last_reviewed": [
        "Sist gjennomgått", "Sist endra", "Senast uppdaterad", "Senast granskad", "Sidst opdateret", "Sidst revideret",
        "Last reviewed",
    ],
    "next_review": ["Neste revisjon", "Neste gjennomgang", "Neste gjennomgåing", "Nästa översyn", "Næste revision"],
    "joint_controllers": [
        "Felles behandlingsansvarlege", "Gemensamt personuppgiftsansvariga", "Gemensamt personuppgiftsansvarig",
        "Fælles dataansvarlige", "Joint controllers",
    ],
    "automated_decisions": [
        "Automatiserte avgjerder", "Automatiserade beslut", "Automatiske afgørelser", "Automatiserede afgørelser",
    ],
    "profiling": ["Profilering", "Profiling"],
    "notes": [
        "Merknader", "Merknad", "Kommentarer", "Kommentar", "Notater", "Notat", "Anmärkningar", "Noteringar",
        "Bemærkninger", "Noter", "Notes", "Comments", "Remarks", "Internal notes",
    ],
}
