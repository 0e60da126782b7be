"""Verdifull.no: a Norwegian shop on WordPress and WooCommerce with newsletter and blog comments (seed 001).

The policy joins the company's own text to the platforms' templates: order data is kept "XXX years" for
accounting (a placeholder, so Art. 30(1)(f) stays missing) and the analytics section is empty.
"""

import datetime

from ropa.demo.spec import (
    DRAFT,
    NO,
    UNKNOWN,
    YES,
    ActivitySpec,
    CompanySpec,
    Event,
    OrganisationSpec,
    PurposeSpec,
    RetentionSpec,
    Source,
    Unit,
)
from ropa.models import LegalBasis

NAME = "Verdifull.no"
Art6 = LegalBasis.Article6
REVIEWED = datetime.date(2026, 1, 20)
NEXT_REVIEW = datetime.date(2027, 1, 20)
SHOP = "Web shop"
SHOP_MANAGER = "Shop manager"
ACCESS = ("Role-based access control",)
ACCESS_TEXT = "Internal routines keep access to customer data to the staff who need it."
PLACEHOLDER = (
    "The policy keeps order information for 'XXX years' for accounting and tax reasons: the template's "
    "placeholder was never filled in, so no retention period is recorded."
)

COMPANY = CompanySpec(
    organisation=OrganisationSpec(
        NAME, organisation_number="920437958", country="NO", email="personvern@verdifull.example",
        website="https://www.verdifull.no",
    ),
    activities=(
        ActivitySpec(
            name="Purchases and payment",
            description=(
                "Handling a purchase from checkout to delivery, with payment through Klarna Checkout. Location, IP "
                "address and browser type estimate tax and shipping; recently viewed products are shown again. "
                + PLACEHOLDER
            ),
            department=SHOP, owner=SHOP_MANAGER,
            purposes=(
                PurposeSpec("Confirm, deliver and answer questions about the customer's order", Art6.CONTRACT),
                PurposeSpec("Estimate tax and shipping before the order is placed", Art6.CONTRACT),
                PurposeSpec(
                    "Take payment and stop fraudulent orders", Art6.LEGITIMATE_INTERESTS,
                    balancing_test=(
                        "Fraud checks protect the shop and honest customers, use only what the customer gives at "
                        "checkout, and are expected by anyone who pays online."
                    ),
                ),
                PurposeSpec(
                    "Show the visitor the products they recently looked at", Art6.LEGITIMATE_INTERESTS,
                    balancing_test="A convenience inside the shop only, from the visitor's own browsing, not shared.",
                ),
            ),
            data_subjects=("Customers", "Website visitors"),
            personal_data=(
                "Name", "Contact details (e-mail, phone)", "Postal and delivery address", "Payment details",
                "Order and purchase history", "IP address and device identifiers", "Location data",
                "Browsing and usage behaviour",
            ),
            source_description="Given by the customer at checkout; Klarna returns the billing and shipping address.",
            recipients=("Payment providers", "Transport and delivery companies", "Internal staff only"),
            recipients_description=(
                "Klarna receives the order lines (name, price, quantity, SKU) and sends back the billing and shipping "
                "address, stored on the order with a purchase identifier. Staff with the administrator and shop "
                "manager roles see orders and customer details."
            ),
            internal_notes=(
                "The policy also says only Verdifull processes the data, which the Klarna flow contradicts: the "
                "text should be corrected."
            ),
            transfers_outside_eea=NO,
            security_measures=ACCESS, security_description=ACCESS_TEXT,
            systems=("WordPress with WooCommerce", "Klarna Checkout"),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Bookkeeping and tax",
            description=(
                "Order records (name, e-mail, billing and delivery address) kept for accounting and to work out "
                "tax. bokføringsloven § 13 would require five years from the end of the financial year for "
                "primary documentation; confirm and record it. " + PLACEHOLDER
            ),
            department="Finance", owner="General manager",
            purposes=(
                PurposeSpec(
                    "Keep accounting records and calculate tax", Art6.LEGAL_OBLIGATION,
                    legal_reference="bokføringsloven § 13",
                ),
            ),
            data_subjects=("Customers",),
            personal_data=(
                "Name", "Contact details (e-mail, phone)", "Postal and delivery address", "Order and purchase history",
            ),
            source_description="Taken from the shop's orders.",
            recipients=("Accountants and auditors", "Public authorities when the law requires it"),
            transfers_outside_eea=NO,
            security_measures=ACCESS, security_description=ACCESS_TEXT,
            systems=("WordPress with WooCommerce",),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Customer accounts",
            description=(
                "Customers may open an account to see orders and check out faster with saved details. Users can "
                "view, edit and delete their own details at any time, except the user name; administrators can "
                "also see and edit them. Login cookies last two days, or two weeks with 'Remember me', and are "
                "removed on logout; display choices are remembered for a year."
            ),
            department=SHOP, owner=SHOP_MANAGER,
            purposes=(PurposeSpec("Let customers log in, follow orders and reuse their saved details", Art6.CONTRACT),),
            data_subjects=("Registered users",),
            personal_data=(
                "Name", "Contact details (e-mail, phone)", "Postal and delivery address", "User name and password",
                "Cookies and online identifiers",
            ),
            source_description="Given by the customer when creating and using the account.",
            recipients=("Internal staff only",),
            transfers_outside_eea=NO,
            security_measures=ACCESS, security_description=ACCESS_TEXT,
            systems=("WordPress with WooCommerce",),
            retention=(
                RetentionSpec(
                    "Profile data stays until the user deletes it or asks us to.", runs_from=Event.ACCOUNT_CLOSED,
                ),
                RetentionSpec(
                    "Login cookies: two days, or two weeks with 'Remember me'; removed on logout.",
                    duration=14, unit=Unit.DAYS, data_category="Cookies and online identifiers",
                ),
                RetentionSpec(
                    "Cookies with display choices expire after one year.",
                    duration=1, data_category="Cookies and online identifiers",
                ),
            ),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="E-mail marketing and newsletter",
            description=(
                "Offers by e-mail, text message, phone and post, tailored to what the customer bought and clicked "
                "in earlier newsletters. Customers get offers for a period after a purchase; after that only with "
                "consent. The policy does not say how long that period is; set it."
            ),
            department="Marketing", owner="Marketing manager",
            purposes=(
                PurposeSpec(
                    "Send offers to existing customers for a period after a purchase", Art6.LEGITIMATE_INTERESTS,
                    legal_reference="markedsføringsloven § 15 (existing customer relationship)",
                    balancing_test=(
                        "Customers expect offers on similar goods from a shop they bought from; every message has an "
                        "easy opt-out, and an objection to direct marketing is honoured at once (Art. 21(3))."
                    ),
                ),
                PurposeSpec(
                    "Keep sending the newsletter after that period to those who agree", Art6.CONSENT,
                    consent_record="Newsletter sign-up log in the shop platform (WooCommerce)",
                ),
                PurposeSpec(
                    "Tailor offers to purchase history and clicks in the newsletter", Art6.LEGITIMATE_INTERESTS,
                    balancing_test=(
                        "Uses only the customer's own purchases and clicks with us, no outside data; profiling for "
                        "direct marketing stops as soon as the customer objects (Art. 21(2)-(3))."
                    ),
                ),
            ),
            data_subjects=("Customers", "Newsletter subscribers"),
            personal_data=(
                "Name", "Contact details (e-mail, phone)", "Postal and delivery address", "Order and purchase history",
                "Browsing and usage behaviour", "Marketing preferences and consents",
            ),
            source_kind=Source.MIXED,
            source_description="From the customer's purchases and from clicks recorded in our newsletters.",
            recipients=("Internal staff only",),
            transfers_outside_eea=NO,
            security_measures=ACCESS, security_description=ACCESS_TEXT,
            systems=("WordPress with WooCommerce",),
            retention=(
                RetentionSpec(
                    "Consent-based mailing stops, and the address leaves the list, the day consent is withdrawn.",
                    runs_from=Event.CONSENT_WITHDRAWN, data_category="Marketing preferences and consents",
                ),
            ),
            profiling=True,
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Blog comments",
            description=(
                "Readers' comments are stored with the commenter's IP address and browser version to keep spam "
                "out. A hash of the e-mail address is sent to Gravatar to look up a profile picture, which is "
                "public next to an approved comment. Comments may pass through an automatic spam filter. A "
                "commenter can ask for name, e-mail and website to be remembered in a cookie for a year."
            ),
            department="Content", owner="Web editor",
            purposes=(
                PurposeSpec(
                    "Publish readers' comments and keep spam out", Art6.LEGITIMATE_INTERESTS,
                    balancing_test=(
                        "Commenting is voluntary and the commenter decides what to publish; IP address and browser "
                        "version serve only spam control, and Gravatar sees a hash, not the address."
                    ),
                ),
                PurposeSpec(
                    "Remember the commenter's name, e-mail and website for next time", Art6.CONSENT,
                    consent_record="The 'remember me' box in the comment form; the choice lives in the browser cookie",
                ),
            ),
            data_subjects=("Commenters and reviewers",),
            personal_data=(
                "Name", "Contact details (e-mail, phone)", "Comments and reviews", "IP address and device identifiers",
                "Images and video", "Cookies and online identifiers",
            ),
            source_description="Written by the commenter in the comment form.",
            recipients=("Processors: IT, hosting and platform providers",),
            recipients_description=(
                "Automattic (Gravatar) receives a hash of the e-mail address; a spam-detection service, not named, "
                "checks comments. Approved comments with their picture are public."
            ),
            transfers_outside_eea=YES,
            security_measures=("Pseudonymisation",),
            security_description="Only a hash of the e-mail address leaves the site for the Gravatar lookup.",
            systems=("WordPress with WooCommerce",),
            retention=(
                RetentionSpec(
                    "Comments and their details are kept with no time limit, so follow-ups can be approved "
                    "automatically; review whether that is necessary.",
                    runs_from=Event.OTHER, data_category="Comments and reviews",
                ),
                RetentionSpec(
                    "The commenter's cookie expires after one year.",
                    duration=1, data_category="Cookies and online identifiers",
                ),
            ),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Customer service, refunds and complaints",
            description=(
                "Staff answer customers' questions and handle refunds and complaints from the order and customer "
                "details in the shop. The policy gives no period for keeping this correspondence, so retention "
                "is missing."
            ),
            department="Customer service", owner=SHOP_MANAGER,
            purposes=(PurposeSpec("Answer questions and handle refunds and complaints", Art6.CONTRACT),),
            data_subjects=("Customers", "People who contact us"),
            personal_data=(
                "Name", "Contact details (e-mail, phone)", "Postal and delivery address", "Order and purchase history",
                "Messages and correspondence",
            ),
            source_description="From the customer's messages and the shop's order records.",
            recipients=("Internal staff only",),
            transfers_outside_eea=NO,
            security_measures=ACCESS, security_description=ACCESS_TEXT,
            systems=("WordPress with WooCommerce",),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Embedded content from other sites",
            description=(
                "Articles may embed videos, images and articles from other sites, which behave as if visited "
                "directly: they can set cookies, add third-party tracking and follow logged-in users. The policy "
                "names neither the sites nor a storage period, and its analytics section is empty. Draft until "
                "assessed: transfers, retention and security measures are missing."
            ),
            department="Content", owner="Web editor",
            purposes=(
                PurposeSpec(
                    "Show videos, images and articles from other sites in our articles", Art6.LEGITIMATE_INTERESTS,
                    balancing_test=(
                        "Draft: richer articles against tracking by the embedding sites. Until a consent step "
                        "exists, use privacy-enhanced embeds that set no cookies before the visitor plays them."
                    ),
                ),
            ),
            data_subjects=("Website visitors",),
            personal_data=(
                "Cookies and online identifiers", "IP address and device identifiers", "Browsing and usage behaviour",
            ),
            source_kind=Source.OBSERVED, source_description="Collected by the embedding sites from the browser.",
            recipients=("Social media platforms", "Marketing and analytics providers"),
            transfers_outside_eea=UNKNOWN,
            systems=("WordPress with WooCommerce",),
            status=DRAFT, is_high_risk=UNKNOWN, dpia_required=UNKNOWN, dpia_status="",
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
    ),
)
