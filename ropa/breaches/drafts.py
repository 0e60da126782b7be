"""Drafts the privacy officer copies into Datatilsynet's breach form and into the message to the people affected.

Both are written from the breach and the record it links to, in Norwegian Bokmål, English or Swedish. What
the register does not yet hold is marked in the text and listed, so nothing is sent half-filled by mistake.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _

from requests.authorities import supervisory_authority
from requests.text import render_text
from ropa.breaches.clock import local
from ropa.breaches.models import Breach, Communication, Risk
from ropa.models import PersonalDataCategory

LANGUAGES = ("nb", "en", "sv")
KINDS = ("notification", "communication")
TEMPLATES = {
    "notification": "breaches/notification_draft.txt",
    "communication": "breaches/communication_draft.txt",
}


@dataclass
class Draft:
    kind: str
    language: str
    text: str
    gaps: list[str] = field(default_factory=list)

    def filename(self, breach: Breach) -> str:
        return f"breach-{breach.pk}-{self.kind}-{self.language}.txt"


def when(moment: datetime.datetime | None) -> str:
    """A moment as the officer reads it: local date, time and zone (CET or CEST in Norway)."""
    moment = local(moment)
    return moment.strftime("%Y-%m-%d %H:%M %Z") if moment else ""


def write_draft(breach: Breach, kind: str, language: str) -> Draft:
    """The draft of `kind` ("notification" to the authority, Art. 33(3); "communication" to data subjects,
    Art. 34(2)) in `language`."""
    if kind not in KINDS or language not in LANGUAGES:
        raise ValueError(f"Unknown draft {kind!r} in {language!r}.")
    with translation.override(language):
        gaps: list[str] = []
        context = _context(breach, gaps)
        # Plain text, not a SafeString: the draft page prints it into a <textarea>, escaped like any value, so a
        # description such as "</textarea><meta http-equiv=refresh …>" stays text (issue 16.1).
        text = render_text(TEMPLATES[kind], context)
    return Draft(kind, language, text, gaps)


def _context(breach: Breach, gaps: list[str]) -> dict:
    missing = "[" + _("to be completed") + "]"

    def filled(value, label: str) -> str:
        if value in (None, "") or (isinstance(value, str) and not value.strip()):
            gaps.append(label)
            return missing
        return value

    organisation = breach.organisation
    subjects = [str(item) for item in breach.data_subject_categories.all()]
    data = list(breach.personal_data_categories.all())
    nature = [
        label for flag, label in (
            (breach.confidentiality, _("confidentiality (personal data disclosed or accessed without authority)")),
            (breach.integrity, _("integrity (personal data altered)")),
            (breach.availability, _("availability (personal data lost or destroyed)")),
        ) if flag
    ]
    return {
        "breach": breach,
        "organisation": organisation,
        "authority": supervisory_authority(organisation.country.code or "NO"),
        "contact_point": _contact_point(breach, gaps, missing),
        "occurred": when(breach.occurred_at) or _("not known"),
        "aware": filled(when(breach.aware_at), _("when we became aware")),
        "contained": when(breach.contained_at) or _("not yet contained"),
        "deadline": when(breach.notification_deadline),
        "nature": "; ".join(nature) or filled("", _("nature of the breach")),
        "description": filled(breach.description, _("what happened")),
        "subjects": ", ".join(subjects) or filled("", _("categories of data subjects")),
        "subject_count": _approximately(breach.approximate_data_subjects) or filled("", _("number of data subjects")),
        "data": ", ".join(str(item) for item in data) or filled("", _("categories of personal data")),
        "special": [str(item) for item in data if item.kind != PersonalDataCategory.Kind.ORDINARY],
        "record_count": _approximately(breach.approximate_records) or filled("", _("number of records")),
        "activities": [str(item) for item in breach.activities.all()],
        "systems": [str(item) for item in breach.systems.all()],
        "processors": [str(item) for item in breach.processors.all()],
        "consequences": filled(breach.consequences, _("likely consequences")),
        "measures_taken": filled(breach.measures_taken, _("measures taken")),
        "measures_proposed": breach.measures_proposed.strip(),
        "risk": breach.get_risk_display() if breach.risk else filled("", _("risk assessment")),
        "risk_assessment": breach.risk_assessment.strip(),
        "late": breach.was_notified_late or (breach.is_clock_running and breach.is_overdue()),
        "delay_reasons": breach.delay_reasons.strip() or missing,
        "processor_told": when(breach.processor_told_at),
        "communication": _communication_text(breach),
        "more_to_follow": breach.contained_at is None or not breach.risk,
        "high_risk": breach.risk == Risk.HIGH,
    }


def _contact_point(breach: Breach, gaps: list[str], missing: str) -> str:
    """Art. 33(3)(b): the name *and contact details* of the DPO or another contact point; a company name alone
    reaches no one, so the draft marks the details as missing."""
    organisation = breach.organisation
    reachable = any([organisation.dpo_email, organisation.dpo_phone, organisation.email, organisation.phone])
    if reachable:
        return breach.contact_point
    gaps.append(_("contact details of the contact point (e-mail or phone)"))
    return f"{breach.contact_point} {missing}".strip()


def _approximately(number: int | None) -> str:
    return _("about %(number)s") % {"number": number} if number is not None else ""


def _communication_text(breach: Breach) -> str:
    if breach.communication == Communication.COMMUNICATED:
        return _("The data subjects were told on %(when)s: %(means)s") % {
            "when": when(breach.communicated_at), "means": breach.communication_means.strip() or "–",
        }
    if breach.communication:
        return f"{breach.get_communication_display()}. {breach.exemption_reasons.strip()}".strip()
    if breach.risk == Risk.HIGH:
        return _("Not yet: the data subjects will be told without undue delay (Art. 34(1)).")
    return _("Not planned: the risk is not assessed as high (Art. 34(1)).")
