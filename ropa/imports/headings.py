"""Headings people write for each column of an activities sheet, by meaning, in nb, nn, sv, da, en and fr.

Gathered from the templates Nordic companies start from (Datatilsynet's, IMY's, the Danish Datatilsynet's,
the ICO's, CNIL's, the Norwegian public sector's) and from the headings people write by hand. They are
compared after `normalise()`: case, punctuation, dashes and runs of whitespace do not matter, text in
brackets may be left out, and each word may be in the singular or the plural (`heading_key()`). Headings
narrowed to an article ("Rettslig grunnlag art. 6", "Behandlingsgrunnlag etter artikkel 9/10") and two
names for one column ("Lagringstid/sletting") are read in ropa.imports.columns. Our own export's headings
(ropa.exports.layouts) are matched first.
"""

ACTIVITY_SYNONYMS: dict[str, list[str]] = {
    "controller": [
        "Behandlingsansvarlig", "Behandlingsansvarlig virksomhet", "Behandlingsansvarleg", "Virksomhet",
        "Organisasjon", "Foretak", "Personuppgiftsansvarig", "Personuppgiftsansvarig namn och kontaktuppgifter",
        "Organisation", "Företag", "Dataansvarlig", "Den dataansvarlige", "Virksomhed", "Controller",
        "Name and contact details of the controller", "Responsable du traitement",
    ],
    "name": [
        "Behandlingsaktivitet", "Navn på behandling", "Navn på behandlingsaktivitet", "Behandlingsaktivitetens navn",
        "Behandlingsprosess", "Namn på behandlinga", "Behandlinga", "Behandlingens namn", "Personuppgiftsbehandling",
        "Namn på behandlingen", "Behandlingens benämning", "Navn på behandlingsaktiviteten", "Name of processing",
        "Processing activity", "Name of processing activity", "Processing operation", "Activity name",
        "Business process", "Nom du traitement", "Activité de traitement", "Dénomination du traitement",
    ],
    "description": [
        "Beskrivelse", "Beskrivelse av behandlingen", "Kort beskrivelse", "Skildring", "Skildring av behandlinga",
        "Beskrivning", "Beskrivning av behandlingen", "Kort beskrivning", "Beskrivelse af behandlingen",
        "Description", "Description of the processing", "Brief description", "Description du traitement",
    ],
    "purposes": [
        "Formål", "Formålet med behandlingen", "Formål med behandlingsaktiviteten", "Behandlingens formål",
        "Føremål", "Føremålet med behandlinga", "Føremål med behandlinga", "Ändamål", "Ändamålet med behandlingen",
        "Ändamål med behandlingen", "Syfte", "Syftet med behandlingen", "Syfte med behandlingen",
        "Formålet med behandlingen af personoplysninger", "Purpose of the processing", "Purposes of the processing",
        "Finalité", "Finalité du traitement", "Finalité principale",
    ],
    "legal_bases": [
        "Behandlingsgrunnlag", "Behandlingsgrunnlag etter artikkel 6", "Behandlingsgrunnlag art. 6",
        "Rettslig grunnlag", "Rettslig grunnlag for behandlingen", "Rettsleg grunnlag", "Lovlig grunnlag",
        "Lovlig grunnlag for behandlingen", "Grunnlag for behandlingen", "Rättslig grund",
        "Rättslig grund för behandlingen", "Laglig grund", "Laglig grund för behandlingen", "Behandlingsgrundlag",
        "Retsgrundlag", "Lovligt grundlag", "Grundlag for behandlingen", "Hjemmel for behandlingen", "Lawful basis",
        "Lawful basis for processing", "Legal basis for processing", "Legal basis for the processing",
        "Basis for processing", "Base légale", "Base juridique", "Fondement juridique",
    ],
    "article6": ["Art. 6", "Artikkel 6", "Artikel 6", "Article 6", "Art. 6 nr. 1", "Art. 6(1)"],
    "article9": [
        "Art. 9", "Artikkel 9", "Artikel 9", "Article 9", "Behandlingsgrunnlag etter artikkel 9",
        "Unntak etter artikkel 9", "Vilkår etter artikkel 9", "Særlige kategorier",
        "Særlige kategorier av personopplysninger", "Særlige kategorier personopplysninger",
        "Sensitive personopplysninger", "Særlege kategoriar", "Særlege kategoriar av personopplysningar",
        "Særlige kategorier af personoplysninger", "Følsomme personoplysninger", "Følsomme oplysninger",
        "Särskilda kategorier", "Särskilda kategorier av personuppgifter", "Känsliga personuppgifter",
        "Special category data", "Special categories", "Special categories of personal data",
        "Condition for processing special category data", "Special category condition", "Données sensibles",
    ],
    "article10": [
        "Art. 10", "Artikkel 10", "Artikel 10", "Article 10", "Behandlingsgrunnlag etter artikkel 10",
        "Straffedommer", "Straffedommer og lovovertredelser", "Lovbrudd",
        "Opplysninger om straffedommer og lovovertredelser", "Straffedommar og lovbrot", "Lagöverträdelser",
        "Personuppgifter om lagöverträdelser", "Strafbare forhold", "Oplysninger om strafbare forhold",
        "Criminal offence data", "Criminal convictions and offences", "Infractions et condamnations",
    ],
    # Read for both: an Art. 9(2) condition goes to Art. 9, an Art. 10 basis to Art. 10.
    "article9_10": [
        "Særlige kategorier og straffedommer", "Særlige kategorier og lovovertredelser",
        "Känsliga personuppgifter och lagöverträdelser", "Special category and criminal offence data",
    ],
    "legal_reference": [
        "Lovhjemmel", "Supplerende rettsgrunnlag", "Heimel", "Rettsleg heimel", "Lagstöd", "Lovgrundlag",
        "Statutory basis", "Legislation", "Référence légale",
    ],
    "balancing_test": [
        "Interesseavveiing", "Interesseavvegning", "Vurdering av berettiget interesse", "Interesseavveging",
        "Intresseavvägning", "Interesseafvejning", "Balancing test", "Legitimate interests assessment", "LIA",
        "Mise en balance des intérêts",
    ],
    "consent_record": [
        "Dokumentasjon av samtykke", "Samtykke dokumentert i", "Samtycke dokumenterat", "Dokumentation av samtycke",
        "Samtykke dokumenteret", "Consent record", "Record of consent",
    ],
    "data_subjects": [
        "Kategorier av registrerte", "De registrerte", "Kategoriar av registrerte", "Kategorier av registrerade",
        "Registrerade", "Kategorier av registrerade personer", "Kategorier af registrerede", "Registrerede",
        "Data subjects", "Categories of data subjects", "Data subject categories", "Personkategorier",
        "Catégories de personnes concernées", "Personnes concernées",
    ],
    "personal_data": [
        "Kategorier av personopplysninger", "Personopplysningskategorier", "Opplysningstyper",
        "Kategoriar av personopplysningar", "Personopplysningar", "Kategorier av personuppgifter", "Personuppgifter",
        "Typer av personuppgifter", "Personuppgiftskategorier", "Kategorier af personoplysninger",
        "Personoplysninger", "Typer af personoplysninger", "Personal data", "Categories of personal data",
        "Personal data categories", "Types of personal data", "Data categories", "Catégories de données",
        "Catégories de données personnelles", "Données traitées",
    ],
    "recipients": [
        "Kategorier av mottakere", "Utleveres til", "Mottakarar", "Kategoriar av mottakarar", "Mottagare",
        "Kategorier av mottagare", "Mottagarkategorier", "Modtagere", "Kategorier af modtagere",
        "Categories of recipients", "Recipient categories", "Disclosed to", "Utlevering til", "Destinataires",
        "Catégories de destinataires",
    ],
    "transfers": [
        "Overføring til tredjeland", "Overføringar til tredjeland", "Overføring utenfor EØS",
        "Overføring til land utenfor EØS", "Overføres data ut av EØS", "Tredjelandsoverføring",
        "Överföring till tredjeland", "Överföring till tredje land", "Tredjelandsöverföring",
        "Overførsel til tredjelande", "Overførsler til tredjelande", "Overførsel til tredjeland",
        "Tredjelandsoverførsel", "Transfers", "Transfer to third country", "International transfers",
        "Third country transfers", "Transfers outside the EEA", "Transferts hors UE", "Transferts de données hors UE",
    ],
    "retention": [
        "Lagringstid", "Lagringstid slettefrist", "Lagringstid og sletting", "Slettefrist", "Sletting",
        "Sletterutiner", "Oppbevaringstid", "Oppbevaringsperiode", "Slettefristar", "Bevarandetid", "Gallringsfrist",
        "Gallring", "Lagringsperiod", "Radering", "Tidsfrister för radering", "Opbevaringsperiode", "Opbevaringstid",
        "Sletning", "Slettefrister", "Retention", "Retention period", "Storage period", "Erasure", "Deletion",
        "Durée de conservation",
    ],
    "security": [
        "Sikkerhetstiltak", "Tiltak for informasjonssikkerhet", "Tryggleikstiltak", "Säkerhetsåtgärder",
        "Skyddsåtgärder", "Tekniska och organisatoriska säkerhetsåtgärder", "Sikkerhedsforanstaltninger",
        "Tekniske og organisatoriske sikkerhedsforanstaltninger", "Security measures",
        "Technical and organisational measures", "TOMs", "Mesures de sécurité",
    ],
    "source": [
        "Kilde", "Kilde til opplysningene", "Opplysningenes kilde", "Kjelde", "Kjelde til opplysningane",
        "Hvor kommer opplysningene fra", "Källa", "Källa till personuppgifterna", "Uppgifternas källa",
        "Varifrån kommer uppgifterna", "Kilde til personoplysningerne", "Oplysningernes kilde", "Source",
        "Source of the data", "Data source", "Source des données", "Origine des données",
    ],
    "systems": [
        "Systemer", "Systemar", "IT-system", "IT-systemer", "Fagsystem", "Lagringsplass", "Lagringsplats",
        "Systems", "IT systems", "Storage location", "Applications", "Logiciels",
    ],
    "processors": [
        "Databehandlere", "Underleverandører", "Tjenesteleverandører", "Databehandlar", "Databehandlarar",
        "Leverandør", "Personuppgiftsbiträden", "Personuppgiftsbiträde", "Biträden", "Leverantörer",
        "Data processors", "Suppliers", "Vendors", "Service providers", "Sous-traitants",
    ],
    "dpia_required": [
        "Er DPIA nødvendig", "DPIA nødvendig", "Behov for DPIA", "Personvernkonsekvensvurdering DPIA",
        "Konsekvensvurdering", "Konsekvensbedömning", "Konsekvensbedömning avseende dataskydd", "DPIA krävs",
        "Konsekvensanalyse", "Konsekvensanalyse vedrørende databeskyttelse", "DPIA påkrævet",
        "Data protection impact assessment", "DPIA needed", "AIPD", "Analyse d'impact",
    ],
    # Whether the DPIA was carried out is its status ("Ja, gjennomført 2024" is completed), not whether one is needed.
    "dpia_status": [
        "DPIA-status", "Status DPIA", "Status for DPIA", "DPIA gjennomført", "Er DPIA gjennomført", "DPIA utført",
        "DPIA genomförd", "Är DPIA genomförd", "Konsekvensbedömning genomförd",
        "DPIA gennemført", "Er DPIA gennemført", "Konsekvensanalyse gennemført", "DPIA carried out",
        "DPIA completed", "DPIA done",
    ],
    "dpia_link": ["Lenke til DPIA", "Länk till konsekvensbedömning", "Link til konsekvensanalyse"],
    "high_risk": ["Høg risiko", "Høy personvernrisiko", "Hög risk", "Høj risiko", "High risk", "Risque élevé"],
    "department": [
        "Avdeling", "Seksjon", "Eining", "Avdelning", "Afdeling", "Department", "Business unit", "Business area",
        "Direction",
    ],
    "owner": [
        "Ansvarlig", "Ansvarlig person", "Systemeier", "Prosesseier", "Ansvarleg", "Ägare", "Ansvarig",
        "Ansvarig person", "Processägare", "Ejer", "Owner", "Process owner", "Responsible",
    ],
    "status": ["Status", "Behandlingsstatus"],
    "last_reviewed": [
        "Sist gjennomgått", "Sist endra", "Senast uppdaterad", "Senast granskad", "Senast reviderad",
        "Sidst opdateret", "Sidst revideret", "Sidst gennemgået", "Last reviewed", "Dernière mise à jour",
    ],
    "next_review": [
        "Neste revisjon", "Neste gjennomgang", "Neste gjennomgåing", "Nästa översyn", "Nästa granskning",
        "Næste revision", "Næste gennemgang", "Next review", "Next review date", "Prochaine revue",
    ],
    "joint_controllers": [
        "Felles behandlingsansvarlege", "Gemensamt personuppgiftsansvariga", "Gemensamt personuppgiftsansvarig",
        "Fælles dataansvarlige", "Joint controllers", "Responsables conjoints",
    ],
    "automated_decisions": [
        "Automatiserte avgjerder", "Automatiske avgjørelser", "Automatisert beslutningstaking",
        "Automatiserade beslut", "Automatiserat beslutsfattande", "Automatiske afgørelser",
        "Automatiserede afgørelser", "Automated decisions", "Décisions automatisées",
    ],
    "profiling": ["Profilering", "Profiling", "Profilage"],
    "notes": [
        "Merknader", "Merknad", "Anmerkninger", "Bemerkninger", "Kommentarer", "Kommentar", "Notater", "Notat",
        "Anmärkningar", "Noteringar", "Övrigt", "Bemærkninger", "Noter", "Notes", "Comments", "Remarks",
        "Internal notes", "Remarques", "Commentaires", "Observations",
    ],
}

