"""The Art. 15(1)(a)–(h) and 15(2) information for an access request, generated from the record.

Built in the requester's language (RightsRequest.language) from structured data and the wording for data
subjects only (requests/answers/public.py), for the activities where the handler found data about the requester
(EDPB Guidelines 01/2022 on the right of access: the answer covers the processing of *her* data, not every
activity searched). Anything the record does not document is listed in `gaps` and marked in the text; the answer
cannot be sent until the handler has completed it and attached the copy of the data (Art. 15(3)). With no searched
activity recorded, the letter confirms nothing: a placeholder stands until the handler records them. Searched and
nothing found, the letter says so, once the handler confirms it.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from requests.answers.drafts import Draft, FileRule, placeholder, searched_activities
from requests.authorities import supervisory_authority
from requests.models import Right, RightsRequest
from requests.text import render_text
from ropa.models import LegalBasis, ProcessingActivity, Processor, Purpose, YesNoUnknown
from ropa.notice.content import SOURCE_TO_NAME

SECTION_KEYS = ("activities", "a", "b", "c", "d", "e", "f", "g", "h", "transfers")

NOTHING_FOUND = _("No personal data about the requester was found in any of the activities searched.")
EVERY_RECIPIENT_NAMED = _(
    "Every recipient of the activities in the letter is named, or the letter says why a name cannot be given "
    "(Art. 15(1)(c), CJEU C-154/21 Österreichische Post)."
)


@dataclass
class Section:
    key: str
    title: str
    items: list[str] = field(default_factory=list)


@dataclass
class AccessAnswer(Draft):
    language: str = ""
    unsearched: str = ""  # the placeholder standing for the activities searched, while none is recorded
    nothing_found: bool = False  # searched, and no data about the requester found
    activities: list[ProcessingActivity] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    def section(self, key: str) -> Section:
        return next(section for section in self.sections if section.key == key)


def _activities(request: RightsRequest, gaps: list[str]) -> tuple[list[ProcessingActivity], str]:
    """The activities where data about this requester was found; none and a placeholder while no search is
    recorded (requests/answers/drafts.py)."""
    _searched, unsearched = searched_activities(request, gaps)
    if unsearched:
        return [], unsearched
    related = [
        Prefetch("purposes", queryset=Purpose.objects.order_by("pk")),
        "retention_rules", "personal_data_categories", "recipient_categories", "joint_controllers",
        "processors__organisation",
    ]
    if hasattr(ProcessingActivity, "transfers"):
        related.append("transfers__processor")
    return list(request.found_activities.order_by("name").prefetch_related(*related)), ""


def _missing(gaps: list[str], activity: ProcessingActivity, what: str) -> str:
    return placeholder(gaps, what, activity.name)


def _purposes(activity: ProcessingActivity, gaps: list[str]) -> list[str]:
    purposes = []
    for purpose in activity.purposes.all():
        bases = [LegalBasis.label(b) for b in (purpose.article6, purpose.article9, purpose.article10) if b]
        purposes.append(f"{purpose.description} ({', '.join(bases)})")
    return purposes or [_missing(gaps, activity, gettext("purpose"))]


def _retention(activity: ProcessingActivity, gaps: list[str]) -> list[str]:
    rules = []
    for rule in activity.retention_rules.all():
        category = rule.personal_data_category.label if rule.personal_data_category_id else ""
        rules.append(f"{category}: {rule.summary}" if category else str(rule.summary))
    return rules or [_missing(gaps, activity, gettext("retention period"))]


def _source(activity: ProcessingActivity, gaps: list[str]) -> str:
    """Art. 15(1)(g): the source itself, in the officer's words for data subjects; never source_description, the
    officer's note (requests/answers/public.py)."""
    if not activity.source_kind:
        return _missing(gaps, activity, gettext("source of the data"))
    if activity.source_kind == ProcessingActivity.SourceKind.DATA_SUBJECT:
        return gettext("From you.")
    kind = str(activity.get_source_kind_display())
    wording = activity.public_source.strip()
    if not wording and activity.source_kind in SOURCE_TO_NAME:
        wording = _missing(gaps, activity, gettext("where the data came from"))
    return f"{kind}: {wording}" if wording else kind


def _transfers(activity: ProcessingActivity, gaps: list[str]) -> list[str]:
    """Art. 15(2): each transfer with its safeguard (the Transfer model, where the record has it)."""
    transfers = list(activity.transfers.all()) if hasattr(activity, "transfers") else []
    lines = []
    for transfer in transfers:
        destination = getattr(transfer, "destination", None) or transfer.destination_country.name
        # The recipient tells two transfers to one country apart (a pixel to Meta, another to Google).
        recipient = f"{transfer.recipient_name}, " if transfer.recipient_name else ""
        lines.append(f"{recipient}{destination}: {transfer.safeguard_summary()}")
    lines = list(dict.fromkeys(lines))
    if not lines and activity.transfers_outside_eea != YesNoUnknown.NO:
        lines.append(_missing(gaps, activity, gettext("transfers outside the EEA")))
    return lines


def _titled(activity: ProcessingActivity, lines: list[str]) -> list[str]:
    return [f"{activity.name}: {line}" for line in lines]


