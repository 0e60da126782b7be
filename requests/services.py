"""Workflow steps that also write to the requester: the change and its e-mail commit together or not at all."""

import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext

from requests import emails
from requests.models import OutboxEmail, Right, RightsRequest
from ropa.models import LegalBasis, ProcessingActivity, Role


def acknowledge(request: RightsRequest, *, status_url: str = "", by=None) -> OutboxEmail | None:
    """Send the receipt (with reference and deadline) for a request entered by a handler; a withdrawal of consent
    or an objection to direct marketing takes effect instead (take_effect())."""
    if request.immediate_right_codes():
        return take_effect(request, status_url=status_url, by=by)
    return emails.queue_receipt(request, status_url=status_url)


def purposes_to_stop(request: RightsRequest, codes: set[str]) -> list[str]:
    """The controller's activities and purposes that a withdrawal (Art. 6(1)(a), 9(2)(a)) or an objection to direct
    marketing (Art. 21(2)-(3)) stops, as "activity: purpose" lines for the staff to act on."""
    condition = Q(pk__in=[])
    if Right.Article.WITHDRAW_CONSENT in codes:
        condition |= Q(purposes__article6__in=LegalBasis.CONSENT_BASES)
        condition |= Q(purposes__article9__in=LegalBasis.CONSENT_BASES)
    if Right.Article.MARKETING_OBJECTION in codes:
        condition |= Q(purposes__direct_marketing=True)
    activities = (
        ProcessingActivity.objects.filter(organisation=request.organisation)
        .exclude(status=ProcessingActivity.Status.RETIRED).filter(condition).distinct().order_by("name")
        .prefetch_related("purposes")
    )
    return [
        f"{activity.name}: {purpose.description}"
        for activity in activities for purpose in activity.purposes.all() if _stops(purpose, codes)
    ]


def _stops(purpose, codes: set[str]) -> bool:
    consent = purpose.article6 in LegalBasis.CONSENT_BASES or purpose.article9 in LegalBasis.CONSENT_BASES
    return (Right.Article.WITHDRAW_CONSENT in codes and consent) or (
        Right.Article.MARKETING_OBJECTION in codes and purpose.direct_marketing
    )


def take_effect(request: RightsRequest, *, status_url: str = "", by=None) -> OutboxEmail | None:
    """Art. 7(3), 21(3): a withdrawal of consent or an objection to direct marketing counts from receipt. Recorded
    on the timeline, the staff told at once which purposes to stop, and the requester told that it is done.

    No Art. 12(3) month is promised for it (EDPB Guidelines 05/2020 on consent: withdrawing is as easy as giving
    consent, and takes effect at once), and no e-mail confirmation is waited for.
    """
    codes = request.immediate_right_codes()
    lines = purposes_to_stop(request, codes)
    with transaction.atomic():
        if set(request.right_codes()) <= codes and not request.takes_effect_on_receipt:
            request.takes_effect_on_receipt = True
            request._save_as(by)  # its deadline becomes the day of receipt
        with translation.override(settings.LANGUAGE_CODE):
            rights = ", ".join(str(Right.Article(code).label) for code in sorted(codes))
            comment = gettext("%(rights)s took effect on receipt; the staff were told at once to stop: %(what)s") % {
                "rights": rights, "what": "; ".join(lines) or gettext("no purpose in the record (check by hand)"),
            }
        request.status_changes.create(
            from_status=request.status, to_status=request.status, changed_by=by, comment=comment,
        )
        for address in staff_addresses(request):
            emails.queue_staff_notice(address, request, codes, lines)
        return emails.queue_effect_notice(request, codes, lines, status_url=status_url)


def staff_addresses(request: RightsRequest) -> list[str]:
    """Who acts on it: the assignee, and the privacy officers and request handlers of the request's workspace (never
    another client's staff), with an e-mail address."""
    users = User.objects.filter(
        is_active=True, memberships__workspace_id=request.organisation.workspace_id,
        memberships__role__in=[Role.OFFICER, Role.HANDLER],
    ).exclude(email="")
    addresses = list(users.order_by("email").values_list("email", flat=True).distinct())
    if request.assignee_id and request.assignee.is_active and request.assignee.email:
        addresses.insert(0, request.assignee.email)
    return list(dict.fromkeys(addresses))


def announcement_addresses(request: RightsRequest) -> list[str]:
    """The privacy officers and request handlers who are members of the request's workspace, with an e-mail address:
    never another client's staff, nor an auditor (who does not work requests)."""
    users = User.objects.filter(
        is_active=True, memberships__workspace_id=request.organisation.workspace_id,
        memberships__role__in=[Role.OFFICER, Role.HANDLER],
    ).exclude(email="")
    return list(users.order_by("email").values_list("email", flat=True).distinct())


def announce(request: RightsRequest, admin_url: str) -> list[OutboxEmail]:
    """Tell the workspace's staff that a confirmed request waits to be picked up: once per request, however often
    this is called (the announcement, kept in the outbox with the request, is the mark)."""
    if request.emails.filter(kind=OutboxEmail.Kind.ANNOUNCEMENT).exists():
        return []
    return emails.queue_announcement(announcement_addresses(request), request, admin_url)


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

