"""Delivery by the worker to a real receiver: signed, retried with back-off, never lost, in order per subject,
exactly once from the receiver's point of view, and never from a web request."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from requests.intake.submission import confirm_address
from requests.models import RightsRequest
from ropa.webhooks.delivery import MAX_ATTEMPTS, deliver_due, retry_delay
from ropa.webhooks.events import emit
from ropa.webhooks.models import Event, WebhookDelivery
from tests.requests.intake_helpers import submit

pytestmark = pytest.mark.django_db


def later(hours: float):
    """The clock moved on past every back-off (the receiver's clock too: it checks the timestamp)."""
    return time_machine.travel(timezone.now() + datetime.timedelta(hours=hours), tick=True)


def file_and_confirm(client, organisation) -> RightsRequest:
    submit(client, organisation)
    request = RightsRequest.objects.get()
    confirm_address(request, lambda path: f"https://ropa.example{path}")
    return request


def test_the_receiver_verifies_the_signature_and_gets_the_event(client, organisation, subscription, receiver):
    submit(client, organisation)
    assert deliver_due() == (1, 0)
    assert receiver.bad_signatures == 0
    [message] = receiver.handled
    delivery = WebhookDelivery.objects.get()
    assert (message.id, message.type) == (delivery.message_id, "request.received")
    assert delivery.state == WebhookDelivery.State.DELIVERED
    assert delivery.last_status_code == 200
    assert delivery.delivered_at is not None


def test_receiver_down_then_up_gets_every_event_once_in_order_per_subject(
    client, organisation, subscription, receiver, make_breach,
):
    receiver.stop()
    request = file_and_confirm(client, organisation)
    breach = make_breach()
    assert deliver_due() == (0, 2)  # the request's first event and the breach; the confirmation waits its turn
    confirmed = WebhookDelivery.objects.get(event_type=Event.REQUEST_CONFIRMED)
    assert confirmed.attempts == 0
    assert deliver_due() == (0, 0)  # nothing due during the back-off

    with later(1):
        assert deliver_due() == (0, 2)  # still down: attempts counted, nothing dropped
    receiver.start()
    with later(3):
        delivered, failed = deliver_due()
        assert (delivered, failed) == (3, 0)
        assert deliver_due() == (0, 0)

    assert WebhookDelivery.objects.exclude(state=WebhookDelivery.State.DELIVERED).count() == 0
    handled = [(m.subject, m.type) for m in receiver.handled]
    assert sorted(handled) == sorted([
        (f"request:{request.pk}", "request.received"), (f"request:{request.pk}", "request.confirmed"),
        (f"breach:{breach.pk}", "breach.registered"),
    ])
    of_request = [kind for subject, kind in handled if subject == f"request:{request.pk}"]
    assert of_request == ["request.received", "request.confirmed"]
    assert len(receiver.attempts) == len(set(receiver.attempts)) == 3  # nothing went out twice once it was up


def test_a_receiver_that_answers_an_error_gets_the_same_message_again_and_handles_it_once(
    client, organisation, subscription, receiver,
):
    receiver.status = 503
    submit(client, organisation)
    assert deliver_due() == (0, 1)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.last_status_code) == ("pending", 1, 503)
    assert delivery.last_error == "HTTP 503"
    assert delivery.next_attempt_at == delivery.history.first().next_attempt_at

    receiver.status = 200
    with later(1):
        assert deliver_due() == (1, 0)
    assert receiver.attempts == [delivery.message_id, delivery.message_id]  # the same webhook-id both times
    assert [m.id for m in receiver.handled] == [delivery.message_id]


def test_a_hanging_receiver_never_holds_up_the_web_request_and_is_retried(
    client, organisation, subscription, receiver, django_assert_max_num_queries,
):
    receiver.hang = 2.0  # well past WEBHOOK_TIMEOUT (0.5 s in these tests)
    response = submit(client, organisation)
    assert response.status_code == 302  # the form answered, and had not posted anything
    assert receiver.attempts == []
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts) == ("pending", 0)

    assert deliver_due() == (0, 1)  # the worker waits out the timeout, not the web
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.last_status_code) == ("pending", 1, None)
    assert "Timeout" in delivery.last_error

    receiver.hang = 0
    with later(1):
        assert deliver_due() == (1, 0)
    assert [m.id for m in receiver.handled] == [delivery.message_id]  # handled once, though posted twice


def test_the_back_off_doubles_and_a_delivery_is_never_dropped_only_marked_for_a_person(subscription, receiver):
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert retry_delay(40) == datetime.timedelta(hours=6)
    receiver.status = 500
    emit(Event.REQUEST_OVERDUE, subscription.workspace_id, "request:1", {"request": {"id": 1}})
    for hour in range(MAX_ATTEMPTS):
        with later(6 * hour + 0.1):
            deliver_due()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts) == (WebhookDelivery.State.FAILED, MAX_ATTEMPTS)
    with later(6 * MAX_ATTEMPTS):
        assert deliver_due() == (0, 0)  # given up: waits in the delivery log for "retry now"


def test_the_worker_command_delivers_them(client, organisation, subscription, receiver):
    submit(client, organisation)
    call_command("worker")
    assert [m.type for m in receiver.handled] == ["request.received"]


def test_delivering_a_batch_costs_a_fixed_number_of_queries_per_delivery(
    subscription, receiver, django_assert_max_num_queries,
):
    for number in range(10):
        emit(Event.REQUEST_OVERDUE, subscription.workspace_id, f"request:{number}", {"request": {"id": number}})
    # Two rounds (the second finds nothing), each: claim (on PostgreSQL a savepoint around SELECT ... FOR UPDATE
    # SKIP LOCKED and the UPDATE), read back, release; then per delivery: savepoint, update, history, release.
    with django_assert_max_num_queries(2 * 5 + 4 * 10):
        assert deliver_due() == (10, 0)
