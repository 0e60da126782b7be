"""Answers to every right: drafted from the request and the record, completed by the handler, sent only when true.

`build(request, right, outcome)` drafts; `check(draft, text, attachments, confirmed)` lists what stops it from
being sent; `send(...)` queues it with its files and notes it on the timeline.
"""

from django.db import transaction
from django.utils.translation import gettext, ngettext

from requests import emails
from requests.answers.drafts import Draft, FileRule, placeholders_in
from requests.answers.letters import ANSWERS, answerable_rights, build_answer
from requests.models import Attachment, OutboxEmail, Right, RightsRequest

__all__ = ["ANSWERS", "Draft", "answerable_rights", "build", "check", "outcomes", "send"]


def outcomes(right: str) -> list[tuple[str, str]]:
    """(key, label) of each outcome the handler can choose for `right`; Art. 15 has one."""
    if right == Right.Article.ACCESS:
        return []
    return [(outcome.key, str(outcome.label)) for outcome in ANSWERS[right].outcomes]


def build(request: RightsRequest, right: str, outcome: str = "") -> Draft:
    if right == Right.Article.ACCESS:
        from requests.access import build_access_answer  # requests.access builds on this package

        return build_access_answer(request)
    return build_answer(request, right, outcome)


def check(draft: Draft, text: str, attachments: list[Attachment], confirmed: set[str]) -> list[str]:
    """Why the completed `text` cannot be sent yet, in the handler's language; empty when it can."""
    problems = []
    if not text.strip():
        problems.append(gettext("The letter is empty: write the answer before sending."))
    left = placeholders_in(text)
    if left:
        problems.append(ngettext(
            "Complete this before sending: %(items)s", "Complete these before sending: %(items)s", len(left),
        ) % {"items": "; ".join(left)})
    problems += [
        gettext("Confirm before sending: %(statement)s") % {"statement": statement}
        for statement in draft.confirmations if statement not in confirmed
    ]
    if draft.file_rule == FileRule.COPY and not attachments:
        problems.append(gettext(
            "Art. 15(3): attach the copy of the personal data (upload it on the request's page, then choose it here)."
        ))
    if draft.file_rule == FileRule.MACHINE_READABLE and not any(a.is_machine_readable for a in attachments):
        problems.append(gettext(
            "Art. 20(1): attach the data in a machine-readable file (a spreadsheet, CSV or JSON; not a PDF or an "
            "image)."
        ))
    if not draft.request.requester_email:
        problems.append(gettext("The requester gave no e-mail address."))
    return problems


def send(draft: Draft, text: str, attachments: list[Attachment], *, by=None) -> OutboxEmail:
    """Queue the answer with its files and note it on the timeline; call only when check() found nothing."""
    with transaction.atomic():
        email = emails.queue_answer(draft.request, draft.right, text)
        for attachment in attachments:
            attachment.sent_in.add(email)
        right = str(Right.Article(draft.right).label)
        draft.request.status_changes.create(
            from_status=draft.request.status, to_status=draft.request.status, changed_by=by,
            comment=gettext("Answer sent by e-mail: %(right)s (%(outcome)s).") % {
                "right": right, "outcome": _outcome_label(draft),
            },
        )
    return email


def _outcome_label(draft: Draft) -> str:
    if draft.right == Right.Article.ACCESS:
        return gettext("Art. 15(1)–(3) information and copy")
    return str(ANSWERS[draft.right].outcome(draft.outcome).label)
