"""DPIA screenings for the demo (Art. 35): camera surveillance at Seleverkstedet, and the payment activities.

Activities are found through the company specs, not by a name written here: a payment activity is one whose
spec lists "Payment details" and rests on a contract (Art. 6(1)(b)), so rewording the demo keeps them found.
The camera surveillance is an activity of this module's own, with its screening and a decided DPIA.
Texts are in Norwegian Bokmål, as the companies' officers would write them.
"""

import datetime

from ropa.demo import seleverkstedet
from ropa.demo.spec import YES, ActivitySpec, Dpia, Event, Provision, PurposeSpec, RetentionSpec, Source, Unit
from ropa.models import Dpia as DpiaRecord
from ropa.models import LegalBasis, ListedProcessing, RiskLevel

PAYMENT_DATA = "Payment details"
SCREENED_ON = datetime.datetime(2026, 2, 9, 10, 0, tzinfo=datetime.UTC)
DECIDED_ON = datetime.date(2026, 2, 16)

CAMERA = ActivitySpec(
    name="Kameraovervåking i verksted og butikk",
    description=(
        "Fire kameraer filmer inngangen, butikklokalet og lageret utenfor åpningstid og i butikken i åpningstiden. "
        "Opptakene lagres lokalt på en opptaker i et låst rom og slettes automatisk etter sju dager. Kunder og "
        "ansatte blir filmet; skilt ved inngangen forteller om overvåkingen og hvem som er ansvarlig."
    ),
    department="Verksted", owner="Daglig leder",
    provision_requirement=Provision.VOLUNTARY,
    provision_consequences="Vil du ikke bli filmet, kan du kontakte oss på telefon eller e-post i stedet.",
    purposes=(
        PurposeSpec(
            "Forebygge og oppklare innbrudd, tyveri og hærverk", LegalBasis.Article6.LEGITIMATE_INTERESTS,
            legitimate_interest="å beskytte verkstedet, butikken og de ansatte mot innbrudd, tyveri og hærverk",
            balancing_test=(
                "Verkstedet har hatt to innbrudd. Kameraene dekker bare inngang, butikk og lager, ikke pauserom "
                "eller arbeidsplassene i verkstedet; opptak ses bare ved en hendelse og slettes etter sju dager."
            ),
        ),
    ),
    data_subjects=("Customers", "Employees"),
    personal_data=("Images and video",),
    source_kind=Source.OBSERVED,
    source_description="Opptak fra kameraene.",
    recipients=("Public authorities when the law requires it", "Internal staff only"),
    recipients_description="Politiet kan få utlevert opptak ved anmeldelse av et innbrudd eller tyveri.",
    transfers_outside_eea="no",
    security_measures=("Physical access control", "Automatic deletion", "Access logging"),
    security_description="Opptakeren står i et låst rom; bare daglig leder har passord og ser på opptak.",
    retention=(
        RetentionSpec(
            "Opptak slettes automatisk sju dager etter opptak", duration=7, unit=Unit.DAYS,
            runs_from=Event.COLLECTION, legal_reference="personopplysningsforskriften, kameraovervåking i virksomhet",
        ),
    ),
    systematic_monitoring=True,  # WP248 criterion 3, screened below
    is_high_risk=YES, dpia_required=YES, dpia_status=Dpia.COMPLETED,
    last_reviewed=DECIDED_ON, next_review=datetime.date(2027, 2, 16),
)

CAMERA_SCREENING = {
    "listed_processing": [ListedProcessing.EMPLOYEE_MONITORING.value],
    "criterion_monitoring": True,
    "criterion_vulnerable": True,
    "reasoning": (
        "Kameraene filmer de ansatte systematisk i arbeidstiden (kontrolltiltak etter arbeidsmiljøloven kap. 9), "
        "som står på Datatilsynets liste. I tillegg er to av de ni kriteriene oppfylt: systematisk overvåking og "
        "sårbare registrerte (ansatte, på grunn av ubalansen i arbeidsforholdet)."
    ),
    "answered_at": SCREENED_ON,
}

