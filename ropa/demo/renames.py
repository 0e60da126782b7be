"""The demo's earlier English names, so a database loaded before the record spoke Bokmål is renamed in place.

`load_demo()` finds rows by natural key; without this, a second run on an old database would add the
Norwegian rows next to the English ones. Each rename goes through `save()` and is recorded in history.
"""

from django.db import models

from ropa.models import DataProcessingAgreement, Organisation, ProcessingActivity, Processor, System

ORGANISATIONS = {
    "Consultancy (Microsoft 365 and Wix)": "Rådgivningsselskapet (Microsoft 365 og Wix)",
    "Swedish web shop (Uni Micro Web)": "Svensk webbutik (Uni Micro Web)",
    "Transport partners (not named in the policy)": "Transportpartnere (ikke navngitt i erklæringen)",
    "Newsletter provider (not named in the policy)": "Leverandør av nyhetsbrev (ikke navngitt i erklæringen)",
}
SYSTEMS = {
    "Seleverkstedet ERP": "Seleverkstedets forretningssystem",
    "WordPress with WooCommerce": "WordPress med WooCommerce",
    "Newsletter service (not named)": "Nyhetsbrevtjeneste (ikke navngitt)",
    "Selby platform": "Selby-plattformen",
    "Selby case management": "Selbys saksbehandlingssystem",
}
PROCESSORS = {
    "Newsletter service": "Nyhetsbrevtjeneste",
    "Meta pixel (Facebook)": "Meta-piksel (Facebook)",
    "Google Tag and Google Ads": "Google Tag og Google Ads",
    "Transport partners": "Transportpartnere",
}
# Keyed by the organisation's current name.
ACTIVITIES = {
    "Seleverkstedet": {
        "Web shop orders": "Bestillinger i nettbutikken",
        "Customer accounts (My page)": "Kundekontoer (Min side)",
        "Newsletter": "Nyhetsbrev",
        "Marketing pixels (Facebook pixel, Google Tag)": (
            "Sporingspiksler for markedsføring (Facebook-piksel, Google Tag)"
        ),
        "Shop session cookies (JSESSIONID, listView)": (
            "Informasjonskapsler for økten i butikken (JSESSIONID, listView)"
        ),
        "Security and traffic logs": "Sikkerhets- og trafikklogger",
        "Bookkeeping": "Regnskap og bokføring",
    },
    "Verdifull.no": {
        "Purchases and payment": "Kjøp og betaling",
        "Bookkeeping and tax": "Regnskap og skatt",
        "Customer accounts": "Kundekontoer",
        "E-mail marketing and newsletter": "E-postmarkedsføring og nyhetsbrev",
        "Blog comments": "Kommentarer på bloggen",
        "Customer service, refunds and complaints": "Kundeservice, refusjoner og reklamasjoner",
        "Embedded content from other sites": "Innebygd innhold fra andre nettsteder",
    },
    "Rådgivningsselskapet (Microsoft 365 og Wix)": {
        "Customer relationship, orders and payment": "Kundeforhold, bestillinger og betaling",
        "Invoicing and bookkeeping": "Fakturering og regnskap",
        "Fraud prevention and anti-money-laundering checks": "Svindelforebygging og kontroller etter hvitvaskingsloven",
        "Website analytics (Google Analytics)": "Analyse av nettstedet (Google Analytics)",
        "Newsletter": "Nyhetsbrev",
        "Customer service and satisfaction surveys": "Kundeservice og kundetilfredshetsundersøkelser",
        "Social media": "Sosiale medier",
    },
    "Selby AS": {
        "Registered platform users": "Registrerte brukere av plattformen",
        "Session and login cookies": "Informasjonskapsler for økt og innlogging",
        "Security monitoring": "Sikkerhetsovervåking",
        "Contact form enquiries": "Henvendelser via kontaktskjemaet",
        "Bookkeeping": "Regnskap og bokføring",
    },
    "Svensk webbutik (Uni Micro Web)": {
        "Customer accounts and customer register": "Kundkonton och kundregister",
        "Orders, delivery and invoicing": "Beställningar, leverans och fakturering",
        "Bookkeeping": "Bokföring",
        "Customer service": "Kundtjänst",
        "Newsletter and marketing": "Nyhetsbrev och marknadsföring",
        "Advertising pixels and analytics (Facebook pixel, Google Analytics)": (
            "Annonspixlar och webbanalys (Facebook-pixel, Google Analytics)"
        ),
        "Courses and events": "Kurser och evenemang",
    },
}
# Keyed by the processor's current name.
AGREEMENT_VERSIONS = {
    "Microsoft 365": {"Products and Services DPA, January 2026": "Products and Services DPA, januar 2026"},
    "Microsoft Corporation": {"Intra-group terms": "Konserninterne vilkår"},
    "Google LLC": {"Intra-group terms": "Konserninterne vilkår"},
}


def rename_earlier_rows(change_reason: str) -> None:
    """Give rows still named in English their current name, unless a row of that name already exists.

    Names are unique within a workspace (organisations, systems, processors), an organisation (activities) or a
    processor (agreement versions), so "already exists" is asked there.
    """
    _rename(Organisation.objects.all(), "name", ORGANISATIONS, change_reason, "workspace_id")
    _rename(System.objects.all(), "name", SYSTEMS, change_reason, "workspace_id")
    _rename(Processor.objects.all(), "name", PROCESSORS, change_reason, "workspace_id")
    for organisation, names in ACTIVITIES.items():
        rows = ProcessingActivity.objects.filter(organisation__name=organisation)
        _rename(rows, "name", names, change_reason, "organisation_id")
    for processor, versions in AGREEMENT_VERSIONS.items():
        rows = DataProcessingAgreement.objects.filter(processor__name=processor)
        _rename(rows, "version", versions, change_reason, "processor_id")


def _rename(rows: models.QuerySet, field: str, names: dict[str, str], change_reason: str, scope: str) -> None:
    taken = set(rows.filter(**{f"{field}__in": names.values()}).values_list(scope, field))
    for row in rows.filter(**{f"{field}__in": names.keys()}):
        new = names[getattr(row, field)]
        if (getattr(row, scope), new) in taken:
            continue
        setattr(row, field, new)
        row._change_reason = change_reason
        row.save()
        taken.add((getattr(row, scope), new))
