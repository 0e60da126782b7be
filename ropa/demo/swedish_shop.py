"""A Swedish web shop on Uni Micro Web, paid through Klarna and PayEx (seed 004, policy of 17 April 2024).

The policy does not name the company. Purchase history is kept under bokföringslagen; other data "as long as
necessary", so some activities lack Art. 30(1)(f). The ad pixels were last reviewed with the 2024 policy.
"""

import datetime

from ropa.demo.spec import (
    DRAFT,
    NO,
    UNKNOWN,
    YES,
    ActivitySpec,
    CompanySpec,
    Dpia,
    Event,
    OrganisationSpec,
    PurposeSpec,
    RetentionSpec,
    Source,
)
from ropa.demo.systems import META
from ropa.models import LegalBasis

NAME = "Swedish web shop (Uni Micro Web)"
Art6 = LegalBasis.Article6
REVIEWED = datetime.date(2026, 9, 21)
NEXT_REVIEW = datetime.date(2027, 9, 21)
SHOP = "Web shop"
MANAGER = "Shop manager"
SHOP_SECURITY = ("Data processing agreements with processors", "Data minimisation")
SHOP_SECURITY_TEXT = (
    "A data processing agreement with Uni Micro Web AS governs the shop software. Card and other payment "
    "details typed at checkout go straight to Klarna or PayEx and are never stored in the shop."
)
VAGUE = "The policy keeps it 'as long as necessary' to serve the customer, with no period: retention is missing."
BOOKKEEPING_RULE = RetentionSpec(
    "Accounting records and purchase history", duration=7, runs_from=Event.END_OF_CALENDAR_YEAR,
    legal_reference="bokföringslagen 7 kap. 2 §", data_category="Order and purchase history",
)

