"""The systems the five demo companies keep personal data in, and the vendors behind them.

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
    OrganisationSpec(META, role=Role.JOINT_CONTROLLER, country="IE"),
    OrganisationSpec(KLARNA, role=Role.RECIPIENT, country="SE"),
    OrganisationSpec(PAYEX, role=Role.RECIPIENT, country="SE"),
    OrganisationSpec(UNI_MICRO_WEB, role=Role.PROCESSOR, country="NO"),
)

SYSTEMS = (
    SystemSpec(
        "Gurusoft Ecommerce",
        "Cloud e-commerce platform that Gurusoft develops, runs and maintains on its own servers; holds customer "
        "profiles, orders, carts and session files.",
        vendor=GURUSOFT,
    ),
    SystemSpec("Seleverkstedet ERP", "Seleverkstedet's business system; gets contact and order data from the shop."),
    SystemSpec(
        "WordPress with WooCommerce",
        "Verdifull's website, blog and shop; the policy does not say who hosts it.",
    ),
    SystemSpec("Klarna Checkout", "Klarna's checkout: payment and address details for orders.", KLARNA, "SE"),
    SystemSpec("PayEx", "Payment service; card and payment details entered at checkout are stored here.", PAYEX, "SE"),
    SystemSpec(
        "Microsoft 365",
        "E-mail, documents, lists and forms; access limited to the staff given it.",
        vendor=MICROSOFT,
    ),
    SystemSpec("PayPal", "Invoicing and payment; invoice details are stored under PayPal's own terms.", PAYPAL),
    SystemSpec("Wix", "Website builder and host; some web forms are stored here.", WIX),
    SystemSpec("Google Analytics", "Web analytics: visits, devices and behaviour on the website.", GOOGLE, "US"),
    SystemSpec("Google Tag", "Google's tag for audience segmentation and ad measurement.", GOOGLE, "US"),
    SystemSpec("Meta Pixel", "Facebook's tracking pixel for audience segmentation and ad measurement.", META, "US"),
    SystemSpec("Newsletter service (not named)", "Cloud service for mass e-mail; the policy names no provider."),
    SystemSpec("Selby platform", "Selby's own platform with user accounts, ordering and monitoring."),
    SystemSpec("Selby case management", "Selby's internal case system for enquiries that need follow-up."),
    SystemSpec(
        "Uni Micro Web",
        "Web shop software with customer accounts and orders; the policy says data stays in the EU/EEA.",
        vendor=UNI_MICRO_WEB,
    ),
)
