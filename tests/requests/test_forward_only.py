"""A request and an outbox e-mail only move forward through save(), whatever path calls it (issue 21).

The admin's history page, an import, a future API and a shell all end in save(); a past version rebuilt from
history was never loaded from the database, so these tests save such versions as well as loaded rows.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from requests.models import OutboxEmail, RightsRequest, Status
from requests.models.outbox import send_outbox

pytestmark = pytest.mark.django_db


def test_a_completed_request_cannot_be_saved_back_into_progress(make_request):
    request = make_request()
    request.move_to(Status.IN_PROGRESS)
    request.complete("Sent a copy of the order history.")
    loaded = RightsRequest.objects.get(pk=request.pk)
    loaded.status, loaded.closed_on = Status.IN_PROGRESS, None
    with pytest.raises(ValidationError, match="cannot go from"):
        loaded.save()
    assert RightsRequest.objects.get(pk=request.pk).status == Status.COMPLETED


def test_a_confirmed_request_does_not_go_back_to_awaiting_confirmation_nor_gets_its_secret_back(make_request):
    request = make_request(status=Status.AWAITING_CONFIRMATION, confirmation_nonce="the-e-mailed-secret")
    request.confirmation_nonce = ""
    request.confirm_email()
    past = request.history.order_by("history_id").first().instance  # what a revert would save
    assert (past.status, past.confirmation_nonce) == (Status.AWAITING_CONFIRMATION, "the-e-mailed-secret")
    with pytest.raises(ValidationError):
        past.save()
    stored = RightsRequest.objects.get(pk=request.pk)
    assert (stored.status, stored.confirmation_nonce) == (Status.RECEIVED, "")


def test_a_spent_secret_is_not_set_again_while_the_request_still_awaits_confirmation(make_request):
    request = make_request(status=Status.AWAITING_CONFIRMATION, confirmation_nonce="first")
    loaded = RightsRequest.objects.get(pk=request.pk)
    loaded.confirmation_nonce = "second"
    with pytest.raises(ValidationError, match="confirmation link"):
        loaded.save()


def test_a_request_withdrawn_before_confirmation_loses_its_secret(make_request):
    request = make_request(status=Status.AWAITING_CONFIRMATION, confirmation_nonce="the-e-mailed-secret")
    request.withdraw()
    assert RightsRequest.objects.get(pk=request.pk).confirmation_nonce == ""


def test_the_database_refuses_a_secret_on_a_request_past_confirmation(make_request):
    request = make_request()
    with pytest.raises(IntegrityError), transaction.atomic():
        RightsRequest.objects.filter(pk=request.pk).update(confirmation_nonce="restored")


def test_a_sent_e_mail_cannot_be_saved_back_to_unsent(mailoutbox):
    email = OutboxEmail.queue(kind=OutboxEmail.Kind.RECEIPT, to="kari@example.net", subject="Receipt", body="Hi")
    send_outbox()
    assert len(mailoutbox) == 1
    past = email.history.order_by("history_id").first().instance
    assert past.sent_at is None
    with pytest.raises(ValidationError, match="stays sent"):
        past.save()
    loaded = OutboxEmail.objects.get(pk=email.pk)
    loaded.sent_at, loaded.attempts = None, 0
    with pytest.raises(ValidationError):
        loaded.save()
    send_outbox()
    assert len(mailoutbox) == 1, "not mailed a second time"


def test_an_unsent_e_mail_keeps_its_count_of_attempts():
    email = OutboxEmail.queue(kind=OutboxEmail.Kind.RECEIPT, to="kari@example.net", subject="Receipt", body="Hi")
    OutboxEmail.objects.filter(pk=email.pk).update(attempts=3)
    loaded = OutboxEmail.objects.get(pk=email.pk)
    loaded.attempts = 0
    with pytest.raises(ValidationError):
        loaded.save()


def test_the_database_refuses_a_sent_e_mail_without_an_attempt():
    email = OutboxEmail.queue(kind=OutboxEmail.Kind.RECEIPT, to="kari@example.net", subject="Receipt", body="Hi")
    with pytest.raises(IntegrityError), transaction.atomic():
        OutboxEmail.objects.filter(pk=email.pk).update(sent_at="2026-03-01T10:00:00Z")
