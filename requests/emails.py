"""The e-mails a rights request sends, each written in the requester's language and queued in the outbox.

Subjects are marked for translation where they are written (gettext_lazy) and rendered, like the body, in the
requester's language; bodies are plain text (requests/text.py).
"""

import datetime
import functools

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from requests.authorities import supervisory_authority
from requests.models import OutboxEmail, Right, RightsRequest
from requests.text import cite_articles, render_text


def _context(request: RightsRequest, **extra) -> dict:
    organisation = request.organisation
    return {
        "request": request,
        "organisation": organisation,
        # A template calls a callable when it reads it: the rights are queried only for the e-mails that name them
        # (the receipt), once.
        "rights": functools.cache(lambda: [str(right) for right in request.rights.all()]),
        "authority": supervisory_authority(organisation.country.code),
        **extra,
    }


def _queue_to_requester(
    request: RightsRequest, kind: str, subject: Promise, template: str, **extra,
) -> OutboxEmail | None:
    """Queue a message to the requester, or None when there is no e-mail address to write to."""
    if not request.requester_email:
        return None
    with translation.override(request.language):
        body = render_text(template, _context(request, **extra))
        subject = cite_articles(str(subject) % {
            "reference": request.reference, "organisation": request.organisation.name,
            "right": extra.get("right_label", ""),
        })
    return OutboxEmail.queue(
        kind=kind, to=request.requester_email, subject=subject, body=body, request=request,
        reply_to=request.organisation.email,
    )


def queue_confirmation(request: RightsRequest, confirm_url: str) -> OutboxEmail | None:
    """A web-form request counts once the requester follows this link (requests/intake/)."""
    return _queue_to_requester(
        request, OutboxEmail.Kind.CONFIRMATION, _("Confirm your request to %(organisation)s"),
        "requests/intake/email/confirm.txt", confirm_url=confirm_url,
        hours=settings.INTAKE_CONFIRMATION_HOURS, days=settings.INTAKE_UNCONFIRMED_DAYS,
    )


def queue_receipt(request: RightsRequest, *, status_url: str = "") -> OutboxEmail | None:
    """The receipt; for a web-form request it holds the private link to follow the case."""
    return _queue_to_requester(
        request, OutboxEmail.Kind.RECEIPT, _("We have received your request (%(reference)s)"),
        "requests/email/receipt.txt", status_url=status_url,
    )


def queue_effect_notice(
    request: RightsRequest, codes: set[str], purposes: list[str], *, status_url: str = "",
) -> OutboxEmail | None:
    """Art. 7(3), 21(3): the withdrawal or objection is in effect from receipt; no month is promised for it. Any
    other right asked for in the same request keeps its Art. 12(3) deadline, which is told."""
    with translation.override(request.language):
        done = [str(Right.Article(code).label) for code in sorted(codes)]
    return _queue_to_requester(
        request, OutboxEmail.Kind.EFFECT, _("Your request has taken effect (%(reference)s)"),
        "requests/email/effect.txt", status_url=status_url, done=done, purposes=purposes,
        withdrawal=Right.Article.WITHDRAW_CONSENT in codes, marketing=Right.Article.MARKETING_OBJECTION in codes,
    )


def queue_staff_notice(recipient: str, request: RightsRequest, codes: set[str], purposes: list[str]) -> OutboxEmail:
    """The staff are told at once what to stop; the reference only, no requester data (as the reminders)."""
    with translation.override(settings.LANGUAGE_CODE):
        rights = [str(Right.Article(code).label) for code in sorted(codes)]
        body = render_text("requests/email/staff_notice.txt", {
            "request": request, "rights": rights, "purposes": purposes,
        })
        subject = gettext("Act now: %(reference)s, %(rights)s") % {
            "reference": request.reference, "rights": ", ".join(rights),
        }
    return OutboxEmail.queue(kind=OutboxEmail.Kind.STAFF_NOTICE, to=recipient, subject=subject, body=body)


def staff_language(request: RightsRequest) -> str:
    """The language the controller's staff work in: the one its officers write the record in (ropa stores no
    language per person; the requester's language is hers, not theirs), or the site's."""
    language = request.organisation.record_language
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def queue_announcement(recipients: list[str], request: RightsRequest, admin_url: str) -> list[OutboxEmail]:
    """Tell each of the workspace's handlers and officers that a confirmed request waits, one e-mail each.

    The reference, the rights, the company, the deadline and the admin page; nothing about the requester, not even
    what she wrote (Art. 5(1)(c), 32(1)): her details stay behind the admin's login.
    """
    if not recipients:
        return []
    with translation.override(staff_language(request)):
        body = render_text("requests/email/announcement.txt", {
            "request": request, "organisation": request.organisation, "admin_url": admin_url,
            "rights": [str(right) for right in request.rights.all()],
        })
        subject = gettext("New rights request %(reference)s to %(organisation)s") % {
            "reference": request.reference, "organisation": request.organisation.name,
        }
    return [
        OutboxEmail.queue(kind=OutboxEmail.Kind.ANNOUNCEMENT, to=address, subject=subject, body=body, request=request)
        for address in recipients
    ]


def queue_extension_notice(request: RightsRequest) -> OutboxEmail | None:
    """Art. 12(3): the requester is told of the extension and the reasons within the first month."""
    return _queue_to_requester(
        request, OutboxEmail.Kind.EXTENSION, _("More time is needed for your request (%(reference)s)"),
        "requests/email/extension.txt",
    )


def queue_decision(request: RightsRequest) -> OutboxEmail | None:
    """The outcome; a refusal gives its reasons and the right to complain (Art. 12(4))."""
    if request.status == RightsRequest.Status.REFUSED:
        return _queue_to_requester(
            request, OutboxEmail.Kind.DECISION, _("Your request (%(reference)s) has been refused"),
            "requests/email/refused.txt",
        )
    return _queue_to_requester(
        request, OutboxEmail.Kind.DECISION, _("Your request (%(reference)s) has been handled"),
        "requests/email/completed.txt",
    )


def queue_access_answer(request: RightsRequest, text: str) -> OutboxEmail | None:
    return _queue_to_requester(
        request, OutboxEmail.Kind.ACCESS_ANSWER, _("Information about your personal data (%(reference)s)"),
        "requests/email/answer.txt", text=text,
    )


def queue_answer(request: RightsRequest, right: str, text: str) -> OutboxEmail | None:
    """The handler's answer to one right (Arts. 16–22), as drafted by requests/answers/ and completed."""
    if right == Right.Article.ACCESS:
        return queue_access_answer(request, text)
    with translation.override(request.language):
        right_label = str(Right.Article(right).label)
    return _queue_to_requester(
        request, OutboxEmail.Kind.DECISION, _("Your request (%(reference)s): %(right)s"),
        "requests/email/answer.txt", text=text, right_label=right_label,
    )


def queue_reminder(
    recipient: str, requests: list[RightsRequest], *, days: int, today: datetime.date, unassigned: bool = False,
) -> OutboxEmail:
    """A handler's list of requests due within `days` days or overdue; references only, no requester data."""
    with translation.override(settings.LANGUAGE_CODE):
        body = render_text(
            "requests/email/reminder.txt",
            {
                "overdue": [r for r in requests if r.deadline < today],
                "due": [r for r in requests if r.deadline >= today],
                "days": days, "today": today, "unassigned": unassigned,
            },
        )
        subject = gettext("Rights requests due: %(count)s") % {"count": len(requests)}
    return OutboxEmail.queue(kind=OutboxEmail.Kind.REMINDER, to=recipient, subject=subject, body=body)
