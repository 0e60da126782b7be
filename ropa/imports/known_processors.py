"""Services a small Nordic business names in its recipients column that act for it as processors (Art. 28).

Written without a company form ("Mailchimp", "Wolt"), a name here is still an organisation, not a category of
recipients: the import offers it as a processor use, whose missing data processing agreement the record flags.
"""

import re

KNOWN_PROCESSORS = (
    "Mailchimp", "Klaviyo", "Brevo", "Sendinblue", "Apsis", "Rule", "HubSpot", "Zendesk", "Intercom", "Tidio",
    "Freshdesk", "Wolt", "Foodora", "Too Good To Go", "Klarna", "Vipps", "MobilePay", "Swish", "Stripe", "PayPal",
    "Nets", "Dintero", "Svea", "Qliro", "Walley", "Resurs", "Adyen", "SumUp", "Zettle", "iZettle", "Shopify",
    "Wix", "Squarespace", "Fiken", "Tripletex", "Visma", "PowerOffice", "Fortnox", "e-conomic", "Dinero",
    "Bokio", "Bring", "Posten", "PostNord", "DHL", "UPS", "Helthjem", "Instabox", "Budbee", "Porterbuddy",
    "Google Workspace", "Google Analytics", "Microsoft 365", "Office 365", "Amazon Web Services", "AWS", "Dropbox",
    "Slack", "Trustpilot", "Planday", "Quinyx", "Tamigo",
)
_KNOWN = re.compile(r"^(?:" + "|".join(re.escape(name) for name in KNOWN_PROCESSORS) + r")\b", re.IGNORECASE)


def is_known_processor(name: str) -> bool:
    """Whether a name starts with a service's name ("Mailchimp", "Wolt (levering)", "Vipps MobilePay AS")."""
    return bool(_KNOWN.match(name.strip()))
