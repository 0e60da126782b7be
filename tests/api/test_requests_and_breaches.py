"""Rights requests filed by a shop's system, with and without vouching for the customer's identity; a processor's
breach notification (Art. 33(2))."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from requests.models import OutboxEmail, RightsRequest, Status, send_outbox
from ropa.breaches.models import Breach
from tests.api.conftest import api, make_token

UTC = datetime.UTC


def file(client, organisation, **fields):
    body = {"organisation": organisation.pk, "rights": ["15"], "name": "Kari  Nordmann",
            "email": "kari@example.net", "message": "Please send me a copy of my data.", "language": "en", **fields}
    return client.post("/api/v1/requests/", body, content_type="application/json")


@pytest.fixture
def vouching(alpha_officer) -> tuple:
    return make_token(alpha_officer, name="Shop, My account", may_vouch=True)


@pytest.mark.parametrize(("sent", "deadline"), [
    # The worked examples of the deadline tests (Art. 12(3), counted by Regulation 1182/71, Art. 3).
    (datetime.datetime(2026, 3, 5, 14, tzinfo=UTC), datetime.date(2026, 4, 7)),  # Easter
    (datetime.datetime(2026, 1, 31, 10, tzinfo=UTC), datetime.date(2026, 3, 2)),  # no 31 February, a Saturday
    (datetime.datetime(2026, 4, 17, 10, tzinfo=UTC), datetime.date(2026, 5, 18)),  # 17 May, a Sunday
])
def test_a_vouched_request_skips_the_e_mail_link_and_runs_from_receipt(
    alpha, vouching, alpha_officer, admin_client, sent, deadline, django_capture_on_commit_callbacks,
):
    token, secret = vouching
    with time_machine.travel(sent, tick=False), django_capture_on_commit_callbacks(execute=True):
        response = file(api(secret), alpha.organisation, vouched=True)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["channel"], body["vouched"]) == (Status.RECEIVED, "api", True)
    assert (body["received"], body["deadline"]) == (sent.date().isoformat(), deadline.isoformat())
    assert "Kari" not in response.content.decode()  # the API hands no personal data back

    request = RightsRequest.objects.get(pk=body["id"])
    assert request.vouched_by == token
    assert request.identity_method == RightsRequest.IdentityMethod.SIGNED_IN
    assert request.requester_name == "Kari Nordmann"
    kinds = set(OutboxEmail.objects.filter(request=request).values_list("kind", flat=True))
    assert OutboxEmail.Kind.CONFIRMATION not in kinds
    assert OutboxEmail.Kind.RECEIPT in kinds
    created = request.history.earliest()
    assert (created.history_user, created.history_change_reason) == (alpha_officer, "API: Shop, My account")

    listed = admin_client.get(reverse("admin:requests_rightsrequest_changelist")).content.decode()
    assert request.reference in listed
    status = api(secret).get(f"/api/v1/requests/{request.pk}/").json()
    assert (status["reference"], status["deadline"]) == (request.reference, deadline.isoformat())


def test_without_vouching_the_requester_confirms_by_e_mail(
    alpha, alpha_api, mailoutbox, django_capture_on_commit_callbacks,
):
    with time_machine.travel(datetime.datetime(2026, 3, 5, 14, tzinfo=UTC), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            response = file(alpha_api, alpha.organisation)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["vouched"], body["email_confirmed_at"]) == (
        Status.AWAITING_CONFIRMATION, False, None)
    assert (body["received"], body["deadline"]) == ("2026-03-05", "2026-04-07")  # from the day it was sent
    request = RightsRequest.objects.get(pk=body["id"])
    assert request.vouched_by is None and request.channel == RightsRequest.Channel.API
    email = OutboxEmail.objects.get(request=request)
    assert (email.kind, email.recipient) == (OutboxEmail.Kind.CONFIRMATION, "kari@example.net")
    send_outbox()  # the outbox worker's pass
    assert [message.to for message in mailoutbox] == [["kari@example.net"]]
    assert "/request/confirm/" in mailoutbox[0].body


def test_a_token_that_may_not_vouch_is_refused_and_files_nothing(alpha, alpha_api):
    response = file(alpha_api, alpha.organisation, vouched=True)
    assert response.status_code == 403
    assert response.json()["detail"] == "This token may not vouch for a requester's identity."
    assert not RightsRequest.objects.filter(requester_email="kari@example.net").exists()


def test_a_request_needs_its_fields(alpha, alpha_api):
    response = alpha_api.post("/api/v1/requests/", {"organisation": alpha.organisation.pk, "rights": []},
                              content_type="application/json")
    assert response.status_code == 400
    assert {"rights", "name", "email", "message"} <= set(response.json()["errors"])


def test_a_processors_notification_starts_the_72_hours_when_the_processor_told_us(alpha, alpha_officer, alpha_api):
    """Art. 33(2) and (1): aware at the latest when the processor tells us; notify within 72 hours of that."""
    response = alpha_api.post("/api/v1/breaches/", {
        "organisation": alpha.organisation.pk, "title": "Backup exposed", "description": "A bucket was public.",
        "reported_by_processor": alpha.processor.pk, "processor_told_at": "2026-03-05T09:00:00Z",
        "confidentiality": True,
    }, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["aware_at"] == "2026-03-05T10:00:00+01:00"
    assert body["notification_deadline"] == "2026-03-08T10:00:00+01:00"
    breach = Breach.objects.get(pk=body["id"])
    assert breach.reported_by_processor == alpha.processor
    assert breach.history.get().history_change_reason == "API: Web shop"
    assert breach.history.get().history_user == alpha_officer


def test_a_notification_cannot_be_aware_after_the_processor_told_us(alpha, alpha_api):
    response = alpha_api.post("/api/v1/breaches/", {
        "organisation": alpha.organisation.pk, "title": "Backup exposed", "description": "x",
        "reported_by_processor": alpha.processor.pk, "processor_told_at": "2026-03-05T09:00:00Z",
        "aware_at": "2026-03-06T09:00:00Z",
    }, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"]["aware_at"][0].startswith("Art. 33(2): we are aware at the latest")
    assert not Breach.objects.filter(title="Backup exposed").exists()


def test_a_notification_names_a_processor_of_the_controllers_workspace(alpha, bravo, alpha_api):
    response = alpha_api.post("/api/v1/breaches/", {
        "organisation": alpha.organisation.pk, "title": "Backup exposed", "description": "x",
        "reported_by_processor": bravo.processor.pk,
    }, content_type="application/json")
    assert response.status_code == 400
    assert "reported_by_processor" in response.json()["errors"]
