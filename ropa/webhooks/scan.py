"""The time-based events, found by a periodic scan with the queries the e-mail reminders use.

`request.due_soon` (due within 7 days, Art. 12(3)), `request.overdue`, `breach.clock` (24 of the 72 hours of
Art. 33(1) left, or none), `agreement.expiring` (ends within 60 days, as the dashboard warns, Art. 28(3)) and
`activity.review_due` (its next review has come, Art. 24(1)). Each (subscription, event, subject, deadline) is
enqueued once however often the scan runs: its message id is derived from them and unique, so a second run finds it
and a concurrent one is refused by the database. A deadline that moves (an extension, Art. 12(3)) is a new event.

`manage.py worker` runs the scan every few minutes, `manage.py remind_deadlines` once more each day.
"""

import datetime
import hashlib

from django.db import IntegrityError, transaction
from django.utils import timezone

from ropa.webhooks import events
from ropa.webhooks.models import Event, WebhookDelivery, WebhookSubscription

DUE_SOON_DAYS = 7
BREACH_CLOCK_HOURS = 24
AGREEMENT_DAYS = 60
TIMED = (
    Event.REQUEST_DUE_SOON, Event.REQUEST_OVERDUE, Event.BREACH_CLOCK, Event.AGREEMENT_EXPIRING,
    Event.ACTIVITY_REVIEW_DUE,
)


def message_id(subscription_id: int, event: str, subject_key: str, deadline) -> str:
    """The same message id for the same event of the same subject and deadline, whichever scan finds it."""
    digest = hashlib.sha256(f"{subscription_id}|{event}|{subject_key}|{deadline}".encode()).hexdigest()
    return f"msg_{digest[:32]}"


def _candidates(event: str, workspace_ids: set[int], now: datetime.datetime):
    """(workspace id, subject key, deadline, data) of each subject the event is due for, in those workspaces."""
    from requests.models import RightsRequest
    from ropa.breaches.models import Breach
    from ropa.models import DataProcessingAgreement, ProcessingActivity

    today = timezone.localdate(now)
    if event == Event.REQUEST_DUE_SOON:
        rows = RightsRequest.objects.due_within(DUE_SOON_DAYS, today)
    elif event == Event.REQUEST_OVERDUE:
        rows = RightsRequest.objects.overdue(today)
    elif event == Event.BREACH_CLOCK:
        rows = Breach.objects.due_by(now + datetime.timedelta(hours=BREACH_CLOCK_HOURS))
    elif event == Event.AGREEMENT_EXPIRING:
        rows = DataProcessingAgreement.objects.filter(
            ends_on__gte=today, ends_on__lte=today + datetime.timedelta(days=AGREEMENT_DAYS),
        )
    else:
        rows = ProcessingActivity.objects.review_overdue(today + datetime.timedelta(days=1))
    if event in (Event.REQUEST_DUE_SOON, Event.REQUEST_OVERDUE):
        rows = rows.filter(organisation__workspace_id__in=workspace_ids).select_related("organisation")
        return [(r.organisation.workspace_id, f"request:{r.pk}", r.deadline, events.request_data(r)) for r in rows]
    if event == Event.BREACH_CLOCK:
        rows = rows.filter(organisation__workspace_id__in=workspace_ids).select_related("organisation")
        return [
            (b.organisation.workspace_id, f"breach:{b.pk}", b.notification_deadline, events.breach_data(b))
            for b in rows
        ]
    if event == Event.AGREEMENT_EXPIRING:
        rows = rows.filter(processor__workspace_id__in=workspace_ids).select_related("processor")
        return [(a.processor.workspace_id, f"agreement:{a.pk}", a.ends_on, events.agreement_data(a)) for a in rows]
    rows = rows.filter(organisation__workspace_id__in=workspace_ids).select_related("organisation")
    return [
        (a.organisation.workspace_id, f"activity:{a.pk}", a.next_review, events.activity_data(a)) for a in rows
    ]


def scan(now: datetime.datetime | None = None) -> int:
    """Enqueue every time-based event due now that no earlier scan enqueued; return how many were."""
    now = now or timezone.now()
    subscriptions = list(WebhookSubscription.objects.filter(active=True))
    wanted = {event: [s for s in subscriptions if s.wants(event)] for event in TIMED}
    owed = []
    for event, subscribers in wanted.items():
        if not subscribers:
            continue
        for workspace_id, subject_key, deadline, data in _candidates(event, {s.workspace_id for s in subscribers}, now):
            for subscription in subscribers:
                if subscription.workspace_id == workspace_id:
                    owed.append(WebhookDelivery(
                        subscription=subscription, event_type=event, subject_key=subject_key,
                        message_id=message_id(subscription.pk, event, subject_key, deadline),
                        payload=events.payload(event, workspace_id, data, at=now),
                    ))
    known = set(
        WebhookDelivery.objects.filter(message_id__in=[d.message_id for d in owed]).values_list("message_id", flat=True)
    ) if owed else set()
    queued = 0
    for delivery in owed:
        if delivery.message_id in known:
            continue
        try:
            with transaction.atomic():
                delivery.save()
        except IntegrityError:
            continue  # a concurrent scan enqueued it first
        queued += 1
    return queued
