"""Selby AS: a Norwegian platform with registered users, a contact form and security monitoring (seed 003).

The record is written in Bokmål. The policy is short and refers details to each service's agreement
documents, so the account data's storage period (Art. 30(1)(f)) is missing; monitoring keeps data "as
long as relevant", also missing.
"""

import datetime

from ropa.demo.spec import (
    NO,
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

NAME = "Selby AS"
Art6 = LegalBasis.Article6
REVIEWED = datetime.date(2026, 6, 8)
NEXT_REVIEW = datetime.date(2027, 6, 8)
PLATFORM = "Plattform"
CTO = "Teknologidirektør"
PLATFORM_SECURITY = ("Encryption in transit (TLS)", "Role-based access control", "Access logging")
PLATFORM_SECURITY_TEXT = (
    "En informasjonskapsel sikrer forbindelsen mellom brukerens enhet og plattformen, og overvåkingssystemer "
    "holder øye med mistenkelig aktivitet."
)

COMPANY = CompanySpec(
    organisation=OrganisationSpec(
        NAME, organisation_number="983950418", country="NO", email="personvern@selby.example",
        website="https://selby.no",
    ),
    activities=(
        ActivitySpec(
            name="Registrerte brukere av plattformen",
            description=(
                "Brukere som registrerer seg, oppgir bare det de avtalte tjenestene trenger. Vanlige besøkende på "
                "selby.no registreres ikke. Detaljene for hver tjeneste står i avtaledokumentene som signeres ved "
                "registrering, og som protokollen ennå ikke dekker, så slettefristen mangler."
            ),
            department=PLATFORM, owner=CTO,
            provision_requirement=Provision.FOR_CONTRACT,
            provision_consequences="Uten disse opplysningene kan du ikke registrere deg og bruke plattformen.",
            purposes=(PurposeSpec("Levere tjenestene som ble avtalt ved registrering", Art6.CONTRACT),),
            data_subjects=("Registered users", "Contact persons at business customers"),
            personal_data=(
                "Name", "Contact details (e-mail, phone)", "User name and password",
                "Customer number and account details",
            ),
            source_description="Oppgitt av brukeren ved registrering.",
            recipients=("Internal staff only",),
            transfers_outside_eea=NO,
            security_measures=PLATFORM_SECURITY, security_description=PLATFORM_SECURITY_TEXT,
            systems=("Selby-plattformen",),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Informasjonskapsler for økt og innlogging",
            description=(
                "Én anonym informasjonskapsel sikrer forbindelsen og holder kortvarig øktinformasjon; den følger "
                "ikke brukeren mellom systemer. Blokkeres den, kan bestilling eller innlogging slutte å virke. "
                "Krysser brukeren av for «Husk meg», legges det til en langvarig kapsel som holder brukeren "
                "innlogget til vedkommende logger ut."
            ),
            department=PLATFORM, owner=CTO,
            provision_requirement=Provision.FOR_CONTRACT,
            provision_consequences="Uten disse informasjonskapslene kan du ikke logge inn.",
            purposes=(
                PurposeSpec(
                    "Sikre forbindelsen og holde kortvarig øktinformasjon", Art6.LEGITIMATE_INTERESTS,
                    legitimate_interest="å holde forbindelsen din til plattformen sikker",
                    balancing_test=(
                        "Strengt nødvendig for en sikker tjeneste; kapselen er en midlertidig, anonym referanse som "
                        "slettes automatisk og ikke brukes til å spore noen."
                    ),
                ),
                PurposeSpec("Holde brukeren innlogget når «Husk meg» er valgt", Art6.CONTRACT),
            ),
            data_subjects=("Registered users", "Website visitors"),
            personal_data=("Cookies and online identifiers",),
            source_kind=Source.OBSERVED, source_description="Satt av plattformen i nettleseren.",
            recipients=("Internal staff only",),
            transfers_outside_eea=NO,
            security_measures=("Encryption in transit (TLS)", "Automatic deletion"),
            systems=("Selby-plattformen",),
            retention=(
                RetentionSpec(
                    "Øktkapselen slettes automatisk når den ikke lenger er i bruk.",
                    runs_from=Event.LAST_ACTIVITY, data_category="Cookies and online identifiers",
                ),
                RetentionSpec(
                    "Kapselen for «Husk meg» blir liggende til brukeren logger ut.",
                    runs_from=Event.OTHER, data_category="Cookies and online identifiers",
                ),
            ),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Sikkerhetsovervåking",
            description=(
                "Overvåkingssystemer registrerer mistenkelig aktivitet for å holde plattformen sikker; vanlig bruk "
                "etterlater ingen slik registrering. Erklæringen oppbevarer opplysningene «så lenge de er "
                "relevante» for sikkerheten, uten frist, så slettefristen mangler."
            ),
            department="Drift", owner=CTO,
            provision_requirement=Provision.CONTRACTUAL,
            provision_consequences="Uten denne registreringen kan du ikke bruke plattformen.",
            purposes=(
                PurposeSpec(
                    "Oppdage og undersøke mistenkelig aktivitet på plattformen", Art6.LEGITIMATE_INTERESTS,
                    legitimate_interest="å beskytte plattformen og brukerne mot angrep og misbruk",
                    balancing_test=(
                        "Fortalepunkt 49: nett- og informasjonssikkerhet er en berettiget interesse. Bare "
                        "mistenkelige hendelser lagres, noe som beskytter alle brukerne av plattformen."
                    ),
                ),
            ),
            data_subjects=("Registered users", "Website visitors"),
            personal_data=("IP address and device identifiers", "Browsing and usage behaviour"),
            source_kind=Source.OBSERVED, source_description="Registrert av overvåkingssystemene.",
            recipients=("Internal staff only",),
            transfers_outside_eea=NO,
            security_measures=("Access logging", "Role-based access control"),
            systems=("Selby-plattformen",),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Henvendelser via kontaktskjemaet",
            description=(
                "Henvendelser sendt via kontaktskjemaet lagres til de er sendt videre til rett person eller lukket "
                "uten oppfølging; noen flyttes til det interne saksbehandlingssystemet."
            ),
            department="Kundeservice", owner="Kundeserviceleder",
            provision_requirement=Provision.VOLUNTARY,
            provision_consequences="Uten kontaktopplysninger kan vi ikke svare deg.",
            purposes=(
                PurposeSpec(
                    "Svare på henvendelser og sende dem videre til rett person", Art6.LEGITIMATE_INTERESTS,
                    legitimate_interest="å svare deg raskt og sende saken til den som kan hjelpe deg",
                    balancing_test=(
                        "De som skriver til oss, venter svar; vi lagrer bare det de sender, og bare en kort stund."
                    ),
                ),
            ),
            data_subjects=("People who contact us", "Prospective customers"),
            personal_data=("Name", "Contact details (e-mail, phone)", "Messages and correspondence"),
            source_description="Skrevet av avsenderen i kontaktskjemaet.",
            recipients=("Internal staff only",),
            transfers_outside_eea=NO,
            security_measures=PLATFORM_SECURITY,
            systems=("Selby-plattformen", "Selbys saksbehandlingssystem"),
            retention=(
                RetentionSpec(
                    "Lagres til henvendelsen er sendt videre eller lukket; saker som trenger oppfølging, flyttes "
                    "til saksbehandlingssystemet.",
                    runs_from=Event.OTHER,  # the whole enquiry, who sent it included
                ),
            ),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Regnskap og bokføring",
            description=(
                "Fakturaer for tjenester bestilt på plattformen. Erklæringen nevner ikke bokføring, men som norsk "
                "aksjeselskap er Selby bundet av bokføringsloven."
            ),
            department="Økonomi", owner="Økonomidirektør",
            provision_requirement=Provision.STATUTORY,
            purposes=(
                PurposeSpec(
                    "Oppbevare regnskapsmateriale slik bokføringsloven krever", Art6.LEGAL_OBLIGATION,
                    legal_reference="bokføringsloven § 13",
                ),
            ),
            data_subjects=("Customers", "Contact persons at business customers"),
            personal_data=("Name", "Contact details (e-mail, phone)", "Order and purchase history"),
            source_description="Fra bestillingene på plattformen.",
            recipients=("Accountants and auditors", "Public authorities when the law requires it"),
            transfers_outside_eea=NO,
            security_measures=("Role-based access control",),
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
