"""A consultancy working in Microsoft 365, invoicing through PayPal, with a Wix site and Google Analytics (seed 002).

The policy names neither the company nor its country (Norway is assumed for the demo) and keeps data "as
long as necessary", so most activities lack Art. 30(1)(f); the Google Analytics review is overdue.
"""

import datetime

from ropa.demo.spec import (
    DRAFT,
    UNKNOWN,
    YES,
    ActivitySpec,
    CompanySpec,
    Event,
    OrganisationSpec,
    PurposeSpec,
    RetentionSpec,
    Source,
)
from ropa.models import LegalBasis

NAME = "Consultancy (Microsoft 365 and Wix)"
Art6 = LegalBasis.Article6
REVIEWED = datetime.date(2026, 4, 14)
NEXT_REVIEW = datetime.date(2027, 4, 14)
OWNER = "Managing partner"
M365 = ("Role-based access control", "Data processing agreements with processors")
M365_TEXT = (
    "Everything is stored in Microsoft 365, where only the people given access can use it; Microsoft 365's "
    "search and compliance tools find all data about a person for access requests."
)
VAGUE = "The policy keeps data only 'as long as necessary' or legally required, without periods: retention is missing."
ABROAD = (
    "The policy says suppliers may process data outside the EU/EEA in some situations, naming neither them "
    "nor a safeguard."
)

