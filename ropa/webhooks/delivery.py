"""Sending deliveries, in the worker only (`manage.py worker`): never from a web request, so a receiver that hangs
holds up no page.

The outbox's guarantees (requests/models/outbox.py), for HTTP: a lease per claimed row (ropa/jobs/lease.py), a
short connect and read timeout, any answer but 2xx or any error retried with exponential back-off, and a delivery
never dropped: after MAX_ATTEMPTS it is marked failed permanently and waits in the admin's delivery log for "retry
now". Events of one subject go out in order: a later one waits until the earlier is delivered (or given up). The
same webhook-id on every attempt lets the receiver drop a repeat, the one window being a worker killed after the
receiver answered and before the answer was recorded.

httpx2 (as single sign-on uses), not PyPI's `requests`: our own `requests` package shadows it in this process.
"""

import datetime
import json
import logging
from collections.abc import Callable

import httpx2
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ropa.jobs.lease import claim_rows, worker_name
from ropa.webhooks import signing
from ropa.webhooks.models import WebhookDelivery

logger = logging.getLogger(__name__)

LEASE = datetime.timedelta(minutes=5)
BATCH = 20
RETRY_FIRST = datetime.timedelta(seconds=30)
RETRY_MAX = datetime.timedelta(hours=6)
MAX_ATTEMPTS = 16  # about two days of back-off before a person must look


def retry_delay(attempts: int) -> datetime.timedelta:
    """The wait after the `attempts`-th failed attempt: 30 s, 1 min, 2 min, ... at most six hours."""
    return min(RETRY_MAX, RETRY_FIRST * 2 ** max(0, min(attempts - 1, 30)))


def timeout() -> httpx2.Timeout:
    """Seconds to connect and to wait for the answer (WEBHOOK_TIMEOUT, default 5)."""
    seconds = float(getattr(settings, "WEBHOOK_TIMEOUT", 5))
    return httpx2.Timeout(seconds, connect=min(seconds, 3.0))


def body_of(delivery: WebhookDelivery) -> str:
    return json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False, sort_keys=True)


def post(delivery: WebhookDelivery, client: httpx2.Client) -> httpx2.Response:
    """One attempt: a fresh webhook-timestamp and signature, the same webhook-id."""
    body = body_of(delivery)
    headers = signing.headers(delivery.subscription.secret, delivery.message_id, body)
    headers.update({"content-type": "application/json", "user-agent": "ropa-webhooks/1"})
    return client.post(delivery.subscription.url, content=body.encode(), headers=headers)


def record_result(delivery: WebhookDelivery, status_code: int | None, error: str, now: datetime.datetime) -> None:
    delivery.attempts += 1
    delivery.last_status_code = status_code
    delivery.claimed_by, delivery.claimed_until = "", None
    if not error:
        delivery.state, delivery.delivered_at, delivery.last_error, delivery.next_attempt_at = (
            WebhookDelivery.State.DELIVERED, now, "", None,
        )
    else:
        delivery.last_error = error[:2000]
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery.state, delivery.next_attempt_at = WebhookDelivery.State.FAILED, None
        else:
            delivery.next_attempt_at = now + retry_delay(delivery.attempts)
        logger.warning("Webhook delivery %s not delivered (attempt %s): %s", delivery.pk, delivery.attempts, error)
    with transaction.atomic():
        delivery.save()


def attempt(delivery: WebhookDelivery, client: httpx2.Client) -> bool:
    try:
        response = post(delivery, client)
    except httpx2.HTTPError as error:
        record_result(delivery, None, f"{type(error).__name__}: {error}", timezone.now())
        return False
    if 200 <= response.status_code < 300:
        record_result(delivery, response.status_code, "", timezone.now())
        return True
    record_result(delivery, response.status_code, f"HTTP {response.status_code}", timezone.now())
    return False


def claim(worker: str, *, limit: int = BATCH, lease: datetime.timedelta = LEASE) -> list[WebhookDelivery]:
    claim_rows(WebhookDelivery.objects.due(timezone.now()).order_by("pk"), worker, limit=limit, lease=lease)
    held = WebhookDelivery.objects.filter(claimed_by=worker, state=WebhookDelivery.State.PENDING).order_by("pk")
    return list(held.select_related("subscription"))


def deliver_due(*, batch: int = BATCH, stop: Callable[[], bool] = lambda: False) -> tuple[int, int]:
    """Send every delivery due now, batch by batch; return (delivered, failed).

    A failed delivery waits for its back-off, and so does every later event of its subject, so one call ends
    when nothing is due.
    """
    delivered = failed = 0
    with httpx2.Client(timeout=timeout(), follow_redirects=False) as client:
        while not stop():
            worker = worker_name()
            deliveries = claim(worker, limit=batch)
            if not deliveries:
                break
            for delivery in deliveries:
                if stop():
                    break
                if attempt(delivery, client):
                    delivered += 1
                else:
                    failed += 1
            # Rows not reached (stopped) go back at once rather than when the lease runs out.
            WebhookDelivery.objects.filter(claimed_by=worker, state=WebhookDelivery.State.PENDING).update(
                claimed_by="", claimed_until=None,
            )
    return delivered, failed
