"""The real SMTP path: a local aiosmtpd server receives the confirmation and the receipt; a dead one loses nothing."""

import email
import socket

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core.management import call_command

from requests.models import OutboxEmail, RightsRequest, Status
from tests.requests.intake_helpers import link_in, submit

pytestmark = pytest.mark.django_db


class Inbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def body(message: email.message.Message) -> str:
    return message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")


class LocalSmtpServer:
    """An SMTP server on 127.0.0.1 that can go down and come back on the same port."""

    def __init__(self) -> None:
        self.inbox, self.port, self.controller = Inbox(), free_port(), None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server(settings):
    server = LocalSmtpServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "personvern@verdifull.example"
    server.start()
    yield server
    server.stop()


def test_the_confirmation_and_the_receipt_travel_over_smtp(
    client, organisation, smtp_server, django_capture_on_commit_callbacks,
):
    inbox = smtp_server.inbox
    with django_capture_on_commit_callbacks(execute=True):
        assert submit(client).status_code == 302
    assert len(inbox.messages) == 1
    confirmation = inbox.messages[0]
    assert confirmation["To"] == "kari.nordmann@example.net"
    assert confirmation["Subject"] == "Confirm your request to Verdifull AS"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link_in(body(confirmation), "/request/confirm/"))
    request = RightsRequest.objects.get()
    assert response.status_code == 200 and request.status == Status.RECEIVED
    assert len(inbox.messages) == 2
    assert inbox.messages[1]["Subject"] == f"We have received your request ({request.reference})"
    assert client.get(link_in(body(inbox.messages[1]), "/request/status/")).status_code == 200
    assert not OutboxEmail.objects.pending().exists()


def test_with_the_mail_server_down_the_request_waits_in_the_outbox(
    client, organisation, smtp_server, django_capture_on_commit_callbacks,
):
    smtp_server.stop()
    with django_capture_on_commit_callbacks(execute=True):
        assert submit(client).status_code == 302
    assert RightsRequest.objects.get().status == Status.AWAITING_CONFIRMATION
    pending = OutboxEmail.objects.get()
    assert (pending.is_sent, pending.attempts) == (False, 1) and "ConnectionRefusedError" in pending.last_error

    smtp_server.start()
    with time_machine.travel(pending.next_attempt_at):  # the worker's next try, after the back-off
        call_command("send_outbox")
    pending.refresh_from_db()
    assert pending.is_sent and len(smtp_server.inbox.messages) == 1
    assert link_in(body(smtp_server.inbox.messages[0]), "/request/confirm/")
