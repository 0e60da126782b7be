"""A consultancy working in Microsoft 365, invoicing through PayPal, with a Wix site and Google Analytics (seed 002).

The record is written in Bokmål. The policy names neither the company nor its country (Norway is assumed
for the demo) and keeps data "as long as necessary", so most activities lack Art. 30(1)(f); the Google
Analytics review is overdue.
"""

import datetime

from ropa.demo.spec import (
    DRAFT,
    UNKNOWN,
    YES,
    ActivitySpec,
    CompanySpec,
    Event,
    OrganisationSpec,
    Provision,
    PurposeSpec,
    RetentionSpec,
    Source,
)
from ropa.models import LegalBasis

NAME = "Rådgivningsselskapet (Microsoft 365 og Wix)"
Art6 = LegalBasis.Article6
REVIEWED = datetime.date(2026, 4, 14)
NEXT_REVIEW = datetime.date(2027, 4, 14)
OWNER = "Daglig leder"
MARKETING = "Markedsføring"
M365 = ("Role-based access control", "Data processing agreements with processors")
M365_TEXT = (
    "Alt lagres i Microsoft 365, der bare de som har fått tilgang, kan bruke det; søke- og samsvarsverktøyene i "
    "Microsoft 365 finner alle opplysninger om en person når noen ber om innsyn."
)
VAGUE = (
    "Erklæringen oppbevarer opplysninger bare «så lenge det er nødvendig» eller lovpålagt, uten frister: "
    "slettefristen mangler."
)
ABROAD = (
    "Erklæringen sier at leverandører i noen tilfeller kan behandle opplysninger utenfor EU/EØS, uten å navngi "
    "dem eller noe overføringsgrunnlag."
)

