"""E-mails go through the outbox: a worker pass sends them (stood in for after each commit, see conftest);
a failed send stays queued, counts its attempt and is retried after a back-off that doubles up to an hour."""

import datetime
import logging
import smtplib

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import transaction

from requests import services
from requests.models import OutboxEmail, RefusalGround, RightsRequest, Status
from requests.models.outbox import describe_error, retry_delay
from requests.purge import erase_requests


class RefusingBackend(EmailBackend):
    """A mail server that refuses every recipient, naming the address in its answer (as real ones do)."""

    def send_messages(self, messages):
        refused = {to: (550, f"5.1.1 <{to}>: user unknown".encode()) for message in messages for to in message.to}
        raise smtplib.SMTPRecipientsRefused(refused)


class FlakyBackend(EmailBackend):
    """The mail server is down for `failures_left` attempts, then accepts messages."""

    failures_left = 0

    def send_messages(self, messages):
        if FlakyBackend.failures_left > 0:
            FlakyBackend.failures_left -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def flaky_mail(settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.requests.test_outbox.FlakyBackend"
    FlakyBackend.failures_left = 0
    yield FlakyBackend
    FlakyBackend.failures_left = 0


def test_a_failed_send_keeps_the_request_and_the_message_then_the_retry_sends_it(
    make_request, flaky_mail, django_capture_on_commit_callbacks, capsys,
):
    request = make_request(received=datetime.date.today() - datetime.timedelta(days=3), language="en")
    flaky_mail.failures_left = 1
    with django_capture_on_commit_callbacks(execute=True):
        services.extend(request, "Several systems must be searched")
    request.refresh_from_db()
    assert request.extended_on is not None
    email = OutboxEmail.objects.get(kind=OutboxEmail.Kind.EXTENSION)
    assert (email.is_sent, email.attempts) == (False, 1)
    assert "SMTPServerDisconnected" in email.last_error
    assert email.next_attempt_at == email.last_attempt_at + datetime.timedelta(minutes=1)
    assert mail.outbox == []

    call_command("send_outbox")  # still backing off: nothing is tried
    email.refresh_from_db()
    assert (email.is_sent, email.attempts) == (False, 1)
    with time_machine.travel(email.next_attempt_at):
        call_command("send_outbox")
    email.refresh_from_db()
    assert (email.is_sent, email.attempts, email.last_error, email.next_attempt_at) == (True, 2, "", None)
    assert [m.subject for m in mail.outbox] == [f"More time is needed for your request ({request.reference})"]
    assert mail.outbox[0].to == ["kari.nordmann@example.net"]
    assert mail.outbox[0].reply_to == ["personvern@verdifull.example"]
    assert "1 sent, 0 failed" in capsys.readouterr().out


def test_each_failure_counts_the_attempt_and_doubles_the_wait(
    make_request, flaky_mail, django_capture_on_commit_callbacks,
):
    request = make_request()
    flaky_mail.failures_left = 3
    with django_capture_on_commit_callbacks(execute=True):
        services.acknowledge(request)
    email = OutboxEmail.objects.get()
    waits = []
    for _ in range(3):
        email.refresh_from_db()
        waits.append(email.next_attempt_at - email.last_attempt_at)
        with time_machine.travel(email.next_attempt_at):
            call_command("send_outbox")
    email.refresh_from_db()
    assert waits == [datetime.timedelta(minutes=minutes) for minutes in (1, 2, 4)]
    assert (email.is_sent, email.attempts) == (True, 4)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(("attempts", "minutes"), [(1, 1), (2, 2), (3, 4), (6, 32), (7, 60), (50, 60), (10**6, 60)])
def test_the_back_off_doubles_up_to_an_hour(attempts, minutes):
    assert retry_delay(attempts) == datetime.timedelta(minutes=minutes)


def test_a_rolled_back_change_leaves_no_message(make_request, mailoutbox, django_capture_on_commit_callbacks):
    request = make_request(rights=("17",))
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        services.refuse(request, RefusalGround.LEGAL_OBLIGATION, "Bookkeeping", complaint_right_told=True)
        raise RuntimeError("the database went away")
    assert not OutboxEmail.objects.exists()
    assert mailoutbox == []
    assert RightsRequest.objects.get(pk=request.pk).status == Status.RECEIVED


def test_a_sent_message_is_never_sent_again(make_request, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.acknowledge(make_request())
    call_command("send_outbox")
    assert len(mailoutbox) == 1


def test_the_log_names_the_outbox_id_and_no_address_even_after_a_purge(
    make_request, settings, caplog, django_capture_on_commit_callbacks,
):
    """Issue 16.8: the server refuses the recipient and says so with the address; the log keeps only the id."""
    settings.EMAIL_BACKEND = "tests.requests.test_outbox.RefusingBackend"
    request = make_request()
    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True):
        services.acknowledge(request)
    email = OutboxEmail.objects.get()
    assert f"Outbox e-mail {email.pk} not sent (attempt 1" in caplog.text
    assert "SMTPRecipientsRefused" in email.last_error and "550" in email.last_error
    with caplog.at_level(logging.INFO):
        assert erase_requests(RightsRequest.objects.filter(pk=request.pk), keep_statistics=False) == 1
    assert not OutboxEmail.objects.exists() and not OutboxEmail.history.exists()
    assert "kari.nordmann" not in caplog.text and "@example.net" not in caplog.text


def test_an_error_keeps_no_address():
    error = smtplib.SMTPRecipientsRefused({"kari.nordmann@example.net": (550, b"<kari.nordmann@example.net> unknown")})
    assert describe_error(error) == "SMTPRecipientsRefused: {'[address]': (550, b'<[address]> unknown')}"


def test_the_receipt_gives_reference_and_deadline(make_request, mailoutbox, django_capture_on_commit_callbacks):
    request = make_request(received=datetime.date(2026, 3, 5), language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.acknowledge(request)
    message = mailoutbox[0]
    assert message.subject == f"We have received your request ({request.reference})"
    assert "Dear Kari Nordmann," in message.body
    assert "Access (Art. 15)" in message.body
    assert "We will answer by April 7, 2026 at the latest" in message.body


@pytest.mark.parametrize(("language", "deadline"), [("nb", "7. april 2026"), ("sv", "7 april 2026")])
def test_the_receipt_is_written_in_the_requesters_language(make_request, language, deadline):
    """Rendered under the requester's language: Django's own date format for it shows in the body."""
    request = make_request(received=datetime.date(2026, 3, 5), language=language)
    services.acknowledge(request)
    email = OutboxEmail.objects.get()
    assert request.reference in email.subject
    assert deadline in email.body


def test_the_refusal_gives_the_ground_and_the_right_to_complain(
    make_request, mailoutbox, django_capture_on_commit_callbacks,
):
    """Art. 12(4): reasons, and the right to complain to Datatilsynet and to go to court."""
    request = make_request(rights=("17",), language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.refuse(
            request, RefusalGround.LEGAL_OBLIGATION, "Invoices are kept for five years by law.",
            complaint_right_told=True,
        )
    body = mailoutbox[0].body
    assert "Art. 17(3)(b) legal obligation" in body
    assert "Invoices are kept for five years by law." in body
    assert "Datatilsynet (https://www.datatilsynet.no)" in body


def test_no_message_when_the_requester_gave_no_email(make_request, mailoutbox):
    request = make_request(requester_email="", requester_phone="+47 912 34 567")
    assert services.acknowledge(request) is None
    assert not OutboxEmail.objects.exists()
