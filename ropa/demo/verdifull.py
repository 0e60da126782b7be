"""Verdifull.no: a Norwegian shop on WordPress and WooCommerce with newsletter and blog comments (seed 001).

The record is written in Bokmål. The policy joins the company's own text to the platforms' templates:
order data is kept "XXX years" for accounting (a placeholder: the bookkeeping activity's Art. 30(1)(f) stays
missing; the purchase itself keeps the order as primary documentation, five years under bokføringsloven § 13) and
the analytics section is empty.
"""

import datetime

from ropa.demo.spec import (
    DRAFT,
    NO,
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
    Unit,
)
from ropa.models import LegalBasis

NAME = "Verdifull.no"
Art6 = LegalBasis.Article6
REVIEWED = datetime.date(2026, 1, 20)
NEXT_REVIEW = datetime.date(2027, 1, 20)
SHOP = "Nettbutikk"
SHOP_MANAGER = "Butikksjef"
WEB_EDITOR = "Webredaktør"
ACCESS = ("Role-based access control",)
ACCESS_TEXT = "Interne rutiner begrenser tilgangen til kundeopplysninger til de ansatte som trenger den."
PLACEHOLDER = (
    "Erklæringen oppbevarer ordreopplysninger i «XXX år» av hensyn til regnskap og skatt: malens plassholder "
    "ble aldri fylt ut, så ingen lagringstid er registrert."
)