COMPANY = CompanySpec(
    organisation=OrganisationSpec(NAME, country="NO", email="post@radgivning.example"),
    activities=(
        ActivitySpec(
            name="Kundeforhold, bestillinger og betaling",
            description=(
                "Kunder kjøper tjenester på nettstedet og betaler med en av betalingsmåtene; kontaktopplysningene "
                "kontrolleres for å bekrefte identiteten. Fødselsnummer samles inn, noe norsk rett bare tillater "
                "når sikker identifisering er nødvendig: kontroller at det er det. Varer sendes med "
                "transportpartnere. " + ABROAD + " " + VAGUE
            ),
            department="Salg", owner=OWNER,
            provision_requirement=Provision.FOR_CONTRACT,
            provision_consequences="Uten kontaktopplysninger kan vi ikke levere tjenestene du har bestilt.",
            purposes=(
                PurposeSpec(
                    "Levere de kjøpte tjenestene og administrere betaling og kundeforholdet", Art6.CONTRACT,
                ),
                PurposeSpec("Bekrefte kundens identitet og kontaktopplysninger før vi leverer", Art6.CONTRACT),
            ),
            data_subjects=("Customers", "Contact persons at business customers"),
            personal_data=(
                "Name", "Contact details (e-mail, phone)", "Postal and delivery address", "Date of birth",
                "National identity number", "Order and purchase history", "Payment details",
            ),
            national_id_justification=(
                "Sikker identifisering av kunden før vi leverer tjenestene (personopplysningsloven § 12): navn og "
                "fødselsdato skiller ikke alltid to kunder fra hverandre."
            ),
            source_kind=Source.MIXED,
            source_description="Fra kunden og fra betalingspartnere som PayPal.",
            public_source=(
                "Det meste gir du oss selv når du bestiller. Når du betaler, får vi opplysninger om betalingen og "
                "fakturaen fra betalingspartneren du velger, for eksempel PayPal."
            ),
            recipients=(
                "Processors: IT, hosting and platform providers", "Payment providers",
                "Transport and delivery companies",
            ),
            recipients_description=(
                "PayPal oppbevarer fakturaer etter egne vilkår; transportører får leveringsadressen for "
                "forsendelser. En kjøper av virksomheten kan få kundeopplysninger ved et salg."
            ),
            transfers_outside_eea=YES,
            security_measures=M365, security_description=M365_TEXT,
            systems=("Microsoft 365", "Wix", "PayPal"),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Fakturering og regnskap",
            description=(
                "Fakturaer utstedes og oppbevares i PayPal og bokføres etter bokføringsloven. " + ABROAD
            ),
            department="Økonomi", owner=OWNER,
            provision_requirement=Provision.STATUTORY,
            purposes=(
                PurposeSpec(
                    "Oppbevare regnskapsmateriale slik bokføringsloven krever", Art6.LEGAL_OBLIGATION,
                    legal_reference="bokføringsloven § 13",
                ),
            ),
            data_subjects=("Customers", "Contact persons at business customers"),
            personal_data=("Name", "Postal and delivery address", "Order and purchase history", "Payment details"),
            source_description="Fra kundens bestillinger og betalinger.",
            recipients=("Accountants and auditors", "Public authorities when the law requires it", "Payment providers"),
            transfers_outside_eea=YES,
            security_measures=M365, security_description=M365_TEXT,
            systems=("PayPal", "Microsoft 365"),
            retention=(
                RetentionSpec(
                    "Primærdokumentasjon i regnskapet", duration=5, runs_from=Event.END_OF_FINANCIAL_YEAR,
                    legal_reference="bokføringsloven § 13",
                ),
            ),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Svindelforebygging og kontroller etter hvitvaskingsloven",
            description=(
                "Risikoanalyse og svindelkontroll av kunder, og kundetiltak og rapportering til myndighetene der "
                "hvitvaskingsloven gjelder. Erklæringen viser også til kapitalkravsregler, som binder banker, ikke "
                "et rådgivningsselskap: undersøk om loven i det hele tatt gjelder. " + VAGUE
            ),
            department="Økonomi", owner=OWNER,
            provision_requirement=Provision.STATUTORY,
            provision_consequences="Uten opplysningene loven krever, kan vi ikke inngå eller fortsette kundeforholdet.",
            purposes=(
                PurposeSpec(
                    "Analysere risiko og forebygge svindel og misbruk av tjenestene våre", Art6.LEGITIMATE_INTERESTS,
                    legitimate_interest="å beskytte kundene våre og oss selv mot svindel og misbruk",
                    balancing_test=(
                        "Å forebygge svindel er en berettiget interesse (fortalepunkt 47); kontrollene bruker "
                        "betalings- og kjøpshistorikk kunden allerede har gitt oss, og fører ikke til automatiserte "
                        "avgjørelser."
                    ),
                ),
                PurposeSpec(
                    "Kundetiltak og rapportering etter hvitvaskingsloven", Art6.LEGAL_OBLIGATION,
                    legal_reference="hvitvaskingsloven",
                ),
            ),
            data_subjects=("Customers",),
            personal_data=(
                "Name", "National identity number", "Order and purchase history", "Payment details",
                "Credit assessment",
            ),
            national_id_justification=(
                "Hvitvaskingsloven krever at kundens identitet bekreftes som kundetiltak; fødselsnummeret er "
                "nødvendig for sikker identifisering (personopplysningsloven § 12)."
            ),
            source_kind=Source.MIXED,
            source_description="Fra kunden og kundens betalingshistorikk hos oss.",
            public_source="Fra deg, og fra betalingene og kjøpene dine hos oss.",
            recipients=("Public authorities when the law requires it",),
            recipients_description="Politi og skattemyndigheter der loven krever en rapport.",
            transfers_outside_eea=YES,
            security_measures=M365, security_description=M365_TEXT,
            systems=("Microsoft 365",),
            status=DRAFT,
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Analyse av nettstedet (Google Analytics)",
            description=(
                "Google Analytics registrerer hvordan besøkende bruker Wix-nettstedet: sider, svartider, feil ved "
                "nedlasting, hvordan de kommer og går, enhets- og nettleserinnstillinger, tidssone, "
                "skjermoppløsning og omtrentlig posisjon. Erklæringen nevner informasjonskapsler bare som det som "
                "får nettstedet til å virke, og sier ingenting om samtykkebanner eller Googles lagringsinnstilling, "
                "så slettefristen mangler; ingen sikkerhetstiltak er beskrevet."
            ),
            department=MARKETING, owner=OWNER,
            provision_requirement=Provision.VOLUNTARY,
            provision_consequences="Sier du nei, kan du bruke nettstedet som før.",
            purposes=(
                PurposeSpec(
                    "Måle bruken av nettstedet for å forbedre det og tjenestene våre", Art6.CONSENT,
                    consent_record=(
                        "Wix' banner for informasjonskapsler, ikke beskrevet i erklæringen: bekreft hvor "
                        "samtykkene logges"
                    ),
                ),
            ),
            data_subjects=("Website visitors",),
            personal_data=(
                "Cookies and online identifiers", "IP address and device identifiers", "Browsing and usage behaviour",
                "Location data",
            ),
            source_kind=Source.OBSERVED,
            source_description="Samlet inn av skriptet til Google Analytics i nettleseren.",
            recipients=("Marketing and analytics providers",),
            recipients_description="Google, som leverandør av analysetjenesten.",
            transfers_outside_eea=YES,
            systems=("Google Analytics", "Wix"),
            status=DRAFT,  # Art. 7(1): where the consents are logged is still to be confirmed
            last_reviewed=datetime.date(2025, 5, 12), next_review=datetime.date(2026, 5, 12),
        ),
        ActivitySpec(
            name="Nyhetsbrev",
            description=(
                "Nyhetsbrev sendes gjennom en skybasert e-posttjeneste som erklæringen ikke navngir, til navn som er "
                "importert fra kontakter vi har samlet og fra personer som har meldt interesse. Det står ikke om de "
                "innsamlede kontaktene har samtykket. De som melder seg av, blir bare merket og blir stående i "
                "listen hos oss og leverandøren uten slettedato: slettefristen mangler, og overføringer er ukjent."
            ),
            department=MARKETING, owner=OWNER,
            provision_requirement=Provision.VOLUNTARY,
            provision_consequences="Du kan la være å melde deg på, og melde deg av når du vil.",
            purposes=(
                PurposeSpec(
                    "Sende nyhetsbrev til personer som har meldt interesse", Art6.CONSENT,
                    direct_marketing=True,
                    consent_record="Interesseskjemaet på Wix-nettstedet, lagret i Wix eller Microsoft 365",
                    consent_demonstrable=True,
                ),
                PurposeSpec(
                    "Sende nyhetsbrev om lignende tjenester til eksisterende kunder", Art6.LEGITIMATE_INTERESTS,
                    direct_marketing=True,
                    legitimate_interest="å fortelle kundene våre om tjenester som ligner dem de allerede har kjøpt",
                    legal_reference="markedsføringsloven § 15 (eksisterende kundeforhold)",
                    balancing_test=(
                        "Kunder kan vente nyheter om lignende tjenester; hvert nyhetsbrev har en lenke for "
                        "avmelding, og en innsigelse mot direkte markedsføring etterkommes alltid (art. 21 nr. 3)."
                    ),
                ),
            ),
            data_subjects=("Customers", "Newsletter subscribers", "Prospective customers"),
            personal_data=("Name", "Contact details (e-mail, phone)", "Marketing preferences and consents"),
            source_kind=Source.MIXED, source_description="Importert fra kontaktlistene våre og interesseskjemaet.",
            public_source=(
                "Navn og e-postadresse henter vi fra kontaktene vi har fått gjennom kundeforhold og henvendelser, "
                "og fra skjemaet på nettstedet vårt der du kan melde interesse."
            ),
            recipients=("Marketing and analytics providers",),
            recipients_description=(
                "Leverandøren av nyhetsbrevet lagrer listen som databehandler; erklæringen navngir ingen."
            ),
            transfers_outside_eea=UNKNOWN,
            security_measures=M365,
            systems=("Nyhetsbrevtjeneste (ikke navngitt)", "Microsoft 365"),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Kundeservice og kundetilfredshetsundersøkelser",
            description=(
                "Henvendelser via skjema, e-post og telefon besvares, og etterpå kan kunder bli spurt hvor fornøyde "
                "de var; alle kan reservere seg mot slike meldinger på e-post. Skjemaene lagres i Wix eller "
                "Microsoft 365, avhengig av skjemaet. " + ABROAD + " " + VAGUE
            ),
            department="Kundeservice", owner=OWNER,
            provision_requirement=Provision.VOLUNTARY,
            provision_consequences="Uten kontaktopplysninger kan vi ikke svare deg.",
            purposes=(
                PurposeSpec(
                    "Svare på henvendelser fra kunder og andre", Art6.LEGITIMATE_INTERESTS,
                    legitimate_interest="å kunne svare når du tar kontakt med oss",
                    balancing_test="De som skriver til oss, venter svar; vi bruker bare det de sender oss.",
                ),
                PurposeSpec(
                    "Spørre kunder hvor fornøyde de er etter kontakt med oss", Art6.LEGITIMATE_INTERESTS,
                    legitimate_interest="å lære hva vi kan gjøre bedre for kundene våre",
                    balancing_test=(
                        "Korte undersøkelser hjelper oss å forbedre tjenesten, følger opp kontakt kunden selv tok, "
                        "og stanser etter en enkel e-post."
                    ),
                ),
            ),
            data_subjects=("Customers", "People who contact us"),
            personal_data=("Name", "Contact details (e-mail, phone)", "Messages and correspondence"),
            source_description="Fra meldingene og skjemaene til den som henvender seg.",
            recipients=("Processors: IT, hosting and platform providers",),
            transfers_outside_eea=YES,
            security_measures=M365, security_description=M365_TEXT,
            systems=("Microsoft 365", "Wix"),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Sosiale medier",
            description=(
                "Når noen liker oss eller snakker med oss i sosiale medier, ser vi det de har gjort offentlig der, "
                "og kan bruke det til å forbedre tjenestene våre. Erklæringen navngir ingen plattform og ingen "
                "frist: utkast, med ukjente overføringer og uten slettefrister og sikkerhetstiltak."
            ),
            department=MARKETING, owner=OWNER,
            provision_requirement=Provision.VOLUNTARY,
            purposes=(
                PurposeSpec(
                    "Svare på samtaler i sosiale medier og lære av offentlige tilbakemeldinger",
                    Art6.LEGITIMATE_INTERESTS,
                    legitimate_interest="å svare deg der du tar kontakt med oss, og lære av tilbakemeldingene",
                    balancing_test=(
                        "Utkast: bruker bare det personen har gjort offentlig eller skrevet til oss; ingen profiler "
                        "bygges, og ingenting kopieres ut av plattformen."
                    ),
                ),
            ),
            data_subjects=("Customers", "Prospective customers", "People who contact us"),
            personal_data=("Name", "Images and video", "Messages and correspondence"),
            source_kind=Source.PUBLIC, source_description="Offentlige profilopplysninger på plattformen.",
            public_source=(
                "Fra det du selv har gjort offentlig i sosiale medier, når du liker oss eller skriver til oss der."
            ),
            recipients=("Social media platforms",),
            transfers_outside_eea=UNKNOWN,
            status=DRAFT,
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
    ),
)
