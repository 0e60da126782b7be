"""Selby AS: a Norwegian platform with registered users, a contact form and security monitoring (seed 003).

The policy is short and refers details to each service's agreement documents, so the account data's
storage period (Art. 30(1)(f)) is missing; monitoring keeps data "as long as relevant", also missing.
"""

import datetime

from ropa.demo.spec import (
    NO,
    ActivitySpec,
    CompanySpec,
    Event,
    OrganisationSpec,
    PurposeSpec,
    RetentionSpec,
    Source,
)
from ropa.models import LegalBasis

NAME = "Selby AS"
Art6 = LegalBasis.Article6
REVIEWED = datetime.date(2026, 6, 8)
NEXT_REVIEW = datetime.date(2027, 6, 8)
PLATFORM = "Platform"
CTO = "Head of technology"
PLATFORM_SECURITY = ("Encryption in transit (TLS)", "Role-based access control", "Access logging")
PLATFORM_SECURITY_TEXT = (
    "A cookie secures the connection between the user's device and the platform, and monitoring systems "
    "watch for suspicious activity."
)

COMPANY = CompanySpec(
    organisation=OrganisationSpec(
        NAME, organisation_number="983950418", country="NO", email="personvern@selby.example",
        website="https://selby.no",
    ),
    activities=(
        ActivitySpec(
            name="Registered platform users",
            description=(
                "Users who register give only what the agreed services need. Ordinary visitors to selby.no are not "
                "recorded. Details for each service are in the agreement documents signed at registration, which "
                "this record does not yet cover, so retention is missing."
            ),
            department=PLATFORM, owner=CTO,
            purposes=(PurposeSpec("Provide the services agreed at registration", Art6.CONTRACT),),
            data_subjects=("Registered users", "Contact persons at business customers"),
            personal_data=(
                "Name", "Contact details (e-mail, phone)", "User name and password",
                "Customer number and account details",
            ),
            source_description="Given by the user at registration.",
            recipients=("Internal staff only",),
            transfers_outside_eea=NO,
            security_measures=PLATFORM_SECURITY, security_description=PLATFORM_SECURITY_TEXT,
            systems=("Selby platform",),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Session and login cookies",
            description=(
                "One anonymous cookie secures the connection and holds short-lived session state; it does not "
                "follow the user across systems. Blocking it can stop ordering or logging in. Ticking 'Remember "
                "me' adds a long-lived cookie that keeps the user logged in until they log out."
            ),
            department=PLATFORM, owner=CTO,
            purposes=(
                PurposeSpec(
                    "Secure the connection and keep short-lived session state", Art6.LEGITIMATE_INTERESTS,
                    balancing_test=(
                        "Strictly necessary for a secure service; the cookie is a temporary, anonymous reference "
                        "that is deleted automatically and is not used to track anyone."
                    ),
                ),
                PurposeSpec("Keep the user logged in when they tick 'Remember me'", Art6.CONTRACT),
            ),
            data_subjects=("Registered users", "Website visitors"),
            personal_data=("Cookies and online identifiers",),
            source_kind=Source.OBSERVED, source_description="Set by the platform in the browser.",
            recipients=("Internal staff only",),
            transfers_outside_eea=NO,
            security_measures=("Encryption in transit (TLS)", "Automatic deletion"),
            systems=("Selby platform",),
            retention=(
                RetentionSpec(
                    "The session cookie is deleted automatically once it is no longer in use.",
                    runs_from=Event.LAST_ACTIVITY, data_category="Cookies and online identifiers",
                ),
                RetentionSpec(
                    "The 'Remember me' cookie stays until the user logs out.",
                    runs_from=Event.OTHER, data_category="Cookies and online identifiers",
                ),
            ),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Security monitoring",
            description=(
                "Monitoring systems record suspicious activity to keep the platform secure; normal use leaves no "
                "such record. The policy keeps the data 'as long as relevant' for security, with no period, so "
                "retention is missing."
            ),
            department="Operations", owner=CTO,
            purposes=(
                PurposeSpec(
                    "Detect and investigate suspicious activity on the platform", Art6.LEGITIMATE_INTERESTS,
                    balancing_test=(
                        "Recital 49: network and information security is a legitimate interest. Only suspicious "
                        "events are kept, which protects every user of the platform."
                    ),
                ),
            ),
            data_subjects=("Registered users", "Website visitors"),
            personal_data=("IP address and device identifiers", "Browsing and usage behaviour"),
            source_kind=Source.OBSERVED, source_description="Recorded by the monitoring systems.",
            recipients=("Internal staff only",),
            transfers_outside_eea=NO,
            security_measures=("Access logging", "Role-based access control"),
            systems=("Selby platform",),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Contact form enquiries",
            description=(
                "Requests sent through the contact form are kept until they are passed on to the right person or "
                "closed without follow-up; some move into the internal case system."
            ),
            department="Customer service", owner="Customer service lead",
            purposes=(
                PurposeSpec(
                    "Answer enquiries and pass them on to the right person", Art6.LEGITIMATE_INTERESTS,
                    balancing_test="People who write to us expect an answer; we keep only what they send, and briefly.",
                ),
            ),
            data_subjects=("People who contact us", "Prospective customers"),
            personal_data=("Name", "Contact details (e-mail, phone)", "Messages and correspondence"),
            source_description="Written by the enquirer in the contact form.",
            recipients=("Internal staff only",),
            transfers_outside_eea=NO,
            security_measures=PLATFORM_SECURITY,
            systems=("Selby platform", "Selby case management"),
            retention=(
                RetentionSpec(
                    "Kept until the enquiry is passed on or closed; cases needing follow-up move to the case system.",
                    runs_from=Event.OTHER, data_category="Messages and correspondence",
                ),
            ),
            last_reviewed=REVIEWED, next_review=NEXT_REVIEW,
        ),
        ActivitySpec(
            name="Bookkeeping",
            description=(
                "Invoices for services ordered on the platform. The policy does not mention bookkeeping, but as a "
                "Norwegian limited company Selby is bound by the Bookkeeping Act."
            ),
            department="Finance", owner="Chief financial officer",
            purposes=(
                PurposeSpec(
                    "Keep the accounting records the Bookkeeping Act requires", Art6.LEGAL_OBLIGATION,
                    legal_reference="bokføringsloven § 13",
                ),
            ),
            data_subjects=("Customers", "Contact persons at business customers"),
            personal_data=("Name", "Contact details (e-mail, phone)", "Order and purchase history"),
            source_description="From the orders placed on the platform.",
            recipients=("Accountants and auditors", "Public authorities when the law requires it"),
            transfers_outside_eea=NO,
            security_measures=("Role-based access control",),
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
