"""Seleverkstedet: a Norwegian web shop on Gurusoft Ecommerce (seed 000), its record written in Bokmål.

The policy is the platform's template, partly unfilled: the e-mail for privacy questions is blank and
no period of storage is given, so Art. 30(1)(a) and, for several activities, (f) stay missing on purpose.
"""

import datetime

from ropa.demo.spec import (
    DRAFT,
    NO,
    UNKNOWN,
    YES,
    ActivitySpec,
    CompanySpec,
    Dpia,
    Event,
    OrganisationSpec,
    Provision,
    PurposeSpec,
    RetentionSpec,
    Source,
)
from ropa.demo.systems import META
from ropa.models import LegalBasis

NAME = "Seleverkstedet"
Art6 = LegalBasis.Article6
REVIEWED = datetime.date(2026, 3, 2)
NEXT_REVIEW = datetime.date(2027, 3, 2)
SHOP = "Nettbutikk"
WEB_EDITOR = "Webredaktør"
SHOP_SECURITY = (
    "Encryption in transit (TLS)", "Role-based access control", "Data processing agreements with processors",
)
SHOP_SECURITY_TEXT = (
    "Gurusoft drifter butikken på egne servere under en databehandleravtale, og bare Gurusofts "
    "systemadministratorer har tilgang til de lagrede opplysningene. Passord lagres enveiskryptert, og all "
    "trafikk krypteres med et TLS-sertifikat fra Commfides."
)
NO_CONTACT = (
    "Personvernerklæringen har tomt felt for e-postadressen til personvernspørsmål, så den behandlingsansvarlige "
    "mangler kontaktopplysninger."
)

