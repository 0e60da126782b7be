"""What each event says, and writing its deliveries in the transaction of the change it reports.

A payload follows the Standard Webhooks shape (`type`, `timestamp`, `data`) and carries ids, states and dates
only: never a requester's name, e-mail, phone, address or message (Art. 5(1)(c), data minimisation: the receiver
needs to know that something happened, and fetches what it may see through its own access). Free text a person
typed (a breach's title or description) stays out too: it may name people.

The events of a change are hooked on the models' saves (post_save runs inside the transaction that saves), so the
web form, the admin, a command and the API all emit them: a new request (`request.received`), its move from
awaiting confirmation to received (`request.confirmed`), a new breach (`breach.registered`). The time-based events
come from the periodic scan (ropa/webhooks/scan.py).
"""

import datetime

from django.db.models.signals import post_save
from django.utils import timezone

from ropa.webhooks.models import Event, WebhookDelivery, WebhookSubscription


def _iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
    return value.isoformat()


def payload(event: str, workspace_id: int, data: dict, *, at: datetime.datetime | None = None) -> dict:
    return {
        "type": event, "timestamp": _iso(at or timezone.now()), "data": {"workspace_id": workspace_id, **data},
    }


def request_data(request) -> dict:
    return {"request": {
        "id": request.pk, "reference": request.reference, "organisation_id": request.organisation_id,
        "status": request.status, "channel": request.channel, "received": _iso(request.received),
        "deadline": _iso(request.deadline), "email_confirmed_at": _iso(request.email_confirmed_at),
    }}


def breach_data(breach) -> dict:
    return {"breach": {
        "id": breach.pk, "organisation_id": breach.organisation_id, "status": breach.status, "risk": breach.risk,
        "aware_at": _iso(breach.aware_at), "notification_deadline": _iso(breach.notification_deadline),
        "notified_at": _iso(breach.notified_at), "reported_by_processor_id": breach.reported_by_processor_id,
    }}


def agreement_data(agreement) -> dict:
    return {"agreement": {
        "id": agreement.pk, "processor_id": agreement.processor_id, "version": agreement.version,
        "ends_on": _iso(agreement.ends_on), "next_review": _iso(agreement.next_review),
    }}


def activity_data(activity) -> dict:
    return {"activity": {
        "id": activity.pk, "organisation_id": activity.organisation_id, "status": activity.status,
        "last_reviewed": _iso(activity.last_reviewed), "next_review": _iso(activity.next_review),
    }}


def subscribers(workspace_id: int, event: str) -> list[WebhookSubscription]:
    """The workspace's active subscriptions to `event`: one query, filtered here (a JSON list is not searchable
    alike on SQLite and PostgreSQL, and a workspace keeps a handful)."""
    found = WebhookSubscription.objects.filter(workspace_id=workspace_id, active=True)
    return [subscription for subscription in found if subscription.wants(event)]


def emit(event: str, workspace_id: int | None, subject_key: str, data: dict) -> list[WebhookDelivery]:
    """Write one delivery per subscriber in the current transaction; the worker sends them once it has committed."""
    if workspace_id is None:
        return []
    body = payload(event, workspace_id, data)
    return [
        WebhookDelivery.objects.create(subscription=subscription, event_type=event, subject_key=subject_key,
                                       payload=body)
        for subscription in subscribers(workspace_id, event)
    ]


def _request_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        emit(Event.REQUEST_RECEIVED, instance.organisation.workspace_id, f"request:{instance.pk}",
             request_data(instance))


def _status_changed(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    from requests.models import Status

    if created and not raw and instance.from_status == Status.AWAITING_CONFIRMATION \
            and instance.to_status == Status.RECEIVED:
        request = instance.request
        emit(Event.REQUEST_CONFIRMED, request.organisation.workspace_id, f"request:{request.pk}",
             request_data(request))


def _breach_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        emit(Event.BREACH_REGISTERED, instance.organisation.workspace_id, f"breach:{instance.pk}",
             breach_data(instance))


def connect() -> None:
    from requests.models import RightsRequest, StatusChange
    from ropa.breaches.models import Breach

    post_save.connect(_request_saved, sender=RightsRequest, dispatch_uid="webhooks_request_received")
    post_save.connect(_status_changed, sender=StatusChange, dispatch_uid="webhooks_request_confirmed")
    post_save.connect(_breach_saved, sender=Breach, dispatch_uid="webhooks_breach_registered")
