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
TRANSPORT = "Transport partners (not named in the policy)"
NEWSLETTER = "Newsletter provider (not named in the policy)"

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
        "Develops, runs and maintains the web shop platform on its own servers; only Gurusoft has access.",
        ("NO",),
        uses=(
            Use(SELE, "Web shop orders", note="Orders, carts and delivery choices live in the platform."),
            Use(SELE, "Customer accounts (My page)"),
            Use(SELE, "Newsletter", note="Sign-ups are stored in the shop's customer profiles."),
            Use(SELE, "Shop session cookies (JSESSIONID, listView)"),
            Use(SELE, "Security and traffic logs", note="Gurusoft keeps traffic logs for a limited time."),
        ),
        agreements=(
            Agreement(
                "2024-1", D(2024, 3, 1), next_review=D(2027, 3, 1),
                subject_matter="Operation, development and maintenance of the Gurusoft Ecommerce web shop.",
            ),
        ),
    ),
    ProcessorSpec(
        "Uni Micro Web", UNI_MICRO_WEB, Role.PROCESSOR,
        "Supplies and hosts the web shop software with customer accounts and orders; data stays in the EU/EEA.",
        ("NO", "SE"),
        uses=(
            Use(SWEDE, "Customer accounts and customer register"),
            Use(SWEDE, "Orders, delivery and invoicing", data=SHOP_DATA),
            Use(SWEDE, "Customer service"),
            Use(SWEDE, "Newsletter and marketing"),
            Use(SWEDE, "Courses and events"),
        ),
        agreements=(
            Agreement(
                "3.0", D(2025, 1, 15), next_review=D(2027, 1, 15),
                subject_matter="Hosting and operation of the web shop and its customer register.",
            ),
        ),
    ),
    ProcessorSpec(
        "Microsoft 365", MICROSOFT, Role.PROCESSOR,
        "E-mail, documents, lists and forms in which the consultancy keeps all customer data.",
        ("IE", "NL", "US"),
        uses=(
            Use(CONSULT, "Customer relationship, orders and payment"),
            Use(CONSULT, "Invoicing and bookkeeping"),
            Use(CONSULT, "Fraud prevention and anti-money-laundering checks"),
            Use(CONSULT, "Newsletter", data=("Name", "Contact details (e-mail, phone)")),
            Use(CONSULT, "Customer service and satisfaction surveys"),
        ),
        agreements=(
            Agreement(
                "Products and Services DPA, January 2026", D(2026, 1, 1), next_review=D(2027, 1, 1),
                subject_matter="Microsoft 365 online services: storage and processing of customer data.",
                notice_days=180,
            ),
        ),
        sub_processors=("Microsoft Corporation",),
    ),
    ProcessorSpec(
        "Microsoft Corporation", MICROSOFT_US, Role.SUB_PROCESSOR,
        "Microsoft's parent company, engaged by Microsoft Ireland for support and operations of Microsoft 365.",
        ("US",),
        agreements=(
            Agreement(
                "Intra-group terms", D(2026, 1, 1), next_review=D(2027, 1, 1),
                subject_matter="Sub-processing for Microsoft 365 on the terms of Microsoft's DPA (Art. 28(4)).",
                notes="Recorded from Microsoft's published list of sub-processors.",
            ),
        ),
    ),
    ProcessorSpec(
        "Wix", WIX, Role.PROCESSOR,
        "Builds and hosts the consultancy's website; stores what visitors enter in some of the web forms.",
        ("IL", "US"),
        uses=(
            Use(CONSULT, "Customer relationship, orders and payment", data=("Name", "Contact details (e-mail, phone)")),
            Use(CONSULT, "Customer service and satisfaction surveys", data=("Messages and correspondence",)),
            Use(CONSULT, "Website analytics (Google Analytics)", data=TRACKING),
        ),
        agreements=(
            Agreement(
                "2023", D(2023, 7, 1), next_review=D(2025, 7, 1), ends_on=D(2026, 6, 30),
                subject_matter="Website hosting and form handling.",
                notes="Wix replaced these terms from 1 July 2026; the new version has not been accepted and filed.",
            ),
        ),
    ),
    ProcessorSpec(
        "Google Analytics", GOOGLE, Role.PROCESSOR,
        "Measures visits, devices and behaviour on the website for statistics.",
        ("IE", "US"),
        uses=(Use(CONSULT, "Website analytics (Google Analytics)", data=TRACKING),),
        agreements=(
            Agreement(
                "Ads Data Processing Terms", D(2024, 9, 1), next_review=D(2026, 9, 1),
                subject_matter="Web analytics on the consultancy's website.",
            ),
        ),
        sub_processors=("Google LLC",),
    ),
    ProcessorSpec(
        "Google LLC", GOOGLE_US, Role.SUB_PROCESSOR,
        "Google's US parent company, which runs the analytics infrastructure for Google Ireland.",
        ("US",),
        agreements=(
            Agreement(
                "Intra-group terms", D(2024, 9, 1), next_review=D(2027, 9, 1),
                subject_matter="Sub-processing for Google Analytics on the terms of Google's DPA (Art. 28(4)).",
            ),
        ),
    ),
    ProcessorSpec(
        "Newsletter service", NEWSLETTER, Role.PROCESSOR,
        "Cloud service that sends the newsletter and keeps the subscriber list; the policy does not name it.",
        (),
        uses=(Use(CONSULT, "Newsletter", data=("Name", "Contact details (e-mail, phone)")),),
        notes="No agreement on file: find out who the provider is and get its DPA signed.",
    ),
    ProcessorSpec(
        "Meta pixel (Facebook)", META, Role.JOINT_CONTROLLER,
        "Collects events from the shop pages for ad targeting and measurement (CJEU C-40/17 Fashion ID).",
        ("IE", "US"),
        uses=(
            Use(SELE, "Marketing pixels (Facebook pixel, Google Tag)", data=TRACKING),
            Use(SWEDE, "Advertising pixels and analytics (Facebook pixel, Google Analytics)", data=TRACKING),
        ),
        notes="Joint controllership for collection and transmission: Meta's Controller Addendum, not an Art. 28 DPA.",
    ),
    ProcessorSpec(
        "Google Tag and Google Ads", GOOGLE, Role.INDEPENDENT_CONTROLLER,
        "Receives events from the shop pages for audience segmentation and ad measurement.",
        ("IE", "US"),
        uses=(
            Use(SELE, "Marketing pixels (Facebook pixel, Google Tag)", data=TRACKING),
            Use(SWEDE, "Advertising pixels and analytics (Facebook pixel, Google Analytics)", data=TRACKING),
        ),
    ),
    ProcessorSpec(
        "Gravatar", AUTOMATTIC, Role.INDEPENDENT_CONTROLLER,
        "Looks up a hash of a commenter's e-mail address to show their profile picture next to the comment.",
        ("US",),
        uses=(Use(VERDI, "Blog comments", data=("Contact details (e-mail, phone)",)),),
    ),
    ProcessorSpec(
        "PayPal", PAYPAL, Role.INDEPENDENT_CONTROLLER,
        "Invoicing and payment; keeps invoice details under its own privacy terms.",
        ("LU",),
        uses=(Use(CONSULT, "Invoicing and bookkeeping"),),
    ),
    ProcessorSpec(
        "Klarna", KLARNA, Role.INDEPENDENT_CONTROLLER,
        "Checkout and payment; payment and address details entered at checkout are kept by Klarna.",
        ("SE",),
        uses=(
            Use(VERDI, "Purchases and payment", data=SHOP_DATA),
            Use(SWEDE, "Orders, delivery and invoicing", data=SHOP_DATA),
        ),
    ),
    ProcessorSpec(
        "PayEx", PAYEX, Role.INDEPENDENT_CONTROLLER,
        "Card payments; card and payment details entered at checkout are kept by PayEx.",
        ("SE",),
        uses=(Use(SWEDE, "Orders, delivery and invoicing", data=("Name", "Payment details")),),
    ),
    ProcessorSpec(
        "Transport partners", TRANSPORT, Role.INDEPENDENT_CONTROLLER,
        "Deliver the goods; they receive name, address and phone for the shipment and answer for it themselves.",
        ("NO",),
        uses=(
            Use(
                CONSULT, "Customer relationship, orders and payment",
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
            description="Support and operations staff at Microsoft's parent company may access stored data.",
        )
        for activity in (
            "Customer relationship, orders and payment", "Invoicing and bookkeeping",
            "Fraud prevention and anti-money-laundering checks", "Customer service and satisfaction surveys",
        )
    ),
    *(
        TransferSpec(
            CONSULT, activity, "Wix", WIX, "IL", Tool.ADEQUACY,
            description="Form submissions are stored by Wix in Israel.",
        )
        for activity in ("Customer relationship, orders and payment", "Customer service and satisfaction surveys")
    ),
    TransferSpec(
        CONSULT, "Website analytics (Google Analytics)", "Google Analytics", GOOGLE_US, US, Tool.ADEQUACY,
        dpf_certified=True, description="Analytics data is processed on Google's US infrastructure.",
    ),
    *(
        TransferSpec(
            company, activity, processor, recipient, US, Tool.ADEQUACY, dpf_certified=True,
            description="Pixel and tag events are sent to the US parent company.",
        )
        for company, activity in (
            (SELE, "Marketing pixels (Facebook pixel, Google Tag)"),
            (SWEDE, "Advertising pixels and analytics (Facebook pixel, Google Analytics)"),
        )
        for processor, recipient in (
            ("Meta pixel (Facebook)", "Meta Platforms, Inc."), ("Google Tag and Google Ads", GOOGLE_US),
        )
    ),
    TransferSpec(
        VERDI, "Blog comments", "Gravatar", AUTOMATTIC, US, Tool.SCC,
        description="A hash of the commenter's e-mail address is sent to look up a Gravatar profile.",
        scc_module=Transfer.SccModule.C2C, scc_signed_on=D(2025, 5, 2), tia_date=D(2025, 4, 22),
        supplementary_measures="Only a hash of the e-mail address leaves the site, over TLS; no name or comment text.",
    ),
)


