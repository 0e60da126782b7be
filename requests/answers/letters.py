"""The answer to each right after Art. 15 (Arts. 16–22), drafted from the request and the record.

Each right has its outcomes (done, or refused on the ground the law gives); each outcome has a letter in
the requester's language, the confirmations the handler must give before it can be sent, and the file rule
(Art. 20: the data itself, machine-readable). See requests/answers/drafts.py for the rule every letter keeps.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from requests.answers.drafts import Draft, FileRule, placeholder, searched_activities
from requests.authorities import supervisory_authority
from requests.models import Right, RightsRequest
from requests.text import render_text
from ropa.models import LegalBasis, ProcessingActivity, Purpose

A = Right.Article
TOLD_RECIPIENTS = _("Each recipient named in the letter has been told (Art. 19).")


@dataclass(frozen=True)
class Outcome:
    key: str
    label: Promise
    confirmations: tuple[Promise, ...] = ()
    file_rule: FileRule = FileRule.NONE
    tells_recipients: bool = False  # Art. 19: a correction, erasure or restriction is passed on


@dataclass(frozen=True)
class RightAnswer:
    right: str
    template: str
    outcomes: tuple[Outcome, ...]

    def outcome(self, key: str) -> Outcome:
        return next((outcome for outcome in self.outcomes if outcome.key == key), self.outcomes[0])


ANSWERS: dict[str, RightAnswer] = {answer.right: answer for answer in [
    RightAnswer(A.RECTIFICATION, "requests/email/answers/rectification.txt", (
        Outcome("rectified", _("Corrected (Art. 16)"), (
            _("The data is corrected (or completed) in every system searched."),
        ), tells_recipients=True),
        Outcome("refused", _("Refused: the data is accurate")),
    )),
    RightAnswer(A.ERASURE, "requests/email/answers/erasure.txt", (
        Outcome("erased", _("Erased (Art. 17(1))"), (
            _("The data is erased in every system searched."),
        ), tells_recipients=True),
        Outcome("kept_by_law", _("Kept where a law requires it (Art. 17(3)(b)), the rest erased"), (
            _("All data that no law requires us to keep is erased in every system searched."),
            _("The data kept is used for nothing but the legal obligation until it is erased."),
        ), tells_recipients=True),
        Outcome("refused", _("Refused: none of the grounds in Art. 17(1) applies")),
    )),
    RightAnswer(A.RESTRICTION, "requests/email/answers/restriction.txt", (
        Outcome("restricted", _("Restricted (Art. 18)"), (
            _("The data is marked as restricted in every system searched, and is only stored."),
        ), tells_recipients=True),
        Outcome("refused", _("Refused: none of the grounds in Art. 18(1) applies")),
    )),
    RightAnswer(A.PORTABILITY, "requests/email/answers/portability.txt", (
        Outcome("file_sent", _("The data in a machine-readable file (Art. 20)"), (
            _("The attached file holds the data the requester gave us, and no one else's (Art. 20(4))."),
        ), file_rule=FileRule.MACHINE_READABLE),
        Outcome("refused", _("Refused: not based on consent or contract (Art. 20(1))")),
    )),
    RightAnswer(A.OBJECTION, "requests/email/answers/objection.txt", (
        Outcome("marketing_stopped", _("Direct marketing stopped (Art. 21(2) and (3), absolute)"), (
            _("The requester is taken off every marketing list and kept off it."),
        )),
        Outcome("upheld", _("Upheld: the processing has stopped (Art. 21(1))"), (
            _("Processing for the purposes named in the letter has stopped."),
        )),
        Outcome("refused", _("Refused: compelling legitimate grounds (Art. 21(1))"), (
            _("The objection is not to direct marketing: Art. 21(3) makes that objection absolute."),
        )),
    )),
    RightAnswer(A.AUTOMATED_DECISION, "requests/email/answers/automated_decision.txt", (
        Outcome("reviewed", _("Reviewed by a person (Art. 22(3))"), (
            _("A person with the authority to change the decision has reviewed it."),
        )),
    )),
]}


def answerable_rights(request: RightsRequest) -> list[str]:
    """The rights asked for that have a drafted answer, Art. 15 first, in the order of the articles."""
    codes = request.right_codes()
    order = [A.ACCESS, *ANSWERS]
    return [code for code in order if code in codes]


def _activities(request: RightsRequest, gaps: list[str]) -> tuple[list[ProcessingActivity], str]:
    """The activities searched, or none and a placeholder (requests/answers/drafts.py)."""
    activities, unsearched = searched_activities(request, gaps)
    return list(activities.order_by("name").prefetch_related(
        Prefetch("purposes", queryset=Purpose.objects.order_by("pk")),
        "retention_rules__personal_data_category", "recipient_categories", "processors",
    )), unsearched


def _recipients(activities: list[ProcessingActivity]) -> list[str]:
    """Art. 19: those the data was disclosed to, by the record's categories and the processors' names; our own
    staff ("Internal staff only") received nothing from outside and are no one to tell."""
    names = []
    for activity in activities:
        names += [category.label for category in activity.recipient_categories.all() if not category.internal]
        names += [processor.name for processor in activity.processors.all()]
    return list(dict.fromkeys(names))


def _purposes(activities: list[ProcessingActivity], bases: set[str]) -> list[str]:
    return [
        f"{activity.name}: {purpose.description} ({LegalBasis.label(purpose.article6)})"
        for activity in activities for purpose in activity.purposes.all() if purpose.article6 in bases
    ]


def _kept_by_law(activities: list[ProcessingActivity]) -> list[str]:
    """Art. 17(3)(b): the retention rules that name the law requiring us to keep the data."""
    lines = []
    for activity in activities:
        for rule in activity.retention_rules.all():
            if rule.legal_reference:
                category = rule.personal_data_category.label if rule.personal_data_category_id else activity.name
                lines.append(f"{category}: {rule.summary}")
    return list(dict.fromkeys(lines))  # two activities may keep the same data under the same law


def _automated_decisions(activities: list[ProcessingActivity], gaps: list[str]) -> list[str]:
    lines = []
    for activity in activities:
        if activity.automated_decision_making:  # Art. 22(1): profiling alone decides nothing to review
            logic = activity.automated_decision_description or placeholder(
                gaps, gettext("the logic and consequences of automated decisions"), activity.name,
            )
            lines.append(f"{activity.name}: {logic}")
    return lines


def _context(request: RightsRequest, right: str, outcome: Outcome, gaps: list[str]) -> dict:
    """What the letter for `right` and `outcome` says, from the record; a placeholder for what it cannot say."""
    activities, unsearched = _activities(request, gaps)
    context = {
        "request": request, "organisation": request.organisation, "outcome": outcome.key, "unsearched": unsearched,
        "authority": supervisory_authority(request.organisation.country.code),
        "activities": [activity.name for activity in activities],
        "recipients": _recipients(activities) if outcome.tells_recipients else [],
    }
    key = (right, outcome.key)
    if key == (A.RECTIFICATION, "rectified"):
        context["corrected"] = placeholder(gaps, gettext("which data was corrected, and how"))
    elif key == (A.RECTIFICATION, "refused"):
        context["reasons"] = placeholder(gaps, gettext("why the data is accurate and complete"))
    elif key == (A.ERASURE, "kept_by_law"):
        context["kept"] = _kept_by_law(activities) or [
            placeholder(gaps, gettext("the data kept and the law that requires it")),
        ]
    elif key == (A.ERASURE, "refused"):
        context["reasons"] = placeholder(gaps, gettext("why none of the grounds in Art. 17(1) applies"))
    elif key == (A.RESTRICTION, "refused"):
        context["reasons"] = placeholder(gaps, gettext("why none of the grounds in Art. 18(1) applies"))
    elif right == A.PORTABILITY:
        portable = {LegalBasis.Article6.CONSENT, LegalBasis.Article6.CONTRACT}
        context["portable"] = _purposes(activities, portable)
        if outcome.key == "file_sent" and not context["portable"]:
            context["portable"] = [placeholder(gaps, gettext("the processing based on consent or contract"))]
        if outcome.key == "refused":
            context["other"] = _purposes(activities, set(LegalBasis.Article6.values) - portable)
            context["reasons"] = placeholder(gaps, gettext("why the data falls outside Art. 20(1)"))
    elif right == A.OBJECTION and outcome.key != "marketing_stopped":
        objectable = {LegalBasis.Article6.PUBLIC_TASK, LegalBasis.Article6.LEGITIMATE_INTERESTS}
        context["objectable"] = _purposes(activities, objectable) or [
            placeholder(gaps, gettext("the processing objected to")),
        ]
        if outcome.key == "refused":
            context["grounds"] = placeholder(
                gaps, gettext("the compelling legitimate grounds that override the objection"),
            )
    elif right == A.AUTOMATED_DECISION:
        context["decisions"] = _automated_decisions(activities, gaps) or [
            placeholder(gaps, gettext("the decision that was reviewed")),
        ]
        context["review"] = placeholder(
            gaps, gettext("who reviewed the decision, what they considered and the result"),
        )
    return context


def build_answer(request: RightsRequest, right: str, outcome_key: str = "") -> Draft:
    """The draft answer to `right` with the chosen outcome (the first when none is chosen)."""
    answer = ANSWERS[right]
    outcome = answer.outcome(outcome_key)
    gaps: list[str] = []
    with translation.override(request.language):
        context = _context(request, right, outcome, gaps)
        text = render_text(answer.template, context)
    confirmations = list(outcome.confirmations)
    if context["recipients"]:
        confirmations.append(TOLD_RECIPIENTS)
    return Draft(
        request=request, right=right, outcome=outcome.key, text=text, gaps=gaps,
        confirmations=[str(confirmation) for confirmation in confirmations], file_rule=outcome.file_rule,
    )
