"""A real webhook receiver on 127.0.0.1 that verifies every signature, and subscriptions that post to it."""

import dataclasses
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ropa.models import Workspace
from ropa.webhooks import signing
from ropa.webhooks.models import Event, WebhookSubscription
from tests.breaches.conftest import controller, make_breach  # noqa: F401 (the breach register's factory)


@dataclasses.dataclass
class Message:
    id: str
    type: str
    subject: str
    body: dict


class Receiver:
    """What a shop would run: verify the signature, answer 2xx, and handle each webhook-id once however often it
    comes. `status` is the answer, `hang` seconds to wait before giving it; `start()` and `stop()` bring it up and
    down on the same port."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.secret = ""
        self.status, self.hang = 200, 0.0
        self.attempts: list[str] = []  # every webhook-id posted, repeats included
        self.handled: list[Message] = []  # each message once, in the order first handled
        self.bad_signatures = 0
        self.server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["content-length"]))
                try:
                    signing.verify(receiver.secret, dict(self.headers), body)
                except signing.InvalidSignature:
                    receiver.bad_signatures += 1
                    self._answer(400)
                    return
                message_id = self.headers["webhook-id"]
                receiver.attempts.append(message_id)
                if receiver.hang:
                    time.sleep(receiver.hang)
                if receiver.status < 300 and message_id not in {m.id for m in receiver.handled}:
                    payload = json.loads(body)
                    subject = next(f"{key}:{value['id']}" for key, value in payload["data"].items()
                                   if isinstance(value, dict))
                    receiver.handled.append(Message(message_id, payload["type"], subject, payload))
                self._answer(receiver.status)

            def _answer(self, status: int) -> None:
                try:
                    self.send_response(status)
                    self.end_headers()
                except OSError:
                    pass  # the sender gave up waiting

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


@pytest.fixture
def receiver():
    receiver = Receiver()
    receiver.start()
    yield receiver
    receiver.stop()


@pytest.fixture
def workspace(organisation) -> Workspace:
    return organisation.workspace


@pytest.fixture
def subscription(workspace, receiver) -> WebhookSubscription:
    subscription = WebhookSubscription.objects.create(workspace=workspace, url=receiver.url, events=Event.values)
    receiver.secret = subscription.secret
    return subscription


@pytest.fixture(autouse=True)
def short_timeout(settings):
    settings.WEBHOOK_TIMEOUT = 0.5