def load() -> None:
    """Create or update the demo processors, their uses, agreements and transfers (called by load_demo)."""
    from ropa.demo import CHANGE_REASON, _upsert, _upsert_organisation

    for organisation in EXTRA_ORGANISATIONS:
        _upsert_organisation(organisation)
    activities = {
        (activity.organisation.name, activity.name): activity
        for activity in ProcessingActivity.objects.select_related("organisation")
    }
    categories = {category.name: category for category in PersonalDataCategory.objects.all()}
    processors = {}
    for spec in PROCESSORS:
        processor = _upsert(Processor, {"name": spec.name}, {
            "organisation": Organisation.objects.get(name=spec.organisation), "role": spec.role,
            "service": spec.service, "countries": list(spec.countries), "notes": spec.notes,
        })
        processors[spec.name] = processor
        for use in spec.uses:
            activity = activities[(use.company, use.activity)]
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
    for spec in PROCESSORS:
        processor = processors[spec.name]
        processor._change_reason = CHANGE_REASON
        processor.sub_processors.set([processors[name] for name in spec.sub_processors])
    for spec in TRANSFERS:
        key = {
            "activity": activities[(spec.company, spec.activity)], "processor": processors[spec.processor],
            "destination_country": spec.country,
        }
        _upsert(Transfer, key, {
            "recipient": spec.recipient, "tool": spec.tool, "recipient_dpf_certified": spec.dpf_certified,
            "description": spec.description, "scc_module": spec.scc_module, "scc_signed_on": spec.scc_signed_on,
            "tia_date": spec.tia_date, "supplementary_measures": spec.supplementary_measures,
        })