COMPANY = CompanySpec(
    organisation=OrganisationSpec(
        NAME, organisation_number="920437958", country="NO", email="personvern@verdifull.example",
        website="https://www.verdifull.no",
    ),
    activities=(
        ActivitySpec(
            name="Kjøp og betaling",
            description=(
                "Et kjøp fra kassen til levering, med betaling gjennom Klarna Checkout. Posisjon, IP-adresse og "
                "nettlesertype brukes til å anslå avgift og frakt; nylig viste varer vises igjen. Erklæringen "
                "oppbevarer ordreopplysningene «XXX år» av hensyn til regnskap og skatt; ordren med betalingen er "
                "regnskapsbilag, som bokføringsloven § 13 krever oppbevart i fem år etter utgangen av regnskapsåret, "
                "og den fristen er registrert."
            ),
            department=SHOP, owner=SHOP_MANAGER,
            provision_requirement=Provision.FOR_CONTRACT,
            provision_consequences="Uten adresse kan vi ikke levere varene.",
            purposes=(
                PurposeSpec("Bekrefte og levere kundens bestilling og svare på spørsmål om den", Art6.CONTRACT),
                PurposeSpec("Anslå avgift og frakt før bestillingen sendes", Art6.CONTRACT),
                PurposeSpec(
                    "Ta betalt og stanse svindelbestillinger", Art6.LEGITIMATE_INTERESTS,
                    legitimate_interest="å få betalt og stanse bestillinger gjort med andres kort",
                    balancing_test=(
                        "Svindelkontroll beskytter butikken og ærlige kunder, bruker bare det kunden selv oppgir i "
                        "kassen, og er noe alle som betaler på nett, regner med."
                    ),
                ),
                PurposeSpec(
                    "Vise den besøkende varene de nylig har sett på", Art6.LEGITIMATE_INTERESTS,
                    legitimate_interest="å gjøre det lettere for deg å finne igjen varer du har sett på",
                    balancing_test=(
                        "En bekvemmelighet bare inne i butikken, ut fra den besøkendes egen surfing, og deles ikke."
                    ),
                ),
            ),
            data_subjects=("Customers", "Website visitors"),
            personal_data=(
                "Name", "Contact details (e-mail, phone)", "Postal and delivery address", "Payment details",
                "Order and purchase history", "IP address and device identifiers", "Location data",
                "Browsing and usage behaviour",
            ),
            source_description="Oppgitt av kunden i kassen; Klarna sender tilbake faktura- og leveringsadressen.",
            recipients=("Payment providers", "Transport and delivery companies", "Internal staff only"),
            recipients_description=(
                "Klarna mottar ordrelinjene (navn, pris, antall, varenummer) og sender tilbake faktura- og "
                "leveringsadressen, som lagres på bestillingen med en kjøps-ID. Ansatte med rollene administrator "
                "og butikksjef ser bestillinger og kundeopplysninger."
            ),
            internal_notes=(
                "Erklæringen sier også at bare Verdifull behandler opplysningene, noe Klarna-flyten motsier: "
                "teksten bør rettes."
            ),
            transfers_outside_eea=NO,
            security_measures=ACCESS, security_description=ACCESS_TEXT,
            systems=("WordPress med WooCommerce", "Klarna Checkout"),
            # The policy keeps order data for accounting; the order is primary documentation (bokføringsloven § 13).
            retention=(
                RetentionSpec(
                    "Ordren med betalingen oppbevares som regnskapsbilag.", duration=5,
                    runs_from=Event.END_OF_FINANCIAL_YEAR, legal_reference="bokføringsloven § 13",
                ),
            ),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Regnskap og skatt",
            description=(
                "Ordreopplysninger (navn, e-post, faktura- og leveringsadresse) oppbevares for regnskapet og for å "
                "beregne skatt. Etter bokføringsloven § 13 skal primærdokumentasjon oppbevares i fem år etter "
                "utgangen av regnskapsåret; bekreft og registrer det. " + PLACEHOLDER
            ),
            department="Økonomi", owner="Daglig leder",
            provision_requirement=Provision.STATUTORY,
            purposes=(
                PurposeSpec(
                    "Føre regnskap og beregne skatt", Art6.LEGAL_OBLIGATION,
                    legal_reference="bokføringsloven § 13",
                ),
            ),
            data_subjects=("Customers",),
            personal_data=(
                "Name", "Contact details (e-mail, phone)", "Postal and delivery address", "Order and purchase history",
            ),
            source_description="Hentet fra bestillingene i butikken.",
            recipients=("Accountants and auditors", "Public authorities when the law requires it"),
            transfers_outside_eea=NO,
            security_measures=ACCESS, security_description=ACCESS_TEXT,
            systems=("WordPress med WooCommerce",),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Kundekontoer",
            description=(
                "Kunder kan opprette en konto for å se bestillingene sine og komme raskere gjennom kassen med "
                "lagrede opplysninger. Brukerne kan når som helst se, endre og slette egne opplysninger, unntatt "
                "brukernavnet; administratorer kan også se og endre dem. Innloggingskapsler varer i to dager, eller "
                "to uker med «Husk meg», og fjernes ved utlogging; visningsvalg huskes i ett år."
            ),
            department=SHOP, owner=SHOP_MANAGER,
            provision_requirement=Provision.FOR_CONTRACT,
            provision_consequences="Uten disse opplysningene kan vi ikke gi deg en konto.",
            purposes=(
                PurposeSpec(
                    "La kunder logge inn, følge bestillinger og bruke lagrede opplysninger på nytt", Art6.CONTRACT,
                ),
            ),
            data_subjects=("Registered users",),
            personal_data=(
                "Name", "Contact details (e-mail, phone)", "Postal and delivery address", "User name and password",
                "Cookies and online identifiers",
            ),
            source_description="Oppgitt av kunden når kontoen opprettes og brukes.",
            recipients=("Internal staff only",),
            transfers_outside_eea=NO,
            security_measures=ACCESS, security_description=ACCESS_TEXT,
            systems=("WordPress med WooCommerce",),
            retention=(
                RetentionSpec(
                    "Profilopplysningene lagres til brukeren sletter dem eller ber oss gjøre det.",
                    runs_from=Event.ACCOUNT_CLOSED,
                ),
                RetentionSpec(
                    "Innloggingskapsler: to dager, eller to uker med «Husk meg»; fjernes ved utlogging.",
                    duration=14, unit=Unit.DAYS, data_category="Cookies and online identifiers",
                ),
                RetentionSpec(
                    "Informasjonskapsler med visningsvalg utløper etter ett år.",
                    duration=1, data_category="Cookies and online identifiers",
                ),
            ),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="E-postmarkedsføring og nyhetsbrev",
            description=(
                "Tilbud på e-post, SMS, telefon og post, tilpasset det kunden har kjøpt og klikket på i tidligere "
                "nyhetsbrev. Kunder får tilbud en periode etter et kjøp, deretter bare med samtykke. Erklæringen "
                "sier ikke hvor lang perioden er; fastsett den."
            ),
            department="Markedsføring", owner="Markedssjef",
            provision_requirement=Provision.VOLUNTARY,
            provision_consequences="Du kan reservere deg mot tilbudene når du vil.",
            purposes=(
                PurposeSpec(
                    "Sende tilbud til eksisterende kunder en periode etter et kjøp", Art6.LEGITIMATE_INTERESTS,
                    direct_marketing=True,
                    legitimate_interest="å gi kundene våre tilbud på varer som ligner dem de har kjøpt",
                    legal_reference="markedsføringsloven § 15 (eksisterende kundeforhold)",
                    balancing_test=(
                        "Kunder venter tilbud på lignende varer fra en butikk de har handlet i; hver melding har en "
                        "enkel avmelding, og en innsigelse mot direkte markedsføring etterkommes straks "
                        "(art. 21 nr. 3)."
                    ),
                ),
                PurposeSpec(
                    "Fortsette å sende nyhetsbrevet etter perioden til dem som samtykker", Art6.CONSENT,
                    direct_marketing=True,
                    consent_record="Påmeldingsloggen for nyhetsbrev i butikkplattformen (WooCommerce)",
                    consent_demonstrable=True,
                ),
                PurposeSpec(
                    "Tilpasse tilbud etter kjøpshistorikk og klikk i nyhetsbrevet", Art6.LEGITIMATE_INTERESTS,
                    legitimate_interest="å sende deg tilbud som passer til det du kjøper",
                    balancing_test=(
                        "Bruker bare kundens egne kjøp og klikk hos oss, ingen opplysninger utenfra; profilering "
                        "for direkte markedsføring stanser så snart kunden protesterer (art. 21 nr. 2 og 3)."
                    ),
                ),
            ),
            data_subjects=("Customers", "Newsletter subscribers"),
            personal_data=(
                "Name", "Contact details (e-mail, phone)", "Postal and delivery address", "Order and purchase history",
                "Browsing and usage behaviour", "Marketing preferences and consents",
            ),
            source_kind=Source.MIXED,
            source_description="Fra kundens kjøp og fra klikk registrert i nyhetsbrevene våre.",
            public_source="Fra kjøpene dine hos oss, og fra hvilke lenker du klikker på i nyhetsbrevene våre.",
            recipients=("Internal staff only",),
            transfers_outside_eea=NO,
            security_measures=ACCESS, security_description=ACCESS_TEXT,
            systems=("WordPress med WooCommerce",),
            retention=(
                RetentionSpec(
                    "Utsendelser basert på samtykke stanser, og adressen fjernes fra listen, den dagen samtykket "
                    "trekkes tilbake.",
                    runs_from=Event.CONSENT_WITHDRAWN, data_category="Marketing preferences and consents",
                ),
            ),
            profiling=True,
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Kommentarer på bloggen",
            description=(
                "Lesernes kommentarer lagres med kommentatorens IP-adresse og nettleserversjon for å holde søppel "
                "ute. En hashverdi av e-postadressen sendes til Gravatar for å slå opp et profilbilde, som vises "
                "offentlig ved en godkjent kommentar. Kommentarer kan gå gjennom et automatisk søppelfilter. En "
                "kommentator kan be om at navn, e-post og nettsted huskes i en informasjonskapsel i ett år."
            ),
            department="Innhold", owner=WEB_EDITOR,
            provision_requirement=Provision.VOLUNTARY,
            provision_consequences="Uten navn og e-post kan du ikke kommentere.",
            purposes=(
                PurposeSpec(
                    "Publisere lesernes kommentarer og holde søppel ute", Art6.LEGITIMATE_INTERESTS,
                    legitimate_interest="å vise lesernes kommentarer og holde søppelpost borte fra bloggen",
                    balancing_test=(
                        "Det er frivillig å kommentere, og kommentatoren bestemmer selv hva som publiseres; "
                        "IP-adresse og nettleserversjon brukes bare mot søppel, og Gravatar får en hashverdi, ikke "
                        "adressen."
                    ),
                ),
                PurposeSpec(
                    "Huske kommentatorens navn, e-post og nettsted til neste gang", Art6.CONSENT,
                    consent_record=(
                        "Avkrysningsboksen «Husk meg» i kommentarskjemaet; valget ligger i informasjonskapselen i "
                        "nettleseren"
                    ),
                    # The data is kept only in the cookie the ticked box sets: no consent, nothing stored.
                    consent_demonstrable=True,
                ),
            ),
            data_subjects=("Commenters and reviewers",),
            personal_data=(
                "Name", "Contact details (e-mail, phone)", "Comments and reviews", "IP address and device identifiers",
                "Images and video", "Cookies and online identifiers",
            ),
            source_description="Skrevet av kommentatoren i kommentarskjemaet.",
            recipients=("Processors: IT, hosting and platform providers",),
            recipients_description=(
                "Automattic (Gravatar) mottar en hashverdi av e-postadressen; en søppelfiltertjeneste, som ikke er "
                "navngitt, kontrollerer kommentarene. Godkjente kommentarer med bilde er offentlige."
            ),
            transfers_outside_eea=YES,
            security_measures=("Pseudonymisation",),
            security_description="Bare en hashverdi av e-postadressen forlater nettstedet ved Gravatar-oppslaget.",
            internal_notes=(
                "Erklæringen på nettstedet sier at kommentarer lagres uten tidsbegrensning, slik at senere "
                "kommentarer kan godkjennes automatisk. Det er ikke nødvendig for formålet (art. 5 nr. 1 bokstav e): "
                "vi har satt slettefristen til tre år, og erklæringen må rettes."
            ),
            systems=("WordPress med WooCommerce",),
            retention=(
                RetentionSpec(
                    "Kommentarer slettes med navn, e-post, IP-adresse og nettleserversjon tre år etter at de ble "
                    "skrevet.",
                    duration=3, runs_from=Event.COLLECTION,  # the comment with everything stored beside it
                ),
                RetentionSpec(
                    "Kommentatorens informasjonskapsel utløper etter ett år.",
                    duration=1, data_category="Cookies and online identifiers",
                ),
            ),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Kundeservice, refusjoner og reklamasjoner",
            description=(
                "Ansatte svarer på kundenes spørsmål og behandler refusjoner og reklamasjoner ut fra ordre- og "
                "kundeopplysningene i butikken. Erklæringen oppgir ingen lagringstid for denne korrespondansen, så "
                "slettefristen mangler."
            ),
            department="Kundeservice", owner=SHOP_MANAGER,
            provision_requirement=Provision.CONTRACTUAL,
            provision_consequences="Uten ordrenummer og kontaktopplysninger kan vi ikke behandle saken din.",
            purposes=(PurposeSpec("Svare på spørsmål og behandle refusjoner og reklamasjoner", Art6.CONTRACT),),
            data_subjects=("Customers", "People who contact us"),
            personal_data=(
                "Name", "Contact details (e-mail, phone)", "Postal and delivery address", "Order and purchase history",
                "Messages and correspondence",
            ),
            source_description="Fra kundens meldinger og butikkens ordreopplysninger.",
            recipients=("Internal staff only",),
            transfers_outside_eea=NO,
            security_measures=ACCESS, security_description=ACCESS_TEXT,
            systems=("WordPress med WooCommerce",),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Innebygd innhold fra andre nettsteder",
            description=(
                "Artikler kan bygge inn videoer, bilder og artikler fra andre nettsteder, som oppfører seg som om "
                "den besøkende var der: de kan sette informasjonskapsler, legge til sporing fra tredjeparter og "
                "følge innloggede brukere. Erklæringen navngir verken nettstedene eller en lagringstid, og "
                "avsnittet om analyse er tomt. Står som utkast til den er vurdert: overføringer, slettefrister og "
                "sikkerhetstiltak mangler."
            ),
            department="Innhold", owner=WEB_EDITOR,
            provision_requirement=Provision.VOLUNTARY,
            purposes=(
                PurposeSpec(
                    "Vise videoer, bilder og artikler fra andre nettsteder i artiklene våre", Art6.LEGITIMATE_INTERESTS,
                    legitimate_interest="å vise innhold fra andre nettsteder i artiklene våre",
                    balancing_test=(
                        "Utkast: rikere artikler veid mot sporing fra nettstedene innholdet hentes fra. Til et "
                        "samtykketrinn er på plass, brukes personvernvennlige innbygginger som ikke setter "
                        "informasjonskapsler før den besøkende spiller av innholdet."
                    ),
                ),
            ),
            data_subjects=("Website visitors",),
            personal_data=(
                "Cookies and online identifiers", "IP address and device identifiers", "Browsing and usage behaviour",
            ),
            source_kind=Source.OBSERVED,
            source_description="Samlet inn fra nettleseren av nettstedene innholdet hentes fra.",
            recipients=("Social media platforms", "Marketing and analytics providers"),
            transfers_outside_eea=UNKNOWN,
            systems=("WordPress med WooCommerce",),
            status=DRAFT, is_high_risk=UNKNOWN, dpia_required=UNKNOWN, dpia_status="",
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
    ),
)
