"""The demo companies' processors, their agreements (Art. 28) and their transfers out of the EEA (Arts. 44–49).

Facts come from the seed policies: Gurusoft runs Seleverkstedet's shop under a DPA; Uni Micro Web runs the
Swedish shop under one; the consultancy keeps everything in Microsoft 365, invoices through PayPal, has a Wix
site, Google Analytics and an unnamed newsletter service; the shops embed Meta's pixel and Google's tags;
Verdifull's blog asks Gravatar for avatars; Klarna, PayEx, PayPal and the transport partners receive data as
controllers. Agreement dates, sub-processors and safeguards are what such a company would typically record.

`load()` runs inside `load_demo()`'s transaction and is idempotent in the same way: rows are found by natural
key and saved only when something differs.
"""

import datetime
from dataclasses import dataclass

from ropa.demo import consultancy, seleverkstedet, swedish_shop, verdifull
from ropa.demo.spec import OrganisationSpec
from ropa.demo.systems import GOOGLE, GURUSOFT, KLARNA, META, MICROSOFT, PAYEX, PAYPAL, UNI_MICRO_WEB, WIX
from ropa.models import (
    Clause,
    DataProcessingAgreement,
    Organisation,
    PersonalDataCategory,
    ProcessingActivity,
    Processor,
    ProcessorUse,
    Transfer,
)

D = datetime.date
Role = Processor.Role
Tool = Transfer.Tool

MICROSOFT_US = "Microsoft Corporation"
GOOGLE_US = "Google LLC"
AUTOMATTIC = "Automattic Inc."
TRANSPORT = "Transportpartnere (ikke navngitt i erklæringen)"
NEWSLETTER = "Leverandør av nyhetsbrev (ikke navngitt i erklæringen)"

EXTRA_ORGANISATIONS = (
    OrganisationSpec(MICROSOFT_US, role=Organisation.Role.PROCESSOR, country="US"),
    OrganisationSpec(GOOGLE_US, role=Organisation.Role.PROCESSOR, country="US"),
    OrganisationSpec(AUTOMATTIC, role=Organisation.Role.RECIPIENT, country="US"),
    OrganisationSpec(TRANSPORT, role=Organisation.Role.RECIPIENT, country="NO"),
    OrganisationSpec(NEWSLETTER, role=Organisation.Role.PROCESSOR, country="NO"),
)