COMPANY = CompanySpec(
    organisation=OrganisationSpec(NAME, country="NO", email="post@consultancy.example"),
    activities=(
        ActivitySpec(
            name="Customer relationship, orders and payment",
            description=(
                "Customers buy services on the website and pay with one of the payment options; contact details "
                "are checked to confirm identity. A national identity number is collected, which Norwegian law "
                "allows only where secure identification is needed: check that it is. Goods are shipped by "
                "transport partners. " + ABROAD + " " + VAGUE
            ),
            department="Sales", owner=OWNER,
            purposes=(
                PurposeSpec(
                    "Deliver the services bought and administer payment and the customer relationship", Art6.CONTRACT,
                ),
                PurposeSpec("Confirm the customer's identity and contact details before we perform", Art6.CONTRACT),
            ),
            data_subjects=("Customers", "Contact persons at business customers"),
            personal_data=(
                "Name", "Contact details (e-mail, phone)", "Postal and delivery address", "Date of birth",
                "National identity number", "Order and purchase history", "Payment details",
            ),
            source_kind=Source.MIXED,
            source_description="From the customer, and from payment partners such as PayPal.",
            recipients=(
                "Processors: IT, hosting and platform providers", "Payment providers",
                "Transport and delivery companies",
            ),
            recipients_description=(
                "PayPal holds invoices under its own terms; carriers get the delivery address for shipments. A "
                "buyer of the business could receive customer data in a sale."
            ),
            transfers_outside_eea=YES,
            security_measures=M365, security_description=M365_TEXT,
            systems=("Microsoft 365", "Wix", "PayPal"),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Invoicing and bookkeeping",
            description=(
                "Invoices are issued and kept in PayPal and booked under the Norwegian Bookkeeping Act. " + ABROAD
            ),
            department="Finance", owner=OWNER,
            purposes=(
                PurposeSpec(
                    "Keep the accounting records the Bookkeeping Act requires", Art6.LEGAL_OBLIGATION,
                    legal_reference="bokføringsloven § 13",
                ),
            ),
            data_subjects=("Customers", "Contact persons at business customers"),
            personal_data=("Name", "Postal and delivery address", "Order and purchase history", "Payment details"),
            source_description="From the customer's orders and payments.",
            recipients=("Accountants and auditors", "Public authorities when the law requires it", "Payment providers"),
            transfers_outside_eea=YES,
            security_measures=M365, security_description=M365_TEXT,
            systems=("PayPal", "Microsoft 365"),
            retention=(
                RetentionSpec(
                    "Primary accounting documentation", duration=5, runs_from=Event.END_OF_FINANCIAL_YEAR,
                    legal_reference="bokføringsloven § 13",
                ),
            ),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Fraud prevention and anti-money-laundering checks",
            description=(
                "Risk analysis and fraud checks on customers, and customer due diligence and reports to the "
                "authorities where the anti-money-laundering act applies. The policy also cites capital adequacy "
                "rules, which bind banks, not a consultancy: check whether the act applies at all. " + VAGUE
            ),
            department="Finance", owner=OWNER,
            purposes=(
                PurposeSpec(
                    "Analyse risk, prevent fraud and misuse of our services", Art6.LEGITIMATE_INTERESTS,
                    balancing_test=(
                        "Preventing fraud is a legitimate interest (recital 47); the checks use payment and "
                        "purchase history the customer already gave us and lead to no automated decisions."
                    ),
                ),
                PurposeSpec(
                    "Customer due diligence and reporting under the anti-money-laundering act", Art6.LEGAL_OBLIGATION,
                    legal_reference="hvitvaskingsloven (Norwegian Anti-Money Laundering Act)",
                ),
            ),
            data_subjects=("Customers",),
            personal_data=(
                "Name", "National identity number", "Order and purchase history", "Payment details",
                "Credit assessment",
            ),
            source_kind=Source.MIXED,
            source_description="From the customer and the customer's payment history with us.",
            recipients=("Public authorities when the law requires it",),
            recipients_description="Police and tax authorities where the law requires a report.",
            transfers_outside_eea=YES,
            security_measures=M365, security_description=M365_TEXT,
            systems=("Microsoft 365",),
            status=DRAFT,
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Website analytics (Google Analytics)",
            description=(
                "Google Analytics records how visitors use the Wix site: pages, response times, download errors, "
                "how they arrive and leave, device and browser settings, time zone, screen resolution and "
                "approximate location. The policy mentions cookies only as what makes the site work and says "
                "nothing of a consent banner or of Google's retention setting, so retention is missing; no "
                "security measures are described."
            ),
            department="Marketing", owner=OWNER,
            purposes=(
                PurposeSpec(
                    "Measure use of the website to improve it and our services", Art6.CONSENT,
                    consent_record="Wix cookie banner, not described in the policy: confirm where consent is logged",
                ),
            ),
            data_subjects=("Website visitors",),
            personal_data=(
                "Cookies and online identifiers", "IP address and device identifiers", "Browsing and usage behaviour",
                "Location data",
            ),
            source_kind=Source.OBSERVED, source_description="Collected by Google Analytics' script in the browser.",
            recipients=("Marketing and analytics providers",),
            recipients_description="Google, as the analytics provider.",
            transfers_outside_eea=YES,
            systems=("Google Analytics", "Wix"),
            last_reviewed=datetime.date(2025, 5, 12), next_review=datetime.date(2026, 5, 12),
        ),
        ActivitySpec(
            name="Newsletter",
            description=(
                "Newsletters go out through a cloud mailing service the policy does not name, to names imported "
                "from contacts we collected and from people who registered interest. Whether the collected "
                "contacts agreed is not stated. Those who unsubscribe are only tagged and stay in the list with "
                "us and the provider, with no erasure date: retention is missing, transfers unknown."
            ),
            department="Marketing", owner=OWNER,
            purposes=(
                PurposeSpec(
                    "Send newsletters to people who registered their interest", Art6.CONSENT,
                    consent_record="Interest registration form on the Wix site, stored in Wix or Microsoft 365",
                ),
                PurposeSpec(
                    "Send newsletters about similar services to existing customers", Art6.LEGITIMATE_INTERESTS,
                    legal_reference="markedsføringsloven § 15 (existing customer relationship)",
                    balancing_test=(
                        "Customers can expect news of similar services; each newsletter has an unsubscribe link and "
                        "an objection to direct marketing is always honoured (Art. 21(3))."
                    ),
                ),
            ),
            data_subjects=("Customers", "Newsletter subscribers", "Prospective customers"),
            personal_data=("Name", "Contact details (e-mail, phone)", "Marketing preferences and consents"),
            source_kind=Source.MIXED, source_description="Imported from our contact lists and the interest form.",
            recipients=("Marketing and analytics providers",),
            recipients_description="The newsletter provider stores the list as a processor; the policy names none.",
            transfers_outside_eea=UNKNOWN,
            security_measures=M365,
            systems=("Newsletter service (not named)", "Microsoft 365"),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Customer service and satisfaction surveys",
            description=(
                "Enquiries by form, e-mail and phone are answered, and afterwards customers may be asked how "
                "satisfied they were; anyone can decline such messages by e-mail. Forms are stored in Wix or "
                "Microsoft 365 depending on the form. " + ABROAD + " " + VAGUE
            ),
            department="Customer service", owner=OWNER,
            purposes=(
                PurposeSpec(
                    "Answer enquiries from customers and others", Art6.LEGITIMATE_INTERESTS,
                    balancing_test="People who write to us expect an answer; we use only what they send us.",
                ),
                PurposeSpec(
                    "Ask customers about their satisfaction after contact with us", Art6.LEGITIMATE_INTERESTS,
                    balancing_test=(
                        "Short surveys help improve the service, follow contact the customer started, and stop at "
                        "a simple e-mail."
                    ),
                ),
            ),
            data_subjects=("Customers", "People who contact us"),
            personal_data=("Name", "Contact details (e-mail, phone)", "Messages and correspondence"),
            source_description="From the enquirer's messages and forms.",
            recipients=("Processors: IT, hosting and platform providers",),
            transfers_outside_eea=YES,
            security_measures=M365, security_description=M365_TEXT,
            systems=("Microsoft 365", "Wix"),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Social media",
            description=(
                "When people like us or talk to us on social media we see what they made public there and may use "
                "it to improve our services. The policy names no platform and no period: draft, with transfers "
                "unknown and retention and security measures missing."
            ),
            department="Marketing", owner=OWNER,
            purposes=(
                PurposeSpec(
                    "Answer conversations on social media and learn from public feedback", Art6.LEGITIMATE_INTERESTS,
                    balancing_test=(
                        "Draft: uses only what the person made public or wrote to us; no profiles are built and "
                        "nothing is copied out of the platform."
                    ),
                ),
            ),
            data_subjects=("Customers", "Prospective customers", "People who contact us"),
            personal_data=("Name", "Images and video", "Messages and correspondence"),
            source_kind=Source.PUBLIC, source_description="Public profile details on the social media platform.",
            recipients=("Social media platforms",),
            transfers_outside_eea=UNKNOWN,
            status=DRAFT,
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
    ),
)
