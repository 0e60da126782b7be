"""The breach register as a sheet of the export for the authority (Art. 33(5)), as it stood at the end of a day.

Rebuilt from history like the rest of the export, in a fixed number of queries whatever the number of
breaches. Headings are fixed wording per language, kept here with the sheet; none of them reads as a
heading of the record's sheets, so importing our own export leaves this sheet out.
"""

import datetime
from collections import defaultdict

from django.apps import apps
from django.db.models import Q
from django.utils import timezone, translation

from ropa.breaches.models import Breach, Notice
from ropa.exports.layouts import Column
from ropa.exports.record import Sheet
from ropa.exports.rows import LINE, display, labels, name_of, remembered_labels
from ropa.history.as_of import end_of_day, instances_as_of, latest_versions
from ropa.models import DataSubjectCategory, Organisation, PersonalDataCategory, ProcessingActivity, Processor, System

KEY = "breaches"
LINKS = {
    "activities": ProcessingActivity,
    "systems": System,
    "processors": Processor,
    "data_subject_categories": DataSubjectCategory,
    "personal_data_categories": PersonalDataCategory,
}

COLUMNS = [
    Column("controller", width=28),
    Column("title", width=30),
    Column("occurred", width=17),
    Column("aware", width=17),
    Column("contained", width=17),
    Column("deadline", width=17),
    Column("description", width=45),
    Column("nature", width=24),
    Column("activities", kind="list", width=32),
    Column("systems", kind="list", width=24),
    Column("processors", kind="list", width=24),
    Column("data_subjects", kind="list", width=30),
    Column("data_subject_count", kind="number", width=14),
    Column("personal_data", kind="list", width=32),
    Column("record_count", kind="number", width=14),
    Column("consequences", width=40),
    Column("measures_taken", width=40),
    Column("measures_proposed", width=40),
    Column("processor_breach", width=24),
    Column("processor_told", width=17),
    Column("processor_without_undue_delay", width=16),
    Column("risk", width=30),
    Column("risk_assessment", width=40),
    Column("status", width=22),
    Column("not_notified_reason", width=40),
    Column("notified", width=17),
    Column("delay_reasons", width=40),
    Column("case_number", width=16),
    Column("notices", kind="list", width=50),
    Column("communication", width=36),
    Column("communicated", width=17),
    Column("communication_means", width=36),
    Column("exemption_reasons", width=36),
]

TITLES = {"nb": "Avviksregister", "en": "Breach register", "sv": "Personuppgiftsincidenter"}