CAMERA_DPIA = {
    "description": CAMERA.description,
    "necessity_and_proportionality": (
        "Innbruddene viser et reelt behov. Alarm alene har ikke hindret tyveri fra lageret. Kameraene er rettet "
        "bort fra arbeidsbenkene og pauserommet, og opptakene brukes ikke til å kontrollere arbeidsinnsats."
    ),
    "measures": (
        "Skilting ved inngangen; lokal lagring uten skytjeneste; sletting etter sju dager; innsyn bare for daglig "
        "leder og bare ved en hendelse, med logg; drøftet med de ansatte før oppstart."
    ),
    "residual_risk": RiskLevel.LOW,
    "dpo_advice": (
        "Personvernrådgiveren anbefaler å gå videre når kameraet i verkstedet er flyttet slik at arbeidsbenkene "
        "ikke filmes, og å evaluere ordningen etter et år."
    ),
    "decision": DpiaRecord.Decision.PROCEED_WITH_MEASURES,
    "decided_by": "Daglig leder",
    "review_date": datetime.date(2027, 2, 16),
}

CAMERA_RISKS = (
    ("Ansatte opplever at de blir overvåket i arbeidet sitt", 3, 2,
     "Kameraene filmer ikke arbeidsbenker eller pauserom; opptak brukes ikke til kontroll av ansatte."),
    ("Opptak kommer på avveie eller ses av uvedkommende", 2, 3,
     "Opptakeren står i et låst rom, med passord og logg; ingen fjerntilgang."),
    ("Opptak lagres lenger enn nødvendig", 2, 2, "Automatisk sletting etter sju dager."),
)

PAYMENT_SCREENING = {
    "criterion_sensitive": True,
    "reasoning": (
        "Betalingsopplysninger er opplysninger av svært personlig karakter (kriterium 4), men ingen andre kriterier "
        "er oppfylt: kortnummer lagres hos betalingsleverandøren, ikke hos oss, det er ingen profilering eller "
        "automatiserte avgjørelser, og omfanget er en vanlig nettbutikks. Én oppfylt faktor gir ikke høy risiko "
        "her, så en DPIA er ikke nødvendig."
    ),
    "answered_at": SCREENED_ON,
}


def payment_activities() -> list[tuple[str, str]]:
    """(organisation, activity) names of the activities that take payment under a contract, from the specs."""
    from ropa.demo import COMPANIES

    return [
        (company.organisation.name, spec.name)
        for company in COMPANIES
        for spec in company.activities
        if PAYMENT_DATA in spec.personal_data
        and any(purpose.article6 == LegalBasis.Article6.CONTRACT for purpose in spec.purposes)
    ]


def load() -> None:
    """Screen the payment activities and add the camera surveillance with its screening and DPIA; idempotent."""
    from ropa.demo import _load_activity, _upsert, company_lookup
    from ropa.models import DpiaRisk, DpiaScreening, Organisation, ProcessingActivity

    for organisation, name in payment_activities():
        activity = ProcessingActivity.objects.get(organisation__name=organisation, name=name)
        _upsert(DpiaScreening, {"activity": activity}, PAYMENT_SCREENING)

    lookup = company_lookup(seleverkstedet.COMPANY.organisation.name)
    workshop = Organisation.objects.get(workspace=lookup.workspace, name=seleverkstedet.COMPANY.organisation.name)
    camera = _load_activity(workshop, CAMERA, lookup)
    _upsert(DpiaScreening, {"activity": camera}, CAMERA_SCREENING)
    dpia = _upsert(DpiaRecord, {"activity": camera, "decided_on": DECIDED_ON}, CAMERA_DPIA)
    for description, likelihood, severity, measures in CAMERA_RISKS:
        _upsert(DpiaRisk, {"dpia": dpia, "description": description}, {
            "likelihood": likelihood, "severity": severity, "measures": measures,
        })
