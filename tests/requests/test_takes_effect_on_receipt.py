"""A withdrawal of consent (Art. 7(3)) and an objection to direct marketing (Art. 21(2)-(3)) take effect on receipt.

EDPB Guidelines 05/2020 on consent: withdrawing must be as easy as giving consent, and the processing that rests on
it stops at once. Art. 21(3): after an objection to direct marketing the data is no longer processed for it. The
web form treated both as Art. 12(3) requests: "we answer by <date> ... may extend by two further months", and a
withdrawal whose confirmation link was not followed was erased after seven days as if never sent.
"""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from requests.models import OutboxEmail, Right, RightsRequest, Status
from ropa.models import LegalBasis, Purpose
from tests.requests.intake_helpers import form_data, submit

pytestmark = pytest.mark.django_db

SENT_AT = datetime.datetime(2026, 12, 7, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def handler_client(client, request_handler):
    client.force_login(request_handler)
    return client


@pytest.fixture
def newsletter(order_activity):
    """A consent purpose and a direct-marketing purpose on legitimate interests (markedsføringsloven § 15)."""
    Purpose.objects.create(
        activity=order_activity, description="Send the newsletter to subscribers", article6=LegalBasis.Article6.CONSENT,
        consent_record="Sign-up log in the newsletter service",
    )
    Purpose.objects.create(
        activity=order_activity, description="Offers on similar goods to customers",
        article6=LegalBasis.Article6.LEGITIMATE_INTERESTS, balancing_test="Customers expect it", direct_marketing=True,
    )
    return order_activity


def rights(*codes: str) -> list[str]:
    return [str(pk) for pk in Right.objects.filter(code__in=codes).values_list("pk", flat=True)]


def send(client, capture, *codes: str):
    with time_machine.travel(SENT_AT, tick=False), capture(execute=True):
        response = submit(client, rights=rights(*codes), message="Stop it, please.")
    return response, RightsRequest.objects.get()


NO_MONTH = ("We will answer by", "two further months", "Art. 12(3)", "artikkel 12 nr. 3", "art. 12 nr. 3")


def test_a_withdrawal_of_consent_takes_effect_on_receipt_and_the_staff_are_told_at_once(
    client, organisation, newsletter, privacy_officer, request_handler, django_capture_on_commit_callbacks,
):
    """Art. 7(3), EDPB Guidelines 05/2020: in effect when received; no month promised; the staff told at once."""
    response, request = send(client, django_capture_on_commit_callbacks, "7.3")
    assert request.status == Status.RECEIVED, "it counts without a confirmed e-mail address"
    assert request.takes_effect_on_receipt and request.deadline == request.received == SENT_AT.date()
    assert not OutboxEmail.objects.filter(kind=OutboxEmail.Kind.CONFIRMATION).exists()
    # The requester is told it is done, not that she will be answered within a month.
    told = OutboxEmail.objects.get(kind=OutboxEmail.Kind.EFFECT, recipient="kari.nordmann@example.net")
    assert "took effect when we received it" in told.body
    assert not any(words in told.body for words in NO_MONTH), told.body
    assert "Order handling: Send the newsletter to subscribers" in told.body
    # The staff: at once, in the same transaction, with the purposes to stop and no requester data.
    staff = OutboxEmail.objects.filter(kind=OutboxEmail.Kind.STAFF_NOTICE)
    assert {email.recipient for email in staff} == {privacy_officer.email, request_handler.email}
    assert all(email.sent_at is not None for email in staff), "sent by the worker's next pass, not at a deadline"
    notice = staff.first()
    assert request.reference in notice.subject and "Send the newsletter to subscribers" in notice.body
    assert "Offers on similar goods" not in notice.body, "a legitimate-interest purpose is no consent to withdraw"
    assert "Kari" not in notice.body and "kari.nordmann" not in notice.body
    assert request.status_changes.filter(comment__contains="took effect on receipt").exists()
    # The page the requester lands on says it is in effect, with no date to wait for.
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and 'id="intake-effect"' in html and "We answer by" not in html


def test_an_objection_to_direct_marketing_stops_the_marketing_purposes_at_once(
    client, organisation, newsletter, privacy_officer, django_capture_on_commit_callbacks,
):
    """Art. 21(2)-(3): the objection is absolute; the marketing purposes stop, whatever their basis."""
    _response, request = send(client, django_capture_on_commit_callbacks, "21.2")
    assert request.status == Status.RECEIVED and request.deadline == request.received
    notice = OutboxEmail.objects.get(kind=OutboxEmail.Kind.STAFF_NOTICE)
    assert "Order handling: Offers on similar goods to customers" in notice.body
    told = OutboxEmail.objects.get(kind=OutboxEmail.Kind.EFFECT)
    assert "objection to direct marketing took effect" in told.body
    assert not any(words in told.body for words in NO_MONTH), told.body


def test_an_unconfirmed_withdrawal_is_never_erased_for_want_of_confirmation(
    client, organisation, newsletter, django_capture_on_commit_callbacks,
):
    """It counts without a confirmed address, so the seven-day purge of unconfirmed requests never takes it."""
    _response, request = send(client, django_capture_on_commit_callbacks, "7.3")
    with time_machine.travel(SENT_AT + datetime.timedelta(days=30), tick=False):
        call_command("purge_requests")
    assert RightsRequest.objects.filter(pk=request.pk).exists()


def test_with_another_right_the_rest_keeps_its_deadline(
    client, organisation, newsletter, django_capture_on_commit_callbacks,
):
    """A withdrawal sent with an access request: the withdrawal is in effect; access keeps Art. 12(3)'s month."""
    _response, request = send(client, django_capture_on_commit_callbacks, "7.3", "15")
    assert not request.takes_effect_on_receipt and request.deadline == datetime.date(2027, 1, 7)
    told = OutboxEmail.objects.get(kind=OutboxEmail.Kind.EFFECT)
    assert "took effect when we received it" in told.body
    assert "For the rest of your request we will answer by" in told.body


def test_a_withdrawal_a_handler_enters_tells_the_staff_too(
    handler_client, organisation, newsletter, privacy_officer, request_handler,
):
    """By phone or letter: entered in the admin, it takes effect as the form's does."""
    data = {
        "organisation": organisation.pk, "rights": rights("7.3"), "channel": RightsRequest.Channel.PHONE,
        "received": datetime.date.today().isoformat(), "language": "en", "assignee": request_handler.pk,
        "message": "Called to withdraw consent to the newsletter.", "requester_name": "Kari Nordmann",
        "requester_email": "kari.nordmann@example.net",
        "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0",
    }
    response = handler_client.post(reverse("admin:requests_rightsrequest_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    request = RightsRequest.objects.get()
    assert request.takes_effect_on_receipt and request.deadline == request.received
    staff = {email.recipient for email in OutboxEmail.objects.filter(kind=OutboxEmail.Kind.STAFF_NOTICE)}
    assert staff == {privacy_officer.email, request_handler.email}
    assert OutboxEmail.objects.filter(kind=OutboxEmail.Kind.EFFECT).exists()
    assert not OutboxEmail.objects.filter(kind=OutboxEmail.Kind.RECEIPT).exists()


def test_the_form_says_both_take_effect_without_confirmation(client, organisation):
    html = client.get(reverse("requests:intake")).content.decode()
    assert "Stop direct marketing (Art. 21(2))" in html
    assert html.count("it takes effect as soon as we receive it, with no confirmation needed") == 2
    assert form_data()  # the helper still asks for access and erasure