HEADINGS: dict[str, dict[str, str]] = {
    "nb": {
        "controller": "Virksomheten avviket gjelder",
        "title": "Avvik",
        "occurred": "Tidspunkt for bruddet",
        "aware": "Oppdaget (fristen løper fra)",
        "contained": "Stanset",
        "deadline": "Frist for melding (72 timer)",
        "description": "Hva skjedde",
        "nature": "Type brudd",
        "activities": "Berørte behandlingsaktiviteter",
        "systems": "Berørte systemer",
        "processors": "Berørte databehandlere",
        "data_subjects": "Berørte kategorier registrerte",
        "data_subject_count": "Omtrentlig antall registrerte",
        "personal_data": "Berørte kategorier personopplysninger",
        "record_count": "Omtrentlig antall registreringer",
        "consequences": "Sannsynlige konsekvenser",
        "measures_taken": "Tiltak som er truffet",
        "measures_proposed": "Tiltak som foreslås",
        "processor_breach": "Brudd hos databehandler",
        "processor_told": "Databehandleren varslet oss",
        "processor_without_undue_delay": "Varslet uten ugrunnet opphold (art. 33 nr. 2)",
        "risk": "Risikovurdering",
        "risk_assessment": "Begrunnelse for risikovurderingen",
        "status": "Status for avviket",
        "not_notified_reason": "Begrunnelse for ikke å melde",
        # Art. 33(1): the authority of the controller, which is IMY for a Swedish one.
        "notified": "Meldt til tilsynsmyndigheten",
        "delay_reasons": "Årsaker til forsinket melding",
        "case_number": "Tilsynsmyndighetens saksnummer",
        "notices": "Meldinger i faser (art. 33 nr. 4)",
        "communication": "Underretning av de registrerte (art. 34)",
        "communicated": "Registrerte underrettet",
        "communication_means": "Hvordan de ble underrettet",
        "exemption_reasons": "Begrunnelse for unntak (art. 34 nr. 3)",
    },
    "en": {
        "controller": "Organisation the breach concerns",
        "title": "Breach",
        "occurred": "Breach happened",
        "aware": "Became aware (the clock starts)",
        "contained": "Contained",
        "deadline": "Notify by (72 hours)",
        "description": "What happened",
        "nature": "Nature of the breach",
        "activities": "Processing activities involved",
        "systems": "Systems involved",
        "processors": "Processors involved",
        "data_subjects": "Categories of data subjects affected",
        "data_subject_count": "Approximate number of data subjects",
        "personal_data": "Categories of personal data affected",
        "record_count": "Approximate number of records",
        "consequences": "Likely consequences",
        "measures_taken": "Measures taken",
        "measures_proposed": "Measures proposed",
        "processor_breach": "Breach at a processor",
        "processor_told": "Processor told us",
        "processor_without_undue_delay": "Told without undue delay (Art. 33(2))",
        "risk": "Risk assessment",
        "risk_assessment": "Reasons for the risk assessment",
        "status": "State of the breach",
        "not_notified_reason": "Why it was not notified",
        "notified": "Notified to the authority",
        "delay_reasons": "Reasons for a late notification",
        "case_number": "Authority's case number",
        "notices": "Notices in phases (Art. 33(4))",
        "communication": "Communication to data subjects (Art. 34)",
        "communicated": "Data subjects told",
        "communication_means": "How they were told",
        "exemption_reasons": "Reasons for an exemption (Art. 34(3))",
    },
    "sv": {
        "controller": "Verksamhet som incidenten gäller",
        "title": "Incident",
        "occurred": "Incidenten inträffade",
        "aware": "Upptäckt (fristen löper från)",
        "contained": "Stoppad",
        "deadline": "Anmäl senast (72 timmar)",
        "description": "Vad som hände",
        "nature": "Typ av incident",
        "activities": "Berörda behandlingar",
        "systems": "Berörda system",
        "processors": "Berörda biträden",
        "data_subjects": "Berörda kategorier av registrerade",
        "data_subject_count": "Ungefärligt antal registrerade",
        "personal_data": "Berörda kategorier av personuppgifter",
        "record_count": "Ungefärligt antal registerposter",
        "consequences": "Sannolika konsekvenser",
        "measures_taken": "Vidtagna åtgärder",
        "measures_proposed": "Föreslagna åtgärder",
        "processor_breach": "Incident hos biträde",
        "processor_told": "Biträdet underrättade oss",
        "processor_without_undue_delay": "Utan onödigt dröjsmål (art. 33.2)",
        "risk": "Riskbedömning",
        "risk_assessment": "Skäl för riskbedömningen",
        "status": "Incidentens läge",
        "not_notified_reason": "Skäl för att inte anmäla",
        "notified": "Anmäld till tillsynsmyndigheten",
        "delay_reasons": "Skäl för försenad anmälan",
        "case_number": "Myndighetens diarienummer",
        "notices": "Anmälan i omgångar (art. 33.4)",
        "communication": "Information till de registrerade (art. 34)",
        "communicated": "Registrerade informerade",
        "communication_means": "Hur de informerades",
        "exemption_reasons": "Skäl för undantag (art. 34.3)",
    },
}


def _moment(value: datetime.datetime | None) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if value else ""