COMPANY = CompanySpec(
    organisation=OrganisationSpec(NAME, country="SE", email="kundservice@webbutik.example"),
    activities=(
        ActivitySpec(
            name="Customer accounts and customer register",
            description=(
                "Every customer who buys gets an account, with a password, their orders and details they can edit "
                "or download, and a newsletter choice. The shop also keeps a register of its customers. " + VAGUE
            ),
            department=SHOP, owner=MANAGER,
            purposes=(
                PurposeSpec("Give each customer an account with their orders and details", Art6.CONTRACT),
                PurposeSpec(
                    "Keep a register of our customers", Art6.LEGITIMATE_INTERESTS,
                    balancing_test=(
                        "Knowing who our customers are is needed to serve them and defend claims; the register holds "
                        "contact details and orders only, which customers expect a shop to keep."
                    ),
                ),
            ),
            data_subjects=("Customers", "Registered users"),
            personal_data=(
                "Name", "Postal and delivery address", "Contact details (e-mail, phone)", "User name and password",
                "Order and purchase history",
            ),
            source_description="Given by the customer at the first purchase.",
            recipients=("Processors: IT, hosting and platform providers",),
            transfers_outside_eea=NO,
            security_measures=SHOP_SECURITY, security_description=SHOP_SECURITY_TEXT,
            systems=("Uni Micro Web",),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Orders, delivery and invoicing",
            description=(
                "Order confirmations, invoices, reminders and updates about what the customer bought. Payment goes "
                "through Klarna or PayEx. Order data also secures legal claims that arise in the customer "
                "relationship; purchase history is kept as bokföringslagen requires."
            ),
            department=SHOP, owner=MANAGER,
            purposes=(
                PurposeSpec("Confirm, deliver, invoice and follow up the customer's orders", Art6.CONTRACT),
                PurposeSpec(
                    "Secure legal claims arising from the customer relationship", Art6.LEGITIMATE_INTERESTS,
                    balancing_test=(
                        "Being able to prove what was sold and paid protects both parties in a dispute; only the "
                        "order records are kept for it."
                    ),
                ),
            ),
            data_subjects=("Customers",),
            personal_data=(
                "Name", "Postal and delivery address", "Contact details (e-mail, phone)", "Order and purchase history",
                "Payment details",
            ),
            source_description="Given by the customer at checkout.",
            recipients=("Processors: IT, hosting and platform providers", "Payment providers"),
            recipients_description="Klarna and PayEx receive and store the payment details entered at checkout.",
            transfers_outside_eea=NO,
            security_measures=SHOP_SECURITY, security_description=SHOP_SECURITY_TEXT,
            systems=("Uni Micro Web", "Klarna Checkout", "PayEx"),
            retention=(BOOKKEEPING_RULE,),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Bookkeeping",
            description="Purchase and order history kept as accounting records under the Swedish Bookkeeping Act.",
            department="Finance", owner="Finance manager",
            purposes=(
                PurposeSpec(
                    "Keep the accounting records bokföringslagen requires", Art6.LEGAL_OBLIGATION,
                    legal_reference="bokföringslagen (1999:1078)",
                ),
            ),
            data_subjects=("Customers",),
            personal_data=("Name", "Postal and delivery address", "Order and purchase history"),
            source_description="From the shop's orders and invoices.",
            recipients=("Accountants and auditors", "Public authorities when the law requires it"),
            transfers_outside_eea=NO,
            security_measures=SHOP_SECURITY,
            systems=("Uni Micro Web",),
            retention=(BOOKKEEPING_RULE,),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Customer service",
            description=(
                "Support requests, e-mails, calls, the 'Contact me' form and other web forms are followed up; "
                "feedback and questions from meetings, calls and documents may be kept. " + VAGUE
            ),
            department="Customer service", owner="Customer service lead",
            purposes=(
                PurposeSpec(
                    "Follow up support requests, e-mails, calls and web forms", Art6.LEGITIMATE_INTERESTS,
                    balancing_test="People who contact us expect a reply; we use only what they tell us.",
                ),
            ),
            data_subjects=("Customers", "People who contact us"),
            personal_data=(
                "Name", "Contact details (e-mail, phone)", "Postal and delivery address", "Messages and correspondence",
                "Comments and reviews",
            ),
            source_description="From the customer's own messages and forms.",
            recipients=("Processors: IT, hosting and platform providers",),
            transfers_outside_eea=NO,
            security_measures=SHOP_SECURITY, security_description=SHOP_SECURITY_TEXT,
            systems=("Uni Micro Web",),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Newsletter and marketing",
            description=(
                "Marketing the customer has subscribed to: our products and services, events, and campaigns from "
                "partners. It is opt-in and can be withdrawn at any time."
            ),
            department="Marketing", owner="Marketing manager",
            purposes=(
                PurposeSpec(
                    "Send the marketing the customer subscribed to", Art6.CONSENT,
                    consent_record="Newsletter opt-in on the customer account in Uni Micro Web",
                ),
            ),
            data_subjects=("Newsletter subscribers", "Customers"),
            personal_data=("Name", "Contact details (e-mail, phone)", "Marketing preferences and consents"),
            source_description="Chosen by the customer on their account.",
            recipients=("Processors: IT, hosting and platform providers",),
            transfers_outside_eea=NO,
            security_measures=SHOP_SECURITY, security_description=SHOP_SECURITY_TEXT,
            systems=("Uni Micro Web",),
            retention=(
                RetentionSpec(
                    "Subscription data is removed when consent is withdrawn.",
                    runs_from=Event.CONSENT_WITHDRAWN, data_category="Marketing preferences and consents",
                ),
            ),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Advertising pixels and analytics (Facebook pixel, Google Analytics)",
            description=(
                "Cookies and pixels send Facebook and Google Analytics what visitors look at, put in the cart and "
                "buy, to show them matching ads and measure the ads. The policy calls this anonymous, but pixel and "
                "cookie identifiers are personal data, and the Swedish electronic communications act needs consent "
                "for them. No storage period is given, so retention is missing, as are security measures; the "
                "review is overdue."
            ),
            department="Marketing", owner="Marketing manager",
            purposes=(
                PurposeSpec(
                    "Show visitors relevant ads and measure their effect", Art6.CONSENT,
                    consent_record="Cookie banner on the shop's website (the cookie page the policy refers to)",
                ),
            ),
            data_subjects=("Website visitors", "Customers"),
            personal_data=(
                "Cookies and online identifiers", "IP address and device identifiers", "Browsing and usage behaviour",
                "Order and purchase history",
            ),
            source_kind=Source.OBSERVED, source_description="Read from the browser by the pixel and analytics scripts.",
            recipients=("Marketing and analytics providers", "Social media platforms"),
            transfers_outside_eea=YES,
            systems=("Meta Pixel", "Google Analytics"),
            joint_controllers=(META,),
            profiling=True, is_high_risk=UNKNOWN, dpia_required=UNKNOWN, dpia_status=Dpia.NOT_STARTED,
            last_reviewed=datetime.date(2024, 4, 17), next_review=datetime.date(2025, 4, 17),
        ),
        ActivitySpec(
            name="Courses and events",
            description=(
                "When courses or events are offered, participants get the programme, venue and changes. The "
                "policy gives no storage period, so retention is missing."
            ),
            department="Marketing", owner="Marketing manager",
            purposes=(PurposeSpec("Inform participants about courses and events they signed up for", Art6.CONTRACT),),
            data_subjects=("Customers",),
            personal_data=("Name", "Contact details (e-mail, phone)"),
            source_description="Given by the participant when signing up.",
            recipients=("Processors: IT, hosting and platform providers",),
            transfers_outside_eea=NO,
            security_measures=SHOP_SECURITY,
            systems=("Uni Micro Web",),
            status=DRAFT,
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
    ),
)
