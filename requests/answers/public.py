"""Which parts of the record may reach a data subject, and which never leave the admin.

Answers to requests are drafted from structured data (vocabulary labels, legal bases, retention rules,
transfer safeguards) and from the fields written for the data subject's eyes. The officer's free text is
for the officer and the auditor: it may hold remarks such as "the policy contradicts the Klarna flow".
A test fills every internal field with a marker and checks that no outgoing e-mail contains it.
"""

# Written for data subjects (Art. 12(1): concise, intelligible, plain language).
PUBLIC_ACTIVITY_FIELDS = ("name", "public_description", "public_source", "automated_decision_description")
PUBLIC_PURPOSE_FIELDS = ("description", "legal_reference")
PUBLIC_RETENTION_FIELDS = ("description", "legal_reference")  # the Art. 15(1)(d) criteria

# For the privacy officer and the auditor only.
INTERNAL_ACTIVITY_FIELDS = (
    "description", "recipients_description", "source_description", "security_description", "internal_notes",
    "owner", "department", "dpia_link",
)
INTERNAL_PURPOSE_FIELDS = ("balancing_test", "consent_record")
