"""Every event, produced once, carrying ids and states and never the requester: from the change itself (in its
transaction) or from the periodic scan of deadlines (Art. 12(3) one month, Art. 33(1) 72 hours, Art. 28(3)
agreements, Art. 24(1) reviews), and only to the subscriptions of the workspace it happened in."""

import datetime
import json

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from requests.intake.submission import confirm_address
from requests.models import RightsRequest
from ropa.models import DataProcessingAgreement, Organisation, ProcessingActivity, Processor, Workspace
from ropa.webhooks.delivery import body_of, deliver_due
from ropa.webhooks.models import Event, WebhookDelivery, WebhookSubscription
from ropa.webhooks.scan import scan
from tests.requests.intake_helpers import submit

pytestmark = pytest.mark.django_db

PERSONAL = ["Kari Nordmann", "kari.nordmann@example.net", "+47 912 34 567", "C-7731", "Please tell me"]  # form_data()


def at(day: datetime.date, hour: int = 12):
    """Noon of `day` on the site's clock, which ticks on from there."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    return time_machine.travel(moment, tick=True)


def produced(event: str | None = None) -> list[WebhookDelivery]:
    found = WebhookDelivery.objects.order_by("pk")
    return list(found.filter(event_type=event) if event else found)


def test_a_request_from_the_form_and_its_confirmation_send_ids_and_states_never_the_requester(
    client, organisation, subscription, receiver,
):
    submit(client, organisation)
    request = RightsRequest.objects.get()
    confirm_address(request, lambda path: f"https://ropa.example{path}")
    assert deliver_due() == (2, 0)  # the confirmation goes out once the request's first event was delivered

    received, confirmed = (message.body for message in receiver.handled)
    assert received["type"] == "request.received"
    assert received["data"]["workspace_id"] == organisation.workspace_id
    assert received["data"]["request"]["id"] == request.pk
    assert received["data"]["request"]["status"] == "awaiting_confirmation"
    assert confirmed["type"] == "request.confirmed"
    assert confirmed["data"]["request"]["status"] == "received"
    assert confirmed["data"]["request"]["deadline"] == request.deadline.isoformat()
    for delivery in produced():
        body = body_of(delivery)
        assert [value for value in PERSONAL if value in body] == []
        assert "Kari" not in body and "@" not in body


def test_a_breach_sends_its_id_status_and_deadline_not_its_story(subscription, make_breach, receiver):
    breach = make_breach(title="Laptop of Kari Nordmann lost", description="Kari's customer list was on it.")
    [delivery] = produced(Event.BREACH_REGISTERED)
    body = json.loads(body_of(delivery))
    assert body["data"]["breach"]["id"] == breach.pk
    assert body["data"]["breach"]["notification_deadline"] == "2026-03-05T08:00:00Z"  # 72 h after 09:00 Oslo time
    assert "Kari" not in body_of(delivery) and "Laptop" not in body_of(delivery)


def test_a_change_rolled_back_emits_nothing(client, organisation, subscription, make_breach):
    with pytest.raises(RuntimeError), transaction.atomic():
        make_breach()
        assert len(produced()) == 1  # written in the transaction of the change...
        raise RuntimeError("the save fails after the breach was written")
    assert produced() == []  # ...and gone with it
    submit(client, organisation, email="not an address")  # a form refused: nothing saved, nothing sent
    assert RightsRequest.objects.count() == 0
    assert produced() == []


def test_an_unsubscribed_event_or_an_inactive_subscription_gets_nothing(client, organisation, subscription):
    subscription.events = [Event.BREACH_REGISTERED]
    subscription.save()
    submit(client, organisation)
    assert produced() == []
    subscription.events, subscription.active = Event.values, False
    subscription.save()
    submit(client, organisation, email="another@example.net")
    assert produced() == []


def test_every_time_based_event_once_however_often_the_scan_runs(
    client, organisation, subscription, receiver, make_breach,
):
    submit(client, organisation)
    request = RightsRequest.objects.get()
    confirm_address(request, lambda path: f"https://ropa.example{path}")
    request.refresh_from_db()
    breach = make_breach(aware_at=timezone.now() - datetime.timedelta(hours=50))  # 22 of its 72 hours left
    processor = Processor.objects.create(
        name="Skyhost AS", organisation=organisation, workspace=organisation.workspace,
    )
    agreement = DataProcessingAgreement.objects.create(
        processor=processor, ends_on=timezone.localdate() + datetime.timedelta(days=59),
    )
    activity = ProcessingActivity.objects.create(
        organisation=organisation, name="Newsletter", next_review=timezone.localdate(),
    )

    scan()
    scan()
    call_command("remind_deadlines")  # the daily command scans too, and finds them already sent
    assert {(d.event_type, d.subject_key) for d in produced() if d.event_type in {
        Event.BREACH_CLOCK, Event.AGREEMENT_EXPIRING, Event.ACTIVITY_REVIEW_DUE,
    }} == {
        (Event.BREACH_CLOCK, f"breach:{breach.pk}"), (Event.AGREEMENT_EXPIRING, f"agreement:{agreement.pk}"),
        (Event.ACTIVITY_REVIEW_DUE, f"activity:{activity.pk}"),
    }
    assert produced(Event.REQUEST_DUE_SOON) == []  # a month ahead (Art. 12(3))

    with at(request.deadline - datetime.timedelta(days=7)):
        scan()
        scan()
    with at(request.deadline):
        scan()  # due today: due soon, already sent; not overdue yet
    with at(request.deadline + datetime.timedelta(days=1)):
        scan()
        scan()
        call_command("worker")

    kinds = [delivery.event_type for delivery in produced()]
    assert sorted(kinds) == sorted(Event.values)  # each of the eight, once
    assert produced(Event.REQUEST_DUE_SOON)[0].subject_key == f"request:{request.pk}"
    assert produced(Event.REQUEST_OVERDUE)[0].payload["data"]["request"]["deadline"] == request.deadline.isoformat()
    assert sorted(message.type for message in receiver.handled) == sorted(Event.values)  # and delivered once


def test_an_extended_deadline_is_a_new_due_soon_event(client, organisation, subscription):
    submit(client, organisation)
    request = RightsRequest.objects.get()
    confirm_address(request, lambda path: f"https://ropa.example{path}")
    request.refresh_from_db()
    with at(request.deadline - datetime.timedelta(days=3)):
        scan()
        RightsRequest.objects.filter(pk=request.pk).update(deadline=request.deadline + datetime.timedelta(days=60))
        scan()
    with at(request.deadline + datetime.timedelta(days=55)):
        scan()
    deadlines = [d.payload["data"]["request"]["deadline"] for d in produced(Event.REQUEST_DUE_SOON)]
    assert deadlines == [request.deadline.isoformat(), (request.deadline + datetime.timedelta(days=60)).isoformat()]


@pytest.fixture
def other_workspace(subscription, receiver) -> tuple[Organisation, WebhookSubscription]:
    """A second client, with a subscription of its own to everything, posting to another path."""
    workspace = Workspace.objects.create(name="Another client")
    other = Organisation.objects.create(name="Another client AS", workspace=workspace, email="post@another.example")
    hook = WebhookSubscription.objects.create(
        workspace=workspace, url=receiver.url.replace("/hooks", "/other"), events=Event.values,
    )
    return other, hook


def test_a_subscription_never_receives_another_workspaces_events(
    client, organisation, subscription, other_workspace, make_breach,
):
    other, hook = other_workspace
    submit(client, organisation)
    submit(client, other, email="someone@another.example")
    make_breach(organisation=other)
    ProcessingActivity.objects.create(organisation=other, name="Their payroll", next_review=timezone.localdate())
    scan()

    ours = {d.subject_key for d in produced() if d.subscription_id == subscription.pk}
    theirs = {d.subject_key for d in produced() if d.subscription_id == hook.pk}
    our_request = RightsRequest.objects.get(organisation=organisation)
    assert ours == {f"request:{our_request.pk}"}
    assert our_request.pk not in {int(key.split(":")[1]) for key in theirs if key.startswith("request:")}
    assert len(theirs) == 3  # their request, their breach (received and its clock), their activity's review
    for delivery in produced():
        assert delivery.payload["data"]["workspace_id"] == delivery.subscription.workspace_id
