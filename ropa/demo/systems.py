"""The systems the five demo companies keep personal data in, and the vendors behind them, in Bokmål.

Vendors are organisations in the record; their names are constants so ropa/demo/processors.py (issue 3)
can find the same rows when it adds their processor details, agreements and transfers.
"""

from ropa.demo.spec import OrganisationSpec, SystemSpec
from ropa.models import Organisation

Role = Organisation.Role

GURUSOFT = "Gurusoft AS"
MICROSOFT = "Microsoft Ireland Operations Limited"
PAYPAL = "PayPal (Europe) S.à r.l. et Cie, S.C.A."
WIX = "Wix.com Ltd."
GOOGLE = "Google Ireland Limited"
META = "Meta Platforms Ireland Limited"
KLARNA = "Klarna Bank AB"
PAYEX = "PayEx Sverige AB"
UNI_MICRO_WEB = "Uni Micro Web AS"

VENDORS = (
    OrganisationSpec(GURUSOFT, role=Role.PROCESSOR, country="NO"),
    OrganisationSpec(MICROSOFT, role=Role.PROCESSOR, country="IE"),
    # PayPal applies its own privacy terms to the invoices it holds, so it receives data as a controller.
    OrganisationSpec(PAYPAL, role=Role.RECIPIENT, country="LU"),
    OrganisationSpec(WIX, role=Role.PROCESSOR, country="IL"),
    OrganisationSpec(GOOGLE, role=Role.PROCESSOR, country="IE"),
    # CJEU C-40/17 Fashion ID: a site embedding Meta's pixel is a joint controller for collection and transmission.
    # Art. 26(1) and Art. 30(1)(a): a joint controller is named with its contact details, from Meta's own policy.
    OrganisationSpec(
        META, role=Role.JOINT_CONTROLLER, country="IE",
        address="Merrion Road, Dublin 4, D04 X2K5, Irland", website="https://www.facebook.com/privacy/policy",
    ),
    OrganisationSpec(KLARNA, role=Role.RECIPIENT, country="SE"),
    OrganisationSpec(PAYEX, role=Role.RECIPIENT, country="SE"),
    OrganisationSpec(UNI_MICRO_WEB, role=Role.PROCESSOR, country="NO"),
)

SYSTEMS = (
    SystemSpec(
        "Gurusoft Ecommerce",
        "Skybasert netthandelsplattform som Gurusoft utvikler, drifter og vedlikeholder på egne servere; inneholder "
        "kundeprofiler, bestillinger, handlekurver og øktfiler.",
        vendor=GURUSOFT,
    ),
    SystemSpec(
        "Seleverkstedets forretningssystem",
        "Seleverkstedets ERP-system; får kontakt- og ordreopplysninger fra nettbutikken.",
    ),
    SystemSpec(
        "WordPress med WooCommerce",
        "Verdifulls nettsted, blogg og nettbutikk; erklæringen sier ikke hvem som drifter det.",
    ),
    SystemSpec("Klarna Checkout", "Klarnas kasse: betalings- og adresseopplysninger for bestillinger.", KLARNA, "SE"),
    SystemSpec(
        "PayEx", "Betalingstjeneste; kort- og betalingsopplysninger som oppgis i kassen, lagres her.", PAYEX, "SE",
    ),
    SystemSpec(
        "Microsoft 365",
        "E-post, dokumenter, lister og skjemaer; bare ansatte som har fått tilgang, kommer til.",
        vendor=MICROSOFT,
    ),
    SystemSpec(
        "PayPal", "Fakturering og betaling; fakturaopplysningene lagres etter PayPals egne vilkår.", PAYPAL,
    ),
    SystemSpec("Wix", "Verktøy og drift for nettstedet; noen nettskjemaer lagres her.", WIX),
    SystemSpec(
        "Google Analytics", "Nettanalyse: besøk, enheter og atferd på nettstedet.", GOOGLE, "US",
    ),
    SystemSpec("Google Tag", "Googles tagg for målgruppesegmentering og annonsemåling.", GOOGLE, "US"),
    SystemSpec("Meta Pixel", "Facebooks sporingspiksel for målgruppesegmentering og annonsemåling.", META, "US"),
    SystemSpec(
        "Nyhetsbrevtjeneste (ikke navngitt)", "Skytjeneste for masseutsendelse av e-post; erklæringen navngir ingen.",
    ),
    SystemSpec("Selby-plattformen", "Selbys egen plattform med brukerkontoer, bestilling og overvåking."),
    SystemSpec(
        "Selbys saksbehandlingssystem", "Selbys interne saksbehandlingssystem for henvendelser som trenger oppfølging.",
    ),
    # The Swedish shop's own system, described in Swedish like the rest of its record.
    SystemSpec(
        "Uni Micro Web",
        "Programvara för webbutiken med kundkonton och beställningar; enligt policyn stannar uppgifterna inom EU/EES.",
        vendor=UNI_MICRO_WEB,
    ),
)
