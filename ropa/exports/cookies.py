"""The cookie register as a sheet of the export (Art. 30(1) with ePrivacy Art. 5(3)), as it stood at the end of a day.

Rebuilt from history like the rest of the export, in a fixed number of queries whatever the register's size. The
headings are fixed wording per language, none of them a heading of the record's sheets, so importing our own
export leaves this sheet out.
"""

import datetime

from django.db.models import Q
from django.utils import timezone, translation

from ropa.exports.layouts import Column
from ropa.exports.record import Sheet
from ropa.exports.rows import display, remembered_labels
from ropa.history.as_of import end_of_day, instances_as_of, latest_versions
from ropa.models import Organisation, ProcessingActivity, Processor
from ropa.website.models import Cookie, Website

KEY = "cookies"
COLUMNS = [
    Column("controller", width=28),
    Column("website", width=30),
    Column("name", width=24),
    Column("kind", width=16),
    Column("party", width=14),
    Column("host", width=24),
    Column("category", width=20),
    Column("purpose", width=45),
    Column("lifetime", width=14),
    Column("activity", width=32),
    Column("processor", width=26),
]
TITLES = {"nb": "Informasjonskapsler", "en": "Cookies", "sv": "Kakor"}
HEADINGS: dict[str, dict[str, str]] = {
    "nb": {
        "controller": "Nettstedets eier", "website": "Nettsted", "name": "Informasjonskapsel eller lagringsnøkkel",
        "kind": "Lagres som", "party": "Første- eller tredjepart", "host": "Settes av vert",
        "category": "Kategori (samtykke)", "purpose": "Hva den brukes til", "lifetime": "Levetid",
        "activity": "Hører til behandlingsaktiviteten", "processor": "Databehandler eller mottaker som setter den",
    },
    "en": {
        "controller": "Website owner", "website": "Website", "name": "Cookie or storage key",
        "kind": "Stored as", "party": "First or third party", "host": "Set by host",
        "category": "Category (consent)", "purpose": "What it is for", "lifetime": "Lifetime",
        "activity": "Belongs to the processing activity", "processor": "Processor or recipient that sets it",
    },
    "sv": {
        "controller": "Webbplatsens ägare", "website": "Webbplats", "name": "Kaka eller lagringsnyckel",
        "kind": "Lagras som", "party": "Första eller tredje part", "host": "Sätts av värd",
        "category": "Kategori (samtycke)", "purpose": "Vad den används till", "lifetime": "Livslängd",
        "activity": "Hör till behandlingen", "processor": "Personuppgiftsbiträde eller mottagare som sätter den",
    },
}


def _as_of(model, ids: set[int], moment: datetime.datetime) -> dict:
    """The named objects as they were at `moment`; those without history then are shown as they are now."""
    if not ids:
        return {}
    found = {row.id: row.instance for row in latest_versions(model, moment).filter(id__in=ids)}
    found.update(model.objects.in_bulk(ids - set(found)))
    return found


def cookie_register_sheet(
    day: datetime.date | None, organisation: Organisation | None, language: str, within: set[int] | None = None,
) -> Sheet:
    """Every cookie in the register at the end of `day` (today by default), as it stood then."""
    moment = end_of_day(day or timezone.localdate())
    versions = latest_versions(Cookie, moment)
    if organisation is not None:
        versions = versions.filter(organisation_id=organisation.pk)
    if within is not None:
        versions = versions.filter(organisation_id__in=within)
    cookies = [version.instance for version in versions]
    # Only the controllers of the rows shown: one client's sheet reads none of the install's other clients.
    organisations = instances_as_of(Organisation, moment, Q(id__in={row.organisation_id for row in cookies}))
    organisations.update(Organisation.objects.in_bulk({c.organisation_id for c in cookies} - set(organisations)))
    websites = _as_of(Website, {c.website_id for c in cookies if c.website_id}, moment)
    activities = _as_of(ProcessingActivity, {c.activity_id for c in cookies if c.activity_id}, moment)
    processors = _as_of(Processor, {c.processor_id for c in cookies if c.processor_id}, moment)
    cookies.sort(key=lambda c: (str(organisations.get(c.organisation_id, "")), c.category, c.name.casefold()))
    with translation.override(language), remembered_labels():
        rows = [
            [
                str(organisations.get(cookie.organisation_id, "")),
                str(websites.get(cookie.website_id, "")),
                cookie.name,
                display(cookie, "kind"),
                display(cookie, "party"),
                cookie.host,
                display(cookie, "category"),
                cookie.purpose,
                cookie.lifetime,
                str(activities.get(cookie.activity_id, "")),
                str(processors.get(cookie.processor_id, "")),
            ]
            for cookie in cookies
        ]
    names = HEADINGS[language]
    return Sheet(KEY, TITLES[language], COLUMNS, [names[column.key] for column in COLUMNS], rows)
