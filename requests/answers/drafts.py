"""A drafted answer to one right: its text, what the handler must still fill in, and what must be true to send it.

The rule for every letter: a sentence states only what the system did or the handler confirmed. Whatever the
record cannot supply is a placeholder `[to be completed: …]` (in the requester's language), and an answer with
any placeholder left is never sent. A sentence that claims an act the system cannot see (the data is corrected,
recipients were told, Art. 19) comes with a confirmation the handler must tick; a sentence that says a file is
attached comes with the rule that a file is attached.
"""

import re
from dataclasses import dataclass, field
from enum import Enum

from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

PLACEHOLDER = gettext_noop("[to be completed: %(what)s]")
NOT_SEARCHED = gettext_noop("the processing activities searched for your data, or that we hold no personal data "
                            "about you")


class FileRule(Enum):
    """What must be attached before an answer can be sent."""

    NONE = "none"
    COPY = "copy"  # Art. 15(3): a copy of the personal data, in any form
    MACHINE_READABLE = "machine_readable"  # Art. 20(1): structured, commonly used and machine-readable


@dataclass
class Draft:
    request: object
    right: str
    outcome: str
    text: str = ""
    gaps: list[str] = field(default_factory=list)
    confirmations: list[str] = field(default_factory=list)
    file_rule: FileRule = FileRule.NONE


def placeholder(gaps: list[str], what: str, where: str = "") -> str:
    """Mark `what` for the handler to complete, in the active language, and list it among the gaps."""
    gaps.append(gettext("%(activity)s: %(what)s") % {"activity": where, "what": what} if where else what)
    return gettext(PLACEHOLDER) % {"what": what}


def searched_activities(request, gaps: list[str]) -> tuple[QuerySet, str]:
    """The activities searched for the requester's data, and a placeholder when none is recorded.

    Never every activity instead: a letter would then confirm processing, and describe it, for a person nobody
    has looked for (Art. 15(1): confirmation "whether or not"). The handler records the activities searched on
    the request's page, and the draft is written from them, or writes that we hold no data about her.
    """
    activities = request.searched_activities.all()
    if activities.exists():
        return activities, ""
    return activities.none(), placeholder(gaps, gettext(NOT_SEARCHED))


def _placeholder_patterns() -> list[re.Pattern]:
    """A placeholder's marker in each language ("[to be completed:", "[må fylles ut:", "[ska fyllas i:"), found
    however the handler half-edited it: in any case, with other spacing, the bracket or the text after the colon
    gone, or a line break inside."""
    patterns = []
    for language in ("en", "nb", "sv"):
        with translation.override(language):
            before, _marker, _after = gettext(PLACEHOLDER).partition("%(what)s")
        marker = r"\s+".join(re.escape(word) for word in before.strip().lstrip("[").rstrip(":").split())
        patterns.append(re.compile(rf"(?:\[\s*{marker}\s*:?|{marker}\s*:)[^\]\n]*\]?", re.IGNORECASE))
    return patterns


def placeholders_in(text: str) -> list[str]:
    """Every placeholder still in `text`, once each, in any of our languages (a draft may be pasted from another)."""
    found = [match.group(0) for pattern in _placeholder_patterns() for match in pattern.finditer(text)]
    return list(dict.fromkeys(found))