def _recipients(activity: ProcessingActivity, gaps: list[str]) -> tuple[list[str], bool]:
    """Art. 15(1)(c): the recipients by name (CJEU C-154/21 Österreichische Post: categories only where naming them
    is impossible), and whether the record also has recipient categories the handler must check are all named.

    Names come from the record: joint controllers, processors and other parties the data goes to, and the
    recipients of transfers. Categories with no name at all leave a placeholder for the names or the reason.
    """
    joint = gettext("joint controller")
    names = [f"{organisation.name} ({joint})" for organisation in activity.joint_controllers.all()]
    for processor in activity.processors.all():
        if processor.needs_agreement:
            role = gettext("processor")
        else:
            role = joint if processor.role == Processor.Role.JOINT_CONTROLLER else gettext("recipient")
        names.append(f"{processor.organisation.name} ({role})")
    transfers = activity.transfers.all() if hasattr(activity, "transfers") else []
    names += [f"{transfer.recipient} ({gettext('recipient')})" for transfer in transfers if transfer.recipient]
    names = list(dict.fromkeys(names))
    categories = [category.label for category in activity.recipient_categories.all() if not category.internal]
    if names:
        return ["; ".join(names)], bool(categories)
    if categories:
        what = gettext("the names of the recipients (%(categories)s), or why they cannot be named") % {
            "categories": ", ".join(categories),
        }
        return [_missing(gaps, activity, what)], False
    return [gettext("None outside our company.")], False


def _rights_items(activities: list[ProcessingActivity]) -> list[str]:
    bases = {purpose.article6 for activity in activities for purpose in activity.purposes.all()}
    items = [
        gettext("Rectification of inaccurate data (Art. 16)."),
        gettext("Erasure (Art. 17)."),
        gettext("Restriction of processing (Art. 18)."),
        gettext("Objection to processing based on legitimate interests or for direct marketing (Art. 21)."),
    ]
    if bases & {LegalBasis.Article6.CONSENT, LegalBasis.Article6.CONTRACT}:
        items.append(gettext("Data portability for data you gave us, based on consent or contract (Art. 20)."))
    if LegalBasis.Article6.CONSENT in bases:
        items.append(gettext("Withdrawing your consent at any time, without affecting earlier processing (Art. 7(3))."))
    return items


def build_access_answer(request: RightsRequest) -> AccessAnswer:
    """The information Art. 15(1) and (2) require, from the record, in the requester's language."""
    with translation.override(request.language):
        gaps: list[str] = []
        activities, unsearched = _activities(request, gaps)
        authority = supervisory_authority(request.organisation.country.code)
        sections = {
            "activities": Section("activities", gettext("What we use your data for")),
            "a": Section("a", gettext("(a) The purposes of the processing and its legal basis")),
            "b": Section("b", gettext("(b) The categories of personal data")),
            "c": Section("c", gettext("(c) The recipients or categories of recipients")),
            "d": Section("d", gettext("(d) How long the data is kept")),
            "e": Section("e", gettext("(e) Your rights")),
            "f": Section("f", gettext("(f) Your right to complain")),
            "g": Section("g", gettext("(g) Where the data comes from")),
            "h": Section("h", gettext("(h) Automated decisions, including profiling")),
            "transfers": Section("transfers", gettext("Transfers to countries outside the EEA (Art. 15(2))")),
        }
        check_every_recipient = False
        for activity in activities:
            about = activity.public_description.strip()
            sections["activities"].items.append(f"{activity.name}: {about}" if about else activity.name)
            sections["a"].items += _titled(activity, _purposes(activity, gaps))
            categories = [category.label for category in activity.personal_data_categories.all()]
            sections["b"].items += _titled(
                activity, [", ".join(categories) or _missing(gaps, activity, gettext("categories of data"))],
            )
            recipients, also_categories = _recipients(activity, gaps)
            sections["c"].items += _titled(activity, recipients)
            check_every_recipient |= also_categories
            sections["d"].items += _titled(activity, _retention(activity, gaps))
            sections["g"].items += _titled(activity, [_source(activity, gaps)])
            # Art. 15(1)(h) covers the decisions of Art. 22(1) and (4); profiling that decides nothing on its own
            # is told under (a), not as a decision with a "logic".
            if activity.automated_decision_making:
                logic = activity.automated_decision_description or _missing(
                    gaps, activity, gettext("the logic and consequences of automated decisions"),
                )
                sections["h"].items += _titled(activity, [logic])
            sections["transfers"].items += _titled(activity, _transfers(activity, gaps))
        if not sections["h"].items:
            sections["h"].items.append(gettext("We make no decisions about you based solely on automated processing."))
        if not sections["transfers"].items:
            sections["transfers"].items.append(gettext("We do not transfer your data to countries outside the EEA."))
        sections["e"].items = _rights_items(activities)
        sections["f"].items = [
            gettext(
                "You may complain to %(authority)s (%(website)s), or to the data protection authority where you "
                "live or work (Art. 77)."
            ) % {"authority": authority.name, "website": authority.website},
        ]
        # Nothing is confirmed or described until the handler has searched: the letter holds the placeholder,
        # the right to complain, and no claim of an attached copy. Searched and nothing found, it says so.
        nothing_found = not unsearched and not activities
        keys = ("f",) if unsearched or nothing_found else SECTION_KEYS
        confirmations = [NOTHING_FOUND] if nothing_found else [EVERY_RECIPIENT_NAMED] if check_every_recipient else []
        answer = AccessAnswer(
            request=request, right=Right.Article.ACCESS, outcome="answered", gaps=gaps,
            file_rule=FileRule.NONE if unsearched or nothing_found else FileRule.COPY, language=request.language,
            unsearched=unsearched, nothing_found=nothing_found, activities=activities,
            sections=[sections[key] for key in keys],
        )
        answer.text = render_text(
            "requests/access_answer.txt",
            {"answer": answer, "request": request, "organisation": request.organisation},
        )
    # What the handler confirms is read in the handler's language, not the requester's.
    answer.confirmations = [str(confirmation) for confirmation in confirmations]
    return answer
