"""Workflow steps that also write to the requester: the change and its e-mail commit together or not at all."""

import datetime

from django.db import transaction

from requests import emails
from requests.models import OutboxEmail, RightsRequest


def acknowledge(request: RightsRequest) -> OutboxEmail | None:
    """Send the receipt (with reference and deadline) for a request entered by a handler."""
    return emails.queue_receipt(request)


def confirm_email(request: RightsRequest, *, by=None, comment: str = "") -> None:
    with transaction.atomic():
        request.confirm_email(by=by, comment=comment)
        emails.queue_receipt(request)


def extend(
    request: RightsRequest, reason: str, *, told_on: datetime.date | None = None, by=None,
    today: datetime.date | None = None,
) -> None:
    """Art. 12(3): extend, and tell the requester with reasons (by e-mail when we have the address)."""
    with transaction.atomic():
        request.extend(reason, told_on=told_on, by=by, today=today)
        emails.queue_extension_notice(request)


def complete(request: RightsRequest, outcome: str = "", *, by=None, comment: str = "") -> None:
    with transaction.atomic():
        request.complete(outcome, by=by, comment=comment)
        emails.queue_decision(request)


def refuse(request: RightsRequest, ground: str, explanation: str, *, complaint_right_told: bool, by=None) -> None:
    """Art. 12(4): refuse with reasons, and tell the requester of the right to complain."""
    with transaction.atomic():
        request.refuse(ground, explanation, complaint_right_told=complaint_right_told, by=by)
        emails.queue_decision(request)

