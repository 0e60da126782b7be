"""Two demo breaches on the seed companies, in Norwegian Bokmål: one notified in time, one late with reasons.

Called by `load_demo` (ropa/demo/__init__.py) after the record is loaded, and idempotent like it: a breach is
found by controller and title, saved only when something differs, and walked through the workflow's legal
moves on its first load. Activities are found through their categories (seeded by English name), so they
are found whatever the demo's own wording.
"""

import datetime
from zoneinfo import ZoneInfo

from ropa.breaches.models import Breach, Communication, Notice, Risk, Status
from ropa.demo import consultancy, verdifull
from ropa.demo.spec import CompanySpec
from ropa.models import (
    DataSubjectCategory,
    Organisation,
    PersonalDataCategory,
    ProcessingActivity,
    Processor,
    System,
    YesNoUnknown,
)

OSLO = ZoneInfo("Europe/Oslo")


def _at(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=OSLO)


LAPTOP = {
    "title": "Bærbar PC glemt på toget",
    "occurred_at": _at(2026, 1, 14, 17, 40),
    "aware_at": _at(2026, 1, 14, 19, 5),
    "contained_at": _at(2026, 1, 15, 8, 30),
    "description": (
        "En konsulent glemte jobb-PC-en sin på Flytoget mellom Oslo S og Gardermoen og meldte fra samme kveld. "
        "PC-en hadde en lokal kopi av kundelisten (regneark eksportert fra Microsoft 365) med navn, e-post, "
        "telefon og kjøpshistorikk. BitLocker var ikke slått på for akkurat denne maskinen, så filen kan leses "
        "av den som finner PC-en."
    ),
    "confidentiality": True,
    "availability": True,
    "approximate_data_subjects": 120,
    "approximate_records": 120,
    "consequences": (
        "En finner kan lese kontaktopplysninger og hvilke tjenester kundene har kjøpt, og bruke dem til "
        "målrettet svindel eller phishing i vårt navn. Ingen fødselsnummer eller betalingsopplysninger lå i filen."
    ),
    "measures_taken": (
        "Kontoen ble sperret og PC-en slettet fjernstyrt via Intune 15. januar kl. 08.30 (bekreftet da maskinen "
        "koblet seg på nett). Hittegods hos Flytoget er varslet. Alle passord for kontoen er byttet."
    ),
    "measures_proposed": (
        "BitLocker påtvinges på alle maskiner gjennom Intune, og lokale eksporter av kundelisten er forbudt i "
        "rutinen for informasjonssikkerhet."
    ),
    "risk": Risk.RISK,
    "risk_assessment": (
        "Vanlige personopplysninger om et begrenset antall bedriftskunder; risiko for svindelforsøk, men PC-en "
        "ble slettet innen 14 timer og ingen sensitive opplysninger var med. Ikke høy risiko."
    ),
    "notified_at": _at(2026, 1, 15, 14, 20),
    "authority_case_number": "26/00412",
    "status": Status.CLOSED,
}
LAPTOP_NOTICES = (
    (Notice.Kind.INITIAL, _at(2026, 1, 15, 14, 20),
     "Foreløpig melding via Altinn: hva som skjedde, kundelisten, anslått antall og at PC-en er slettet."),
    (Notice.Kind.FINAL, _at(2026, 1, 22, 10, 0),
     "Sluttmelding: PC-en ble ikke funnet; fjernslettingen er bekreftet i Intune-loggen; BitLocker er påtvunget."),
)