def breach_register_sheet(
    day: datetime.date | None, organisation: Organisation | None, language: str, within: set[int] | None = None,
) -> Sheet:
    """Every breach recorded by the end of `day` (today by default), as it stood then, oldest awareness first."""
    moment = end_of_day(day or timezone.localdate())
    versions = latest_versions(Breach, moment)
    if organisation is not None:
        versions = versions.filter(organisation_id=organisation.pk)
    if within is not None:
        versions = versions.filter(organisation_id__in=within)
    versions = list(versions)
    history_ids = [version.history_id for version in versions]
    links: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for name, model in LINKS.items():
        through = apps.get_model("breaches", f"HistoricalBreach_{name}")
        pairs = list(
            through.objects.filter(history_id__in=history_ids).values_list("history_id", f"{model._meta.model_name}_id")
        )
        known = _as_of(model, {target for _history_id, target in pairs}, moment)
        for history_id, target in pairs:
            if target in known:
                links[history_id][name].append(known[target])
    notices = defaultdict(list)
    for row in latest_versions(Notice, moment).filter(breach_id__in=[v.id for v in versions]).order_by("sent_at", "id"):
        notices[row.breach_id].append(row.instance)
    # Only the controllers of the rows shown: one client's sheet reads none of the install's other clients.
    organisations = instances_as_of(Organisation, moment, Q(id__in={row.organisation_id for row in versions}))
    organisations.update(Organisation.objects.in_bulk(
        {v.organisation_id for v in versions} - set(organisations)
    ))
    processors = _as_of(Processor, {v.reported_by_processor_id for v in versions if v.reported_by_processor_id}, moment)
    breaches = sorted((version.instance for version in versions), key=lambda b: (b.aware_at is None, b.aware_at, b.pk))
    by_history = {version.id: version.history_id for version in versions}
    with translation.override(language), remembered_labels():
        rows = [
            _row(breach, links[by_history[breach.pk]], notices[breach.pk], organisations, processors)
            for breach in breaches
        ]
    names = HEADINGS[language]
    return Sheet(KEY, TITLES[language], COLUMNS, [names[column.key] for column in COLUMNS], rows)


def _as_of(model, ids: set[int], moment: datetime.datetime) -> dict:
    """The named objects as they were at `moment`; those without history then are shown as they are now."""
    if not ids:
        return {}
    found = {row.id: row.instance for row in latest_versions(model, moment).filter(id__in=ids)}
    missing = ids - set(found)
    if missing:
        found.update(model.objects.in_bulk(missing))
    return found


def _row(breach: Breach, links: dict, notices: list[Notice], organisations: dict, processors: dict) -> list:
    nature = [
        str(Breach._meta.get_field(name).verbose_name) for name in ("confidentiality", "integrity", "availability")
        if getattr(breach, name)
    ]
    processor = processors.get(breach.reported_by_processor_id)
    values = {
        "controller": name_of(organisations, breach.organisation_id),
        "title": breach.title,
        "occurred": _moment(breach.occurred_at),
        "aware": _moment(breach.aware_at),
        "contained": _moment(breach.contained_at),
        "deadline": _moment(breach.notification_deadline),
        "description": breach.description,
        "nature": LINE.join(nature),
        "activities": labels(links["activities"]),
        "systems": labels(links["systems"]),
        "processors": labels(links["processors"]),
        "data_subjects": labels(links["data_subject_categories"]),
        "data_subject_count": breach.approximate_data_subjects,
        "personal_data": labels(links["personal_data_categories"]),
        "record_count": breach.approximate_records,
        "consequences": breach.consequences,
        "measures_taken": breach.measures_taken,
        "measures_proposed": breach.measures_proposed,
        "processor_breach": processor.name if processor else "",
        "processor_told": _moment(breach.processor_told_at),
        "processor_without_undue_delay": display(breach, "processor_without_undue_delay") if processor else "",
        "risk": display(breach, "risk"),
        "risk_assessment": breach.risk_assessment,
        "status": display(breach, "status"),
        "not_notified_reason": breach.not_notified_reason,
        "notified": _moment(breach.notified_at),
        "delay_reasons": breach.delay_reasons,
        "case_number": breach.authority_case_number,
        "notices": LINE.join(
            f"{_moment(notice.sent_at)} {display(notice, 'kind')}: {notice.content}" for notice in notices
        ),
        "communication": display(breach, "communication"),
        "communicated": _moment(breach.communicated_at),
        "communication_means": breach.communication_means,
        "exemption_reasons": breach.exemption_reasons,
    }
    return [values[column.key] for column in COLUMNS]