@dataclass(frozen=True)
class Use:
    """An activity of a demo company using the processor; `data` empty means all of the activity's data."""

    company: str
    activity: str
    data: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Agreement:
    version: str
    signed_on: datetime.date | None
    next_review: datetime.date | None = None
    ends_on: datetime.date | None = None
    subject_matter: str = ""
    authorisation: str = DataProcessingAgreement.SubProcessorAuthorisation.GENERAL
    notice_days: int | None = 30
    unconfirmed: tuple[Clause, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class ProcessorSpec:
    name: str
    organisation: str
    role: str
    service: str
    countries: tuple[str, ...]
    uses: tuple[Use, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    sub_processors: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class TransferSpec:
    company: str
    activity: str
    processor: str
    recipient: str
    country: str
    tool: str
    dpf_certified: bool = False
    description: str = ""
    scc_module: str = ""
    scc_signed_on: datetime.date | None = None
    tia_date: datetime.date | None = None
    supplementary_measures: str = ""


SHOP_DATA = ("Name", "Contact details (e-mail, phone)", "Postal and delivery address", "Order and purchase history")
TRACKING = ("IP address and device identifiers", "Cookies and online identifiers", "Browsing and usage behaviour")
SELE, VERDI, CONSULT, SWEDE = seleverkstedet.NAME, verdifull.NAME, consultancy.NAME, swedish_shop.NAME

PROCESSORS = (
    ProcessorSpec(
        "Gurusoft Ecommerce", GURUSOFT, Role.PROCESSOR,
        "Utvikler, drifter og vedlikeholder nettbutikkplattformen på egne servere; bare Gurusoft har tilgang.",
        ("NO",),
        uses=(
            Use(
                SELE, "Bestillinger i nettbutikken",
                note="Bestillinger, handlekurver og leveringsvalg ligger i plattformen.",
            ),
            Use(SELE, "Kundekontoer (Min side)"),
            Use(SELE, "Nyhetsbrev", note="Påmeldingene lagres i butikkens kundeprofiler."),
            Use(SELE, "Informasjonskapsler for økten i butikken (JSESSIONID, listView)"),
            Use(SELE, "Sikkerhets- og trafikklogger", note="Gurusoft oppbevarer trafikklogger en begrenset tid."),
        ),
        agreements=(
            Agreement(
                "2024-1", D(2024, 3, 1), next_review=D(2027, 3, 1),
                subject_matter="Drift, utvikling og vedlikehold av nettbutikken på Gurusoft Ecommerce.",
            ),
        ),
    ),
    # The Swedish shop's processor: described in Swedish, like the rest of that shop's record.
    ProcessorSpec(
        "Uni Micro Web", UNI_MICRO_WEB, Role.PROCESSOR,
        "Levererar och driftar webbutikens programvara med kundkonton och beställningar; uppgifterna stannar "
        "inom EU/EES.",
        ("NO", "SE"),
        uses=(
            Use(SWEDE, "Kundkonton och kundregister"),
            Use(SWEDE, "Beställningar, leverans och fakturering", data=SHOP_DATA),
            Use(SWEDE, "Kundtjänst"),
            Use(SWEDE, "Nyhetsbrev och marknadsföring"),
            Use(SWEDE, "Kurser och evenemang"),
        ),
        agreements=(
            Agreement(
                "3.0", D(2025, 1, 15), next_review=D(2027, 1, 15),
                subject_matter="Drift av webbutiken och dess kundregister.",
            ),
        ),
    ),
    ProcessorSpec(
        "Microsoft 365", MICROSOFT, Role.PROCESSOR,
        "E-post, dokumenter, lister og skjemaer der rådgivningsselskapet oppbevarer alle kundeopplysninger.",
        ("IE", "NL", "US"),
        uses=(
            Use(CONSULT, "Kundeforhold, bestillinger og betaling"),
            Use(CONSULT, "Fakturering og regnskap"),
            Use(CONSULT, "Svindelforebygging og kontroller etter hvitvaskingsloven"),
            Use(CONSULT, "Nyhetsbrev", data=("Name", "Contact details (e-mail, phone)")),
            Use(CONSULT, "Kundeservice og kundetilfredshetsundersøkelser"),
        ),
        agreements=(
            Agreement(
                # Microsoft's own title for its agreement, a proper name.
                "Products and Services DPA, januar 2026", D(2026, 1, 1), next_review=D(2027, 1, 1),
                subject_matter="Nettjenestene i Microsoft 365: lagring og behandling av kundeopplysninger.",
                notice_days=180,
            ),
        ),
        sub_processors=("Microsoft Corporation",),
    ),
    ProcessorSpec(
        "Microsoft Corporation", MICROSOFT_US, Role.SUB_PROCESSOR,
        "Microsofts morselskap, engasjert av Microsoft Ireland for brukerstøtte og drift av Microsoft 365.",
        ("US",),
        agreements=(
            Agreement(
                "Konserninterne vilkår", D(2026, 1, 1), next_review=D(2027, 1, 1),
                subject_matter=(
                    "Underdatabehandling for Microsoft 365 på vilkårene i Microsofts databehandleravtale "
                    "(art. 28 nr. 4)."
                ),
                notes="Registrert ut fra Microsofts offentlige liste over underdatabehandlere.",
            ),
        ),
    ),
    ProcessorSpec(
        "Wix", WIX, Role.PROCESSOR,
        "Bygger og drifter rådgivningsselskapets nettsted; lagrer det besøkende fyller inn i noen av nettskjemaene.",
        ("IL", "US"),
        uses=(
            Use(CONSULT, "Kundeforhold, bestillinger og betaling", data=("Name", "Contact details (e-mail, phone)")),
            Use(CONSULT, "Kundeservice og kundetilfredshetsundersøkelser", data=("Messages and correspondence",)),
            Use(CONSULT, "Analyse av nettstedet (Google Analytics)", data=TRACKING),
        ),
        agreements=(
            Agreement(
                "2023", D(2023, 7, 1), next_review=D(2025, 7, 1), ends_on=D(2026, 6, 30),
                subject_matter="Drift av nettstedet og behandling av skjemaer.",
                notes="Wix erstattet disse vilkårene fra 1. juli 2026; den nye versjonen er ikke godtatt og arkivert.",
            ),
        ),
    ),
    ProcessorSpec(
        "Google Analytics", GOOGLE, Role.PROCESSOR,
        "Måler besøk, enheter og atferd på nettstedet til statistikk.",
        ("IE", "US"),
        uses=(Use(CONSULT, "Analyse av nettstedet (Google Analytics)", data=TRACKING),),
        agreements=(
            Agreement(
                # Google's own title for its terms, a proper name.
                "Ads Data Processing Terms", D(2024, 9, 1), next_review=D(2026, 9, 1),
                subject_matter="Nettanalyse på rådgivningsselskapets nettsted.",
            ),
        ),
        sub_processors=("Google LLC",),
    ),
    ProcessorSpec(
        "Google LLC", GOOGLE_US, Role.SUB_PROCESSOR,
        "Googles amerikanske morselskap, som driver analyseinfrastrukturen for Google Ireland.",
        ("US",),
        agreements=(
            Agreement(
                "Konserninterne vilkår", D(2024, 9, 1), next_review=D(2027, 9, 1),
                subject_matter=(
                    "Underdatabehandling for Google Analytics på vilkårene i Googles databehandleravtale "
                    "(art. 28 nr. 4)."
                ),
            ),
        ),
    ),
    ProcessorSpec(
        "Nyhetsbrevtjeneste", NEWSLETTER, Role.PROCESSOR,
        "Skytjeneste som sender nyhetsbrevet og oppbevarer abonnentlisten; erklæringen navngir den ikke.",
        (),
        uses=(Use(CONSULT, "Nyhetsbrev", data=("Name", "Contact details (e-mail, phone)")),),
        notes="Ingen avtale er arkivert: finn ut hvem leverandøren er, og få databehandleravtalen signert.",
    ),
    ProcessorSpec(
        "Meta-piksel (Facebook)", META, Role.JOINT_CONTROLLER,
        "Samler hendelser fra butikksidene til annonsemålretting og -måling (EU-domstolens sak C-40/17 Fashion ID).",
        ("IE", "US"),
        uses=(
            Use(SELE, "Sporingspiksler for markedsføring (Facebook-piksel, Google Tag)", data=TRACKING),
            Use(SWEDE, "Annonspixlar och webbanalys (Facebook-pixel, Google Analytics)", data=TRACKING),
        ),
        notes=(
            "Felles behandlingsansvar for innsamling og overføring: Metas Controller Addendum, ikke en "
            "databehandleravtale etter art. 28."
        ),
    ),
    ProcessorSpec(
        "Google Tag og Google Ads", GOOGLE, Role.INDEPENDENT_CONTROLLER,
        "Mottar hendelser fra butikksidene til målgruppesegmentering og annonsemåling.",
        ("IE", "US"),
        uses=(
            Use(SELE, "Sporingspiksler for markedsføring (Facebook-piksel, Google Tag)", data=TRACKING),
            Use(SWEDE, "Annonspixlar och webbanalys (Facebook-pixel, Google Analytics)", data=TRACKING),
        ),
    ),
    ProcessorSpec(
        "Gravatar", AUTOMATTIC, Role.INDEPENDENT_CONTROLLER,
        "Slår opp en hashverdi av kommentatorens e-postadresse for å vise profilbildet ved kommentaren.",
        ("US",),
        uses=(Use(VERDI, "Kommentarer på bloggen", data=("Contact details (e-mail, phone)",)),),
    ),
    ProcessorSpec(
        "PayPal", PAYPAL, Role.INDEPENDENT_CONTROLLER,
        "Fakturering og betaling; oppbevarer fakturaopplysningene etter egne personvernvilkår.",
        ("LU",),
        uses=(Use(CONSULT, "Fakturering og regnskap"),),
    ),
    ProcessorSpec(
        "Klarna", KLARNA, Role.INDEPENDENT_CONTROLLER,
        "Kasse og betaling; betalings- og adresseopplysninger som oppgis i kassen, oppbevares av Klarna.",
        ("SE",),
        uses=(
            Use(VERDI, "Kjøp og betaling", data=SHOP_DATA),
            Use(SWEDE, "Beställningar, leverans och fakturering", data=SHOP_DATA),
        ),
    ),
    ProcessorSpec(
        "PayEx", PAYEX, Role.INDEPENDENT_CONTROLLER,
        "Kortbetalningar; kort- och betalningsuppgifter som anges i kassan sparas av PayEx.",
        ("SE",),
        uses=(Use(SWEDE, "Beställningar, leverans och fakturering", data=("Name", "Payment details")),),
    ),
    ProcessorSpec(
        "Transportpartnere", TRANSPORT, Role.INDEPENDENT_CONTROLLER,
        "Leverer varene; de får navn, adresse og telefonnummer for forsendelsen og er selv ansvarlige for den.",
        ("NO",),
        uses=(
            Use(
                CONSULT, "Kundeforhold, bestillinger og betaling",
                data=("Name", "Contact details (e-mail, phone)", "Postal and delivery address"),
            ),
        ),
    ),
)

US = "US"
TRANSFERS = (
    *(
        TransferSpec(
            CONSULT, activity, "Microsoft 365", MICROSOFT_US, US, Tool.ADEQUACY, dpf_certified=True,
            description=(
                "Brukerstøtte- og driftspersonell i Microsofts morselskap kan få tilgang til lagrede opplysninger."
            ),
        )
        for activity in (
            "Kundeforhold, bestillinger og betaling", "Fakturering og regnskap",
            "Svindelforebygging og kontroller etter hvitvaskingsloven",
            "Kundeservice og kundetilfredshetsundersøkelser", "Nyhetsbrev",
        )
    ),
    *(
        TransferSpec(
            CONSULT, activity, "Wix", WIX, "IL", Tool.ADEQUACY,
            description="Innsendte skjemaer lagres av Wix i Israel.",
        )
        for activity in ("Kundeforhold, bestillinger og betaling", "Kundeservice og kundetilfredshetsundersøkelser")
    ),
    TransferSpec(
        CONSULT, "Analyse av nettstedet (Google Analytics)", "Google Analytics", GOOGLE_US, US, Tool.ADEQUACY,
        dpf_certified=True, description="Analysedataene behandles på Googles infrastruktur i USA.",
    ),
    *(
        TransferSpec(
            company, activity, processor, recipient, US, Tool.ADEQUACY, dpf_certified=True,
            description=description,
        )
        for company, activity, description in (
            (
                SELE, "Sporingspiksler for markedsføring (Facebook-piksel, Google Tag)",
                "Hendelser fra piksel og tagg sendes til det amerikanske morselskapet.",
            ),
            (
                SWEDE, "Annonspixlar och webbanalys (Facebook-pixel, Google Analytics)",
                "Händelser från pixel och tagg skickas till det amerikanska moderbolaget.",
            ),
        )
        for processor, recipient in (
            ("Meta-piksel (Facebook)", "Meta Platforms, Inc."), ("Google Tag og Google Ads", GOOGLE_US),
        )
    ),
    TransferSpec(
        VERDI, "Kommentarer på bloggen", "Gravatar", AUTOMATTIC, US, Tool.SCC,
        description="En hashverdi av kommentatorens e-postadresse sendes for å slå opp en Gravatar-profil.",
        scc_module=Transfer.SccModule.C2C, scc_signed_on=D(2025, 5, 2), tia_date=D(2025, 4, 22),
        supplementary_measures=(
            "Bare en hashverdi av e-postadressen forlater nettstedet, over TLS; verken navn eller kommentartekst."
        ),
    ),
)


def companies_of(specs: tuple[ProcessorSpec, ...] = PROCESSORS) -> dict[str, set[str]]:
    """The companies whose workspace holds each processor: those using it (an activity or a transfer), and,
    down the chain, those whose processors engage it as a sub-processor (Art. 28(2) and (4))."""
    companies = {spec.name: {use.company for use in spec.uses} for spec in specs}
    for transfer in TRANSFERS:
        companies[transfer.processor].add(transfer.company)
    changed = True
    while changed:
        changed = False
        for spec in specs:
            for name in spec.sub_processors:
                if not companies[spec.name] <= companies[name]:
                    companies[name] |= companies[spec.name]
                    changed = True
    return companies


def _companies():
    from ropa.demo import COMPANIES

    return COMPANIES


def load() -> None:
    """Create or update the demo processors, their uses, agreements and transfers (called by load_demo).

    Each company's workspace gets its own copy of each processor it uses, with the processor's agreements: the
    same Klarna is one row in each shop's record, its agreement made with that shop (Art. 28(3)).
    """
    from ropa.demo import company_lookup

    companies = companies_of()
    categories = {category.name: category for category in PersonalDataCategory.objects.filter(workspace=None)}
    for company in _companies():
        name = company.organisation.name
        specs = [spec for spec in PROCESSORS if name in companies[spec.name]]
        if specs:
            _load_company_processors(name, specs, company_lookup(name), categories)


def _load_company_processors(company: str, specs: list[ProcessorSpec], lookup, categories: dict) -> None:
    from ropa.demo import CHANGE_REASON, _upsert

    activities = {activity.name: activity for activity in ProcessingActivity.objects.filter(organisation__name=company)}
    processors = {}
    for spec in specs:
        processor = _upsert(Processor, {"workspace": lookup.workspace, "name": spec.name}, {
            "organisation": lookup.organisation(spec.organisation), "role": spec.role,
            "service": spec.service, "countries": list(spec.countries), "notes": spec.notes,
        })
        processors[spec.name] = processor
        for use in spec.uses:
            if use.company != company:
                continue
            activity = activities[use.activity]
            link = _upsert(ProcessorUse, {"activity": activity, "processor": processor}, {"note": use.note})
            link._change_reason = CHANGE_REASON
            wanted = [categories[name] for name in use.data] or list(activity.personal_data_categories.all())
            link.personal_data_categories.set(wanted)
        for agreement in spec.agreements:
            _upsert(DataProcessingAgreement, {"processor": processor, "version": agreement.version}, {
                "signed_on": agreement.signed_on, "effective_from": agreement.signed_on,
                "next_review": agreement.next_review, "ends_on": agreement.ends_on,
                "subject_matter": agreement.subject_matter, "sub_processor_authorisation": agreement.authorisation,
                "sub_processor_notice_days": agreement.notice_days, "notes": agreement.notes,
                **{f"clause_{clause.value}": clause not in agreement.unconfirmed for clause in Clause},
            })
    for spec in specs:
        processor = processors[spec.name]
        processor._change_reason = CHANGE_REASON
        processor.sub_processors.set([processors[name] for name in spec.sub_processors])
    for spec in TRANSFERS:
        if spec.company != company:
            continue
        key = {
            "activity": activities[spec.activity], "processor": processors[spec.processor],
            "destination_country": spec.country,
        }
        _upsert(Transfer, key, {
            "recipient": spec.recipient, "tool": spec.tool, "recipient_dpf_certified": spec.dpf_certified,
            "description": spec.description, "scc_module": spec.scc_module, "scc_signed_on": spec.scc_signed_on,
            "tia_date": spec.tia_date, "supplementary_measures": spec.supplementary_measures,
        })
