"""Seleverkstedet: a Norwegian web shop on Gurusoft Ecommerce (seed 000).

The policy is the platform's template, partly unfilled: the e-mail for privacy questions is blank and
no period of storage is given, so Art. 30(1)(a) and, for several activities, (f) stay missing on purpose.
"""

import datetime

from ropa.demo.spec import (
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

NAME = "Seleverkstedet"
Art6 = LegalBasis.Article6
REVIEWED = datetime.date(2026, 3, 2)
NEXT_REVIEW = datetime.date(2027, 3, 2)
SHOP = "Web shop"
WEB_EDITOR = "Web editor"
SHOP_SECURITY = (
    "Encryption in transit (TLS)", "Role-based access control", "Data processing agreements with processors",
)
SHOP_SECURITY_TEXT = (
    "Gurusoft runs the shop on its own servers under a data processing agreement, and only its system "
    "administrators reach the stored data. Passwords are stored as one-way hashes; all traffic is encrypted "
    "under a TLS certificate from Commfides."
)
NO_CONTACT = "The policy leaves the e-mail for privacy questions blank, so the controller has no contact details."

COMPANY = CompanySpec(
    organisation=OrganisationSpec(NAME, country="NO"),
    activities=(
        ActivitySpec(
            name="Web shop orders",
            description=(
                "Orders placed in the Gurusoft Ecommerce shop: the goods, the delivery address and the shipping and "
                "payment method chosen. Card numbers never reach the shop. Contact and order details are copied to "
                "the ERP system. The policy sets no storage period for orders, only that a profile can be deleted "
                "on request once no purchase is unsettled, so retention is missing. " + NO_CONTACT
            ),
            department=SHOP, owner=WEB_EDITOR,
            purposes=(PurposeSpec("Take, deliver and follow up orders from the web shop", Art6.CONTRACT),),
            data_subjects=("Customers",),
            personal_data=(
                "Name", "Contact details (e-mail, phone)", "Postal and delivery address", "Order and purchase history",
            ),
            source_description="Given by the customer at checkout.",
            recipients=(
                "Processors: IT, hosting and platform providers", "Transport and delivery companies",
                "Payment providers",
            ),
            recipients_description=(
                "Gurusoft hosts the shop. The carrier and payment provider the customer picks get what they need "
                "for delivery and payment; the policy names neither."
            ),
            transfers_outside_eea=NO,
            security_measures=SHOP_SECURITY, security_description=SHOP_SECURITY_TEXT,
            systems=("Gurusoft Ecommerce", "Seleverkstedet ERP"),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Customer accounts (My page)",
            description=(
                "Registered customers log in to My page to see their details and orders and to keep shopping "
                "lists and favourites. The shop also e-mails order confirmations and system messages. " + NO_CONTACT
            ),
            department=SHOP, owner=WEB_EDITOR,
            purposes=(
                PurposeSpec(
                    "Give registered customers an account with their orders, lists and favourites", Art6.CONTRACT,
                ),
                PurposeSpec("Send order confirmations and system messages by e-mail", Art6.CONTRACT),
            ),
            data_subjects=("Registered users", "Customers"),
            personal_data=(
                "Name", "Contact details (e-mail, phone)", "Postal and delivery address", "User name and password",
                "Customer number and account details", "Order and purchase history", "Messages and correspondence",
            ),
            source_description="Given by the customer when registering and shopping.",
            recipients=("Processors: IT, hosting and platform providers",),
            transfers_outside_eea=NO,
            security_measures=SHOP_SECURITY, security_description=SHOP_SECURITY_TEXT,
            systems=("Gurusoft Ecommerce",),
            retention=(
                RetentionSpec(
                    "Kept until the customer asks for the profile to be deleted; not while a purchase is unsettled.",
                    runs_from=Event.ACCOUNT_CLOSED,
                ),
            ),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Newsletter",
            description=(
                "Visitors may sign up for the newsletter; giving the details is voluntary and rests on consent. "
                "The policy says nothing about how long subscribers are kept, so retention is missing. " + NO_CONTACT
            ),
            department="Marketing", owner=WEB_EDITOR,
            purposes=(
                PurposeSpec(
                    "Send the newsletter to those who asked for it", Art6.CONSENT,
                    consent_record="Newsletter sign-up log in Gurusoft Ecommerce",
                ),
            ),
            data_subjects=("Newsletter subscribers",),
            personal_data=("Name", "Contact details (e-mail, phone)", "Marketing preferences and consents"),
            source_description="Given by the subscriber in the sign-up form.",
            recipients=("Processors: IT, hosting and platform providers",),
            transfers_outside_eea=NO,
            security_measures=SHOP_SECURITY, security_description=SHOP_SECURITY_TEXT,
            systems=("Gurusoft Ecommerce",),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Marketing pixels (Facebook pixel, Google Tag)",
            description=(
                "The shop adds the Facebook pixel and Google Tag to its pages to use Meta's and Google's audience "
                "segments in marketing. The policy names no consent step beyond the browser's cookie settings and "
                "no storage period; retention is missing and a DPIA screening has not been done. " + NO_CONTACT
            ),
            department="Marketing", owner=WEB_EDITOR,
            purposes=(
                PurposeSpec(
                    "Segment visitors for marketing on Facebook and Google", Art6.CONSENT,
                    consent_record="No consent log described: the policy points only to the browser's cookie settings",
                ),
            ),
            data_subjects=("Website visitors", "Customers"),
            personal_data=(
                "Cookies and online identifiers", "IP address and device identifiers", "Browsing and usage behaviour",
            ),
            source_kind=Source.OBSERVED,
            source_description="Read from the visitor's browser by the pixel and tag scripts.",
            recipients=("Marketing and analytics providers", "Social media platforms"),
            recipients_description="Meta and Google receive the events the scripts send.",
            transfers_outside_eea=YES,
            security_measures=("Encryption in transit (TLS)",),
            systems=("Meta Pixel", "Google Tag"),
            joint_controllers=(META,),
            profiling=True, is_high_risk=UNKNOWN, dpia_required=UNKNOWN, dpia_status=Dpia.NOT_STARTED,
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Shop session cookies (JSESSIONID, listView)",
            description=(
                "JSESSIONID is a session cookie pointing to a session file on Gurusoft's server, so each visitor, "
                "even without an account, keeps a cart and favourites; listView only remembers list or grid view "
                "and holds no personal data. " + NO_CONTACT
            ),
            department=SHOP, owner=WEB_EDITOR,
            purposes=(
                PurposeSpec(
                    "Keep each visitor's cart and favourites during a visit and remember the product list view",
                    Art6.LEGITIMATE_INTERESTS,
                    balancing_test=(
                        "Strictly necessary for the shop to work: the cookie holds only a reference, the session file "
                        "disappears when the browser closes or the visit goes idle, and only system administrators "
                        "can read it. Visitors expect a cart to work; the impact on them is negligible."
                    ),
                ),
            ),
            data_subjects=("Website visitors", "Customers"),
            personal_data=("Cookies and online identifiers",),
            source_kind=Source.OBSERVED, source_description="Set by the shop in the visitor's browser.",
            recipients=("Processors: IT, hosting and platform providers",),
            transfers_outside_eea=NO,
            security_measures=("Role-based access control", "Automatic deletion"),
            security_description="Session files are deleted automatically; only system administrators can read them.",
            systems=("Gurusoft Ecommerce",),
            retention=(
                RetentionSpec(
                    "The cookie goes when the browser closes; the session file is deleted then or after inactivity.",
                    runs_from=Event.LAST_ACTIVITY, data_category="Cookies and online identifiers",
                ),
            ),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Security and traffic logs",
            description=(
                "Gurusoft logs each request's IP address and browser type to spot and stop attacks, keep the "
                "service fast and stable, and trace fraud attempts; the logs are used for nothing else. The policy "
                "says they are kept 'for a limited period' without saying how long, so retention is missing. "
                + NO_CONTACT
            ),
            department="IT", owner="Gurusoft (processor), on behalf of the web editor",
            purposes=(
                PurposeSpec(
                    "Detect and prevent security threats and investigate fraud against the shop",
                    Art6.LEGITIMATE_INTERESTS,
                    balancing_test=(
                        "Recital 49: network and information security is a legitimate interest. The logs hold only "
                        "technical data, are not used elsewhere, and protect customers as much as the shop."
                    ),
                ),
                PurposeSpec(
                    "Keep the cloud service stable and fast", Art6.LEGITIMATE_INTERESTS,
                    balancing_test="Technical data only, read by Gurusoft's operators, with no effect on the visitor.",
                ),
            ),
            data_subjects=("Website visitors", "Customers"),
            personal_data=("IP address and device identifiers",),
            source_kind=Source.OBSERVED, source_description="Logged by Gurusoft's servers on every request.",
            recipients=("Processors: IT, hosting and platform providers",),
            transfers_outside_eea=NO,
            security_measures=(
                "Access logging", "Role-based access control", "Data processing agreements with processors",
            ),
            systems=("Gurusoft Ecommerce",),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Bookkeeping",
            description=(
                "Sales are booked from the order data in the ERP system. The policy does not mention bookkeeping, "
                "but the Norwegian Bookkeeping Act applies to the shop's sales. " + NO_CONTACT
            ),
            department="Finance", owner="General manager",
            purposes=(
                PurposeSpec(
                    "Keep the accounting records the Bookkeeping Act requires", Art6.LEGAL_OBLIGATION,
                    legal_reference="bokføringsloven § 13",
                ),
            ),
            data_subjects=("Customers",),
            personal_data=("Name", "Postal and delivery address", "Order and purchase history"),
            source_kind=Source.DATA_SUBJECT, source_description="Copied from the web shop's orders.",
            recipients=("Accountants and auditors", "Public authorities when the law requires it"),
            transfers_outside_eea=NO,
            security_measures=("Role-based access control",),
            systems=("Seleverkstedet ERP",),
            retention=(
                RetentionSpec(
                    "Primary accounting documentation", duration=5, runs_from=Event.END_OF_FINANCIAL_YEAR,
                    legal_reference="bokføringsloven § 13",
                ),
            ),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
    ),
)