COMPANY = CompanySpec(
    organisation=OrganisationSpec(NAME, country="NO"),
    activities=(
        ActivitySpec(
            name="Bestillinger i nettbutikken",
            description=(
                "Bestillinger i nettbutikken på Gurusoft Ecommerce: varene, leveringsadressen og valgt frakt- og "
                "betalingsmåte. Kortnummer kommer aldri inn i butikken. Kontakt- og ordreopplysninger kopieres til "
                "forretningssystemet. Erklæringen oppgir ingen lagringstid for bestillinger, bare at en profil kan "
                "slettes på forespørsel når ingen kjøp er uoppgjort, så slettefristen mangler. " + NO_CONTACT
            ),
            department=SHOP, owner=WEB_EDITOR,
            provision_requirement=Provision.FOR_CONTRACT,
            provision_consequences="Uten adresse kan vi ikke levere varene.",
            purposes=(PurposeSpec("Ta imot, levere og følge opp bestillinger fra nettbutikken", Art6.CONTRACT),),
            data_subjects=("Customers",),
            personal_data=(
                "Name", "Contact details (e-mail, phone)", "Postal and delivery address", "Order and purchase history",
            ),
            source_description="Oppgitt av kunden i kassen.",
            recipients=(
                "Processors: IT, hosting and platform providers", "Transport and delivery companies",
                "Payment providers",
            ),
            recipients_description=(
                "Gurusoft drifter butikken. Transportøren og betalingstjenesten kunden velger, får det de trenger "
                "for å levere og ta betalt; erklæringen navngir ingen av dem."
            ),
            transfers_outside_eea=NO,
            security_measures=SHOP_SECURITY, security_description=SHOP_SECURITY_TEXT,
            systems=("Gurusoft Ecommerce", "Seleverkstedets forretningssystem"),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Kundekontoer (Min side)",
            description=(
                "Registrerte kunder logger inn på Min side for å se opplysningene og bestillingene sine og for å "
                "lagre handlelister og favoritter. Butikken sender også ordrebekreftelser og systemmeldinger på "
                "e-post. " + NO_CONTACT
            ),
            department=SHOP, owner=WEB_EDITOR,
            provision_requirement=Provision.FOR_CONTRACT,
            provision_consequences="Uten disse opplysningene kan vi ikke gi deg en konto.",
            purposes=(
                PurposeSpec(
                    "Gi registrerte kunder en konto med bestillinger, handlelister og favoritter", Art6.CONTRACT,
                ),
                PurposeSpec("Sende ordrebekreftelser og systemmeldinger på e-post", Art6.CONTRACT),
            ),
            data_subjects=("Registered users", "Customers"),
            personal_data=(
                "Name", "Contact details (e-mail, phone)", "Postal and delivery address", "User name and password",
                "Customer number and account details", "Order and purchase history", "Messages and correspondence",
            ),
            source_description="Oppgitt av kunden ved registrering og kjøp.",
            recipients=("Processors: IT, hosting and platform providers",),
            transfers_outside_eea=NO,
            security_measures=SHOP_SECURITY, security_description=SHOP_SECURITY_TEXT,
            systems=("Gurusoft Ecommerce",),
            retention=(
                RetentionSpec(
                    "Lagres til kunden ber om at profilen slettes, men ikke så lenge et kjøp er uoppgjort.",
                    runs_from=Event.ACCOUNT_CLOSED,
                ),
            ),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Nyhetsbrev",
            description=(
                "Besøkende kan melde seg på nyhetsbrevet; det er frivillig å oppgi opplysningene, og behandlingen "
                "bygger på samtykke. Erklæringen sier ikke hvor lenge abonnentene lagres, så slettefristen "
                "mangler. " + NO_CONTACT
            ),
            department="Markedsføring", owner=WEB_EDITOR,
            provision_requirement=Provision.VOLUNTARY,
            provision_consequences="Du kan la være å melde deg på, og melde deg av når du vil.",
            purposes=(
                PurposeSpec(
                    "Sende nyhetsbrevet til dem som har bedt om det", Art6.CONSENT,
                    direct_marketing=True,
                    consent_record="Påmeldingsloggen for nyhetsbrev i Gurusoft Ecommerce",
                    consent_demonstrable=True,
                ),
            ),
            data_subjects=("Newsletter subscribers",),
            personal_data=("Name", "Contact details (e-mail, phone)", "Marketing preferences and consents"),
            source_description="Oppgitt av abonnenten i påmeldingsskjemaet.",
            recipients=("Processors: IT, hosting and platform providers",),
            transfers_outside_eea=NO,
            security_measures=SHOP_SECURITY, security_description=SHOP_SECURITY_TEXT,
            systems=("Gurusoft Ecommerce",),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Sporingspiksler for markedsføring (Facebook-piksel, Google Tag)",
            description=(
                "Butikken legger Facebook-pikselen og Google Tag inn på sidene sine for å bruke Metas og Googles "
                "målgruppesegmenter i markedsføringen. Erklæringen nevner ikke noe samtykketrinn utover "
                "nettleserens innstillinger for informasjonskapsler og ingen lagringstid; slettefristen mangler, og "
                "ingen vurdering av behovet for DPIA er gjort. " + NO_CONTACT
            ),
            department="Markedsføring", owner=WEB_EDITOR,
            provision_requirement=Provision.VOLUNTARY,
            provision_consequences="Sier du nei, kan du handle i butikken som før.",
            purposes=(
                PurposeSpec(
                    "Segmentere besøkende for markedsføring på Facebook og Google", Art6.CONSENT,
                    direct_marketing=True,
                    consent_record=(
                        "Ingen samtykkelogg er beskrevet: erklæringen viser bare til nettleserens innstillinger for "
                        "informasjonskapsler"
                    ),
                ),
            ),
            data_subjects=("Website visitors", "Customers"),
            personal_data=(
                "Cookies and online identifiers", "IP address and device identifiers", "Browsing and usage behaviour",
            ),
            source_kind=Source.OBSERVED,
            source_description="Lest fra den besøkendes nettleser av pikselen og taggen.",
            recipients=("Marketing and analytics providers", "Social media platforms"),
            recipients_description="Meta og Google mottar hendelsene skriptene sender.",
            transfers_outside_eea=YES,
            security_measures=("Encryption in transit (TLS)",),
            systems=("Meta Pixel", "Google Tag"),
            joint_controllers=(META,),
            profiling=True, is_high_risk=UNKNOWN, dpia_required=UNKNOWN, dpia_status=Dpia.NOT_STARTED,
            status=DRAFT,  # Art. 7(1): no log shows the consents
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Informasjonskapsler for økten i butikken (JSESSIONID, listView)",
            description=(
                "JSESSIONID er en øktkapsel som peker til en øktfil på Gurusofts server, slik at hver besøkende, "
                "også uten konto, har sin egen handlekurv og sine favoritter; listView husker bare om varene vises "
                "som liste eller rutenett, og inneholder ingen personopplysninger. " + NO_CONTACT
            ),
            department=SHOP, owner=WEB_EDITOR,
            provision_requirement=Provision.FOR_CONTRACT,
            provision_consequences="Uten dem husker ikke butikken handlekurven din.",
            purposes=(
                PurposeSpec(
                    "Holde på hver besøkendes handlekurv og favoritter under besøket og huske visningen av varelister",
                    Art6.LEGITIMATE_INTERESTS,
                    legitimate_interest="å huske handlekurven og favorittene dine mens du handler",
                    balancing_test=(
                        "Strengt nødvendig for at butikken skal virke: kapselen inneholder bare en referanse, "
                        "øktfilen forsvinner når nettleseren lukkes eller besøket blir inaktivt, og bare "
                        "systemadministratorer kan lese den. Besøkende venter at handlekurven virker; ulempen for "
                        "dem er ubetydelig."
                    ),
                ),
            ),
            data_subjects=("Website visitors", "Customers"),
            personal_data=("Cookies and online identifiers",),
            source_kind=Source.OBSERVED, source_description="Satt av butikken i den besøkendes nettleser.",
            recipients=("Processors: IT, hosting and platform providers",),
            transfers_outside_eea=NO,
            security_measures=("Role-based access control", "Automatic deletion"),
            security_description="Øktfilene slettes automatisk; bare systemadministratorer kan lese dem.",
            systems=("Gurusoft Ecommerce",),
            retention=(
                RetentionSpec(
                    "Kapselen forsvinner når nettleseren lukkes; øktfilen slettes da eller etter inaktivitet.",
                    runs_from=Event.LAST_ACTIVITY, data_category="Cookies and online identifiers",
                ),
            ),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Sikkerhets- og trafikklogger",
            description=(
                "Gurusoft logger IP-adressen og nettlesertypen ved hver forespørsel for å oppdage og stanse angrep, "
                "holde tjenesten rask og stabil og spore svindelforsøk; loggene brukes ikke til noe annet. "
                "Erklæringen sier at de lagres «i en begrenset periode» uten å si hvor lenge, så slettefristen "
                "mangler. " + NO_CONTACT
            ),
            department="IT", owner="Gurusoft (databehandler), på vegne av webredaktøren",
            provision_requirement=Provision.CONTRACTUAL,
            provision_consequences="Uten denne registreringen kan ikke butikken vises for deg.",
            purposes=(
                PurposeSpec(
                    "Oppdage og forebygge sikkerhetstrusler og etterforske svindel mot butikken",
                    Art6.LEGITIMATE_INTERESTS,
                    legitimate_interest="å beskytte butikken og kundene mot angrep og svindel",
                    balancing_test=(
                        "Fortalepunkt 49: nett- og informasjonssikkerhet er en berettiget interesse. Loggene "
                        "inneholder bare tekniske opplysninger, brukes ikke til annet og beskytter kundene like mye "
                        "som butikken."
                    ),
                ),
                PurposeSpec(
                    "Holde skytjenesten stabil og rask", Art6.LEGITIMATE_INTERESTS,
                    legitimate_interest="å holde nettbutikken stabil og rask",
                    balancing_test=(
                        "Bare tekniske opplysninger, lest av Gurusofts driftspersonell, uten virkning for den "
                        "besøkende."
                    ),
                ),
            ),
            data_subjects=("Website visitors", "Customers"),
            personal_data=("IP address and device identifiers",),
            source_kind=Source.OBSERVED, source_description="Logget av Gurusofts servere ved hver forespørsel.",
            recipients=("Processors: IT, hosting and platform providers",),
            transfers_outside_eea=NO,
            security_measures=(
                "Access logging", "Role-based access control", "Data processing agreements with processors",
            ),
            systems=("Gurusoft Ecommerce",),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Regnskap og bokføring",
            description=(
                "Salget bokføres ut fra ordreopplysningene i forretningssystemet. Erklæringen nevner ikke "
                "bokføring, men bokføringsloven gjelder for butikkens salg. " + NO_CONTACT
            ),
            department="Økonomi", owner="Daglig leder",
            provision_requirement=Provision.STATUTORY,
            purposes=(
                PurposeSpec(
                    "Oppbevare regnskapsmateriale slik bokføringsloven krever", Art6.LEGAL_OBLIGATION,
                    legal_reference="bokføringsloven § 13",
                ),
            ),
            data_subjects=("Customers",),
            personal_data=("Name", "Postal and delivery address", "Order and purchase history"),
            source_kind=Source.DATA_SUBJECT, source_description="Kopiert fra bestillingene i nettbutikken.",
            recipients=("Accountants and auditors", "Public authorities when the law requires it"),
            transfers_outside_eea=NO,
            security_measures=("Role-based access control",),
            systems=("Seleverkstedets forretningssystem",),
            retention=(
                RetentionSpec(
                    "Primærdokumentasjon i regnskapet", duration=5, runs_from=Event.END_OF_FINANCIAL_YEAR,
                    legal_reference="bokføringsloven § 13",
                ),
            ),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
    ),
)
