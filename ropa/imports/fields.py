"""The fields of an activity a column can be mapped to, by key, with the name the dry run gives each."""

from django.utils import translation
from django.utils.translation import gettext as _

from ropa.exports.layouts import HEADINGS

MAPPABLE_FIELDS = (
    "name", "controller", "description", "purposes", "legal_bases", "article6", "article9", "article10",
    "legal_reference", "balancing_test", "consent_record", "data_subjects", "personal_data", "recipients",
    "transfers", "retention", "security", "source", "systems", "processors", "dpia_required", "dpia_status",
    "dpia_link", "high_risk", "department", "owner", "status", "last_reviewed", "next_review", "joint_controllers",
    "automated_decisions", "profiling", "notes",
)


def field_label(column: str) -> str:
    """A column key as the user reads it: our export's heading in the report's language."""
    language = (translation.get_language() or "en")[:2]
    headings = HEADINGS.get(language, HEADINGS["en"])["activities"]
    extra = {
        "article6": _("Art. 6 basis"), "article9": _("Art. 9 condition"), "article10": _("Art. 10 basis"),
        "article9_10": _("Art. 9 condition or Art. 10 basis"), "legal_reference": _("legal reference"),
        "balancing_test": _("balancing test"), "consent_record": _("consent record"), "notes": _("internal notes"),
    }
    return headings.get(column) or str(extra.get(column, column))
