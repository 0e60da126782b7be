"""The webhooks in the admin: an officer subscribes the workspace's receiver, reads its delivery log and retries
what failed; another workspace's subscriptions and deliveries are not found, and its officer cannot tell they
exist."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from ropa.models import Membership, Organisation, Role, Workspace
from ropa.webhooks.delivery import deliver_due
from ropa.webhooks.events import emit
from ropa.webhooks.models import Event, WebhookDelivery, WebhookSubscription

pytestmark = pytest.mark.django_db


def test_an_officer_subscribes_and_sees_the_secret_to_verify_with(officer_client, organisation):
    response = officer_client.post(reverse("admin:webhooks_webhooksubscription_add"), {
        "workspace": organisation.workspace_id, "url": "https://shop.example/hooks/ropa", "description": "Shop",
        "events": [Event.REQUEST_RECEIVED, Event.REQUEST_OVERDUE], "active": "on",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    subscription = WebhookSubscription.objects.get()
    assert subscription.workspace == organisation.workspace
    assert subscription.events == [Event.REQUEST_RECEIVED, Event.REQUEST_OVERDUE]
    assert subscription.secret.startswith("whsec_")
    page = officer_client.get(reverse("admin:webhooks_webhooksubscription_change", args=[subscription.pk]))
    assert subscription.secret in page.content.decode()
    assert "secret" not in {field.name for field in subscription.history.model._meta.fields}  # not kept in history


def test_no_events_chosen_is_refused_with_a_reason(officer_client, organisation):
    response = officer_client.post(reverse("admin:webhooks_webhooksubscription_add"), {
        "workspace": organisation.workspace_id, "url": "https://shop.example/hooks", "active": "on",
    }, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not WebhookSubscription.objects.exists()


def test_an_auditor_and_a_request_handler_see_no_webhooks(client, auditor, request_handler, organisation):
    subscription = WebhookSubscription.objects.create(workspace=organisation.workspace, url="https://shop.example/h")
    for user in (auditor, request_handler):
        client.force_login(user)
        page = client.get(reverse("admin:webhooks_webhooksubscription_change", args=[subscription.pk]))
        assert page.status_code == 403
        assert subscription.secret not in page.content.decode()


@pytest.fixture
def other_officer(organisation) -> User:
    """The privacy officer of another client, who keeps webhooks of their own."""
    workspace = Workspace.objects.create(name="Another client")
    Organisation.objects.create(name="Another client AS", workspace=workspace, email="post@another.example")
    user = User.objects.create_user("other-officer", "officer@another.example", "a-long-test-password", is_staff=True)
    Membership.objects.create(user=user, workspace=workspace, role=Role.OFFICER)
    WebhookSubscription.objects.create(workspace=workspace, url="https://another.example/theirs")
    return user


@pytest.fixture
def failed_delivery(organisation) -> WebhookDelivery:
    subscription = WebhookSubscription.objects.create(
        workspace=organisation.workspace, url="http://127.0.0.1:9/ours", events=Event.values,
    )
    [delivery] = emit(Event.REQUEST_OVERDUE, organisation.workspace_id, "request:7", {"request": {"id": 7}})
    deliver_due()  # nobody listens on port 9
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.last_status_code) == ("pending", 1, None)
    assert subscription.deliveries.get() == delivery
    return delivery


def test_the_delivery_log_shows_each_attempts_outcome(officer_client, failed_delivery):
    page = officer_client.get(
        reverse("admin:webhooks_webhookdelivery_changelist"), HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    assert "A rights request is overdue" in page and "request:7" in page and "Pending" in page
    page = officer_client.get(
        reverse("admin:webhooks_webhookdelivery_change", args=[failed_delivery.pk]), HTTP_ACCEPT_LANGUAGE="en",
    )
    text = page.content.decode()
    assert failed_delivery.message_id in text and "ConnectError" in text
    assert "Save" not in text  # a log, not a form


def test_retry_now_brings_a_delivery_forward(officer_client, failed_delivery):
    response = officer_client.post(reverse("admin:webhooks_webhookdelivery_changelist"), {
        "action": "retry_now", "_selected_action": [failed_delivery.pk],
    }, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    failed_delivery.refresh_from_db()
    assert failed_delivery.next_attempt_at <= failed_delivery.history.first().history_date
    assert failed_delivery.history.first().history_change_reason == "Retry now"


def test_another_workspaces_officer_finds_none_of_ours(client, other_officer, failed_delivery):
    subscription = failed_delivery.subscription
    client.force_login(other_officer)
    listing = client.get(reverse("admin:webhooks_webhooksubscription_changelist")).content.decode()
    assert "https://another.example/theirs" in listing and subscription.url not in listing
    log = client.get(reverse("admin:webhooks_webhookdelivery_changelist")).content.decode()
    assert "request:7" not in log

    ours = [("webhooks_webhooksubscription", subscription.pk), ("webhooks_webhookdelivery", failed_delivery.pk)]
    for name, pk in ours:
        assert client.get(reverse(f"admin:{name}_history", args=[pk])).status_code == 404, name
    for name, pk in [
        ("webhooks_webhooksubscription_change", subscription.pk),
        ("webhooks_webhooksubscription_delete", subscription.pk),
        ("webhooks_webhookdelivery_change", failed_delivery.pk),
    ]:
        response = client.get(reverse(f"admin:{name}", args=[pk]))
        unused = client.get(reverse(f"admin:{name}", args=[987654321]))
        # The admin's "not found": the same answer as for an id never used, and never the secret.
        assert (response.status_code, response.get("Location")) == (unused.status_code, unused.get("Location"))
        assert response.status_code in (302, 404) and subscription.secret not in response.content.decode()

    client.post(reverse("admin:webhooks_webhooksubscription_change", args=[subscription.pk]), {
        "workspace": subscription.workspace_id, "url": "https://attacker.example/", "events": Event.values,
    })
    client.post(reverse("admin:webhooks_webhookdelivery_changelist"), {
        "action": "retry_now", "_selected_action": [failed_delivery.pk],
    })
    subscription.refresh_from_db()
    assert subscription.url == "http://127.0.0.1:9/ours"
    assert failed_delivery.history.count() == 2  # created, first attempt: no retry by a stranger