# Headings of a cookie declaration kept by hand (a sheet named "Cookies", "Informasjonskapsler" or "Kakor"), by
# column of the cookie register (ropa/website/models.py), in nb, sv and en; our own export's are matched first.
# A heading that only says "Name" is a cookie's name on a sheet titled as a cookie declaration.
COOKIE_SYNONYMS: dict[str, list[str]] = {
    "controller": ["Behandlingsansvarlig", "Personuppgiftsansvarig", "Controller"],
    "website": ["Nettsted", "Nettside", "Nettsider", "Webbplats", "Webbsida", "Website", "Site"],
    "name": [
        "Navn", "Namn", "Name", "Cookie", "Cookienavn", "Cookie name", "Cookiens navn", "Informasjonskapsel",
        "Navn på informasjonskapsel", "Navn på informasjonskapselen", "Kake", "Kaka", "Kakans namn", "Namn på kaka",
        "Cookiens namn", "Nøkkel", "Nyckel", "Key",
    ],
    "kind": ["Lagringstype", "Lagringstyp", "Storage type"],
    "party": [
        "Første- eller tredjepart", "Førstepart eller tredjepart", "Første- tredjepart", "Førstepart/tredjepart",
        "Part", "Första eller tredje part", "Förstapart eller tredjepart", "Förstapart/tredjepart", "Party",
        "First/third party", "First-party or third-party",
    ],
    "host": [
        "Leverandør", "Tilbyder", "Levert av", "Satt av", "Vert", "Domene", "Leverantör", "Tillhandahålls av",
        "Sätts av", "Värd", "Domän", "Provider", "Set by", "Host", "Domain",
    ],
    "category": [
        "Kategori", "Type informasjonskapsel", "Samtykkekategori", "Kategori av kaka", "Typ av kaka",
        "Samtyckeskategori", "Category", "Cookie category", "Consent category",
    ],
    "purpose": [
        "Formål", "Beskrivelse", "Hva brukes den til", "Ändamål", "Syfte", "Beskrivning", "Används till",
        "Purpose", "Description", "What it is for",
    ],
    "lifetime": [
        "Levetid", "Varighet", "Lagringstid", "Utløper", "Utløpstid", "Livslängd", "Varaktighet",
        "Giltighetstid", "Löptid", "Utgår", "Lifetime", "Duration", "Expiry", "Expires", "Expiration",
    ],
    "activity": ["Behandlingsaktivitet", "Behandling", "Behandlingen", "Processing activity", "Activity"],
    "processor": [
        "Databehandler", "Databehandler eller mottaker", "Mottaker", "Personuppgiftsbiträde", "Mottagare",
        "Processor", "Recipient", "Processor or recipient",
    ],
}
# Headings that name a cookie whatever the sheet's title ("Name" alone does so only on a sheet titled as one).
COOKIE_NAME_HEADINGS = [
    "Cookie", "Cookienavn", "Cookie name", "Cookiens navn", "Informasjonskapsel", "Navn på informasjonskapsel",
    "Navn på informasjonskapselen", "Kaka", "Kakans namn", "Namn på kaka", "Cookiens namn",
]
# Words in a sheet's title that make it a cookie declaration.
COOKIE_TITLE_WORDS = ("cookie", "informasjonskaps", "kakor", "kaker", "tracker", "sporing", "spårning")