NEWSLETTER = {
    "title": "Abonnentlisten for nyhetsbrevet lå åpent på nett",
    "occurred_at": _at(2026, 2, 9, 23, 0),
    "aware_at": _at(2026, 2, 16, 10, 15),
    "contained_at": _at(2026, 2, 16, 11, 40),
    "description": (
        "En utvidelsesmodul i nettbutikken lagret en eksport av abonnentlisten i en offentlig mappe på "
        "nettstedet. En kunde fant filen via et søk og sa fra på e-post. Filen inneholdt navn, e-postadresse, "
        "telefonnummer og samtykkestatus for abonnentene, og tilgangsloggen viser at den ble lastet ned tre "
        "ganger fra ukjente adresser."
    ),
    "confidentiality": True,
    "approximate_data_subjects": 2300,
    "approximate_records": 2300,
    "consequences": (
        "Abonnentene kan få phishing-e-post og SMS som later som de kommer fra Verdifull, og mer søppelpost."
    ),
    "measures_taken": (
        "Filen og mappen ble slettet 16. februar kl. 11.40, utvidelsesmodulen er fjernet, og søkemotorene er "
        "bedt om å fjerne treffet. Abonnentene fikk e-post om hendelsen med råd om falske henvendelser."
    ),
    "measures_proposed": "Ukentlig kontroll av offentlige mapper, og nye utvidelser vurderes før de tas i bruk.",
    "risk": Risk.RISK,
    "risk_assessment": (
        "Kontaktopplysninger om mange personer er faktisk lastet ned av ukjente; risiko for svindelforsøk. "
        "Ingen betalingsopplysninger eller passord, så ikke høy risiko; vi varslet abonnentene likevel."
    ),
    "notified_at": _at(2026, 2, 20, 14, 0),
    "delay_reasons": (
        "Vi trodde først at filen var en gammel testfil uten ekte abonnenter. Først da tilgangsloggen fra "
        "leverandøren kom 19. februar om kvelden, så vi at den var ekte og hadde blitt lastet ned."
    ),
    "authority_case_number": "26/01187",
    "communication": Communication.COMMUNICATED,
    "communicated_at": _at(2026, 2, 20, 16, 30),
    "communication_means": "E-post til hver abonnent, og en melding på forsiden av nettbutikken i to uker.",
    "status": Status.NOTIFIED,
}
NEWSLETTER_NOTICES = (
    (Notice.Kind.INITIAL, _at(2026, 2, 20, 14, 0),
     "Melding via Altinn med begrunnelse for forsinkelsen, anslått antall og tiltakene så langt."),
    (Notice.Kind.FOLLOW_UP, _at(2026, 2, 27, 9, 30),
     "Ettersendt tilgangsloggen og kopi av e-posten til abonnentene (art. 33 nr. 4)."),
)


def load() -> None:
    """Create or update the two demo breaches (called by load_demo inside its transaction)."""
    _load_breach(
        consultancy.COMPANY, "Contact persons at business customers", LAPTOP, LAPTOP_NOTICES,
        systems=("Microsoft 365",), processors=("Microsoft 365",),
        data=("Name", "Contact details (e-mail, phone)", "Order and purchase history"),
        subjects=("Customers", "Contact persons at business customers"),
    )
    _load_breach(
        verdifull.COMPANY, "Newsletter subscribers", NEWSLETTER, NEWSLETTER_NOTICES,
        systems=("WordPress med WooCommerce",), processors=(),
        data=("Name", "Contact details (e-mail, phone)", "Marketing preferences and consents"),
        subjects=("Newsletter subscribers",),
    )


def _activity(company: CompanySpec, data_subject: str) -> ProcessingActivity:
    spec = next(activity for activity in company.activities if data_subject in activity.data_subjects)
    return ProcessingActivity.objects.get(organisation__name=company.organisation.name, name=spec.name)


def _load_breach(
    company: CompanySpec, data_subject: str, values: dict, notices: tuple, *,
    systems: tuple[str, ...], processors: tuple[str, ...], data: tuple[str, ...], subjects: tuple[str, ...],
) -> Breach:
    from ropa.demo import CHANGE_REASON, _upsert

    organisation = Organisation.objects.get(name=company.organisation.name, role=Organisation.Role.CONTROLLER)
    key = {"organisation": organisation, "title": values["title"]}
    if not Breach.objects.filter(**key).exists():
        # The workflow's legal moves: recorded while being assessed, then notified, then (maybe) closed.
        _upsert(Breach, key, {**values, "status": Status.ASSESSING, "notified_at": None, "communication": "",
                              "communicated_at": None})
        _upsert(Breach, key, {**values, "status": Status.NOTIFIED})
    breach = _upsert(Breach, key, {**values, "processor_without_undue_delay": YesNoUnknown.UNKNOWN})
    breach._change_reason = CHANGE_REASON
    breach.activities.set([_activity(company, data_subject)])
    # The company's own system and processor rows: each workspace keeps its own copy (issue 23).
    breach.systems.set(System.objects.filter(workspace=organisation.workspace_id, name__in=systems))
    breach.processors.set(Processor.objects.filter(workspace=organisation.workspace_id, name__in=processors))
    # Vocabulary: the shared entries (the demo names no entry of a workspace's own).
    breach.data_subject_categories.set(DataSubjectCategory.objects.filter(workspace=None, name__in=subjects))
    breach.personal_data_categories.set(PersonalDataCategory.objects.filter(workspace=None, name__in=data))
    for kind, sent_at, content in notices:
        _upsert(Notice, {"breach": breach, "kind": kind, "sent_at": sent_at}, {"content": content})
    return breach
