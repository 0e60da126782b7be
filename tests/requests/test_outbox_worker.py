"""The outbox worker (issue 11) and a form that never waits on mail (issue 16.3), with real processes.

Worker processes (`manage.py send_outbox`) and gunicorn run against the test database: on PostgreSQL the
test database itself, on SQLite a file copied from it (the test database lives in memory), which is how
SQLite runs in production. Mail goes to an aiosmtpd server in this process that counts every message it
accepted, so "sent exactly once" is counted where a recipient would count it.
"""

import asyncio
import collections
import datetime
import http.client
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.conf import settings as django_settings
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection
from django.utils import timezone

from requests.models import OutboxEmail, send_outbox
from requests.models.outbox import claim, renew, send_claimed
from tests.databases import server_database_url
from tests.requests.intake_helpers import form_data, submit

ROOT = Path(django_settings.BASE_DIR)
SERVER_WAIT = 120  # seconds any one step may take on a busy machine before the test gives up


@pytest.fixture(autouse=True)
def outbox_worker_stand_in():
    """No stand-in here (see tests/requests/conftest.py): these tests run the worker itself."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, what: str, seconds: float = SERVER_WAIT) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


class CountingInbox:
    """An aiosmtpd handler that counts accepted messages by subject; it can be told to hang instead."""

    def __init__(self, *, delay: float = 0.0, accept_then_hang: int | None = None) -> None:
        self.subjects: collections.Counter = collections.Counter()
        self.peers: set = set()  # one (address, port) per SMTP connection that delivered a message
        self.delay, self.accept_then_hang = delay, accept_then_hang
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's hook name)
        if self.accept_then_hang is not None and self.total() >= self.accept_then_hang:
            await asyncio.sleep(3600)  # never answers; cancelled when the client goes away
        if self.delay:
            await asyncio.sleep(self.delay)
        subject = re.search(rb"^Subject: (.*?)\r?$", envelope.content, re.MULTILINE)[1].decode()
        with self.lock:
            self.subjects[subject] += 1
            self.peers.add(session.peer)
        return "250 Message accepted for delivery"

    def total(self) -> int:
        with self.lock:
            return sum(self.subjects.values())


@pytest.fixture
def smtp_sink():
    servers = []

    def start(**options) -> tuple[CountingInbox, int]:
        inbox, port = CountingInbox(**options), free_port()
        controller = Controller(inbox, hostname="127.0.0.1", port=port)
        controller.start()
        servers.append(controller)
        return inbox, port

    yield start
    for controller in servers:
        controller.stop()


class ServerDatabase:
    """The database as another process sees it: its URL, and counts read back from it."""

    def __init__(self, url: str, sqlite_path: str | None = None) -> None:
        self.url, self.sqlite_path = url, sqlite_path

    def scalar(self, sql: str) -> int:
        if self.sqlite_path is None:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchone()[0]
        with sqlite3.connect(self.sqlite_path) as db:
            return db.execute(sql).fetchone()[0]

    def unsent(self) -> int:
        return self.scalar("SELECT COUNT(*) FROM requests_outboxemail WHERE sent_at IS NULL")


@pytest.fixture
def server_database(transactional_db):
    """Call it once the rows the processes need are written; on SQLite it copies the database to a file."""
    made = []

    def make() -> ServerDatabase:
        if connection.vendor == "postgresql":
            return ServerDatabase(server_database_url())
        handle, path = tempfile.mkstemp(suffix=".sqlite3")
        os.close(handle)
        made.append(path)
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
            target.execute("PRAGMA journal_mode=WAL")
        return ServerDatabase(f"sqlite:///{path}", path)

    yield make
    for path in made:
        for suffix in ("", "-wal", "-shm"):
            Path(path + suffix).unlink(missing_ok=True)


def process_env(database: ServerDatabase, smtp_port: int, **extra: str) -> dict:
    return {
        **os.environ, "DEBUG": "1", "SECRET_KEY": django_settings.SECRET_KEY, "DATABASE_URL": database.url,
        "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp_port), "EMAIL_USE_TLS": "0", "EMAIL_USE_SSL": "0",
        "EMAIL_TIMEOUT": "5", "LOG_LEVEL": "WARNING", **extra,
    }


def start_worker(env: dict, *options: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "send_outbox", "--watch", "--interval", "0.2", *options],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def stop_worker(worker: subprocess.Popen) -> str:
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
    output, _ = worker.communicate(timeout=SERVER_WAIT)
    return output


def sent_by(output: str) -> int:
    return sum(int(count) for count in re.findall(r"^(\d+) sent, \d+ failed$", output, re.MULTILINE))


def queue_mails(count: int) -> None:
    OutboxEmail.objects.bulk_create(
        OutboxEmail(kind=OutboxEmail.Kind.REMINDER, recipient=f"handler{n}@example.net", subject=f"mail {n}", body="-")
        for n in range(count)
    )


def everything_sent_once(inbox: CountingInbox, count: int) -> bool:
    return inbox.subjects == collections.Counter({f"mail {n}": 1 for n in range(count)})


def test_a_web_request_only_writes_the_row(client, organisation, django_capture_on_commit_callbacks):
    """Issue 16.3: nothing waits for commit to talk to the mail server, and no partial callback is registered."""
    with django_capture_on_commit_callbacks() as callbacks:
        assert submit(client).status_code == 302
    assert callbacks == []
    assert mail.outbox == []
    email = OutboxEmail.objects.get()
    assert (email.is_sent, email.attempts, email.claimed_by) == (False, 0, "")


@pytest.mark.django_db
def test_a_stalled_worker_that_lost_its_lease_sends_nothing_twice(settings, mailoutbox):
    """Worker A claims, stalls past its lease; B takes over and sends; A, waking, skips what is no longer its."""
    queue_mails(3)
    first = claim("worker-a", lease=datetime.timedelta(seconds=30))
    assert [email.subject for email in first] == ["mail 0", "mail 1", "mail 2"]
    assert claim("worker-b") == []  # held by A
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=31)):
        second = claim("worker-b")
        assert len(second) == 3
        assert send_claimed(second, "worker-b") == (3, 0)
        assert send_claimed(first, "worker-a") == (0, 0)
    assert sorted(message.subject for message in mailoutbox) == ["mail 0", "mail 1", "mail 2"]


class PurgingBackend(EmailBackend):
    """The request is purged (its e-mails with it) while the mail server is taking the message."""

    def send_messages(self, messages):
        OutboxEmail.objects.all().delete()
        return super().send_messages(messages)


@pytest.mark.django_db
def test_a_message_purged_while_it_is_sent_leaves_the_worker_running(settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.requests.test_outbox_worker.PurgingBackend"
    queue_mails(1)
    assert send_outbox() == (1, 0)
    assert not OutboxEmail.objects.exists() and not OutboxEmail.history.filter(history_type="~").exists()


@pytest.mark.django_db
def test_smtp_down_then_up_loses_nothing(smtp_sink, settings):
    queue_mails(200)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    assert send_outbox() == (0, 200)  # connection refused for every message; each keeps its row
    assert OutboxEmail.objects.filter(attempts=1, sent_at__isnull=True).count() == 200
    assert send_outbox() == (0, 0)  # backing off: nothing hammers the dead server

    inbox, settings.EMAIL_PORT = smtp_sink()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=1, seconds=1)):
        assert send_outbox() == (200, 0)
    assert everything_sent_once(inbox, 200)
    assert OutboxEmail.objects.filter(attempts=2, sent_at__isnull=False).count() == 200


@pytest.mark.django_db
def test_a_batch_goes_over_one_smtp_connection(smtp_sink, settings):
    queue_mails(30)
    inbox, settings.EMAIL_PORT = smtp_sink()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_TIMEOUT = "127.0.0.1", 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    assert send_outbox(batch=20) == (30, 0)
    assert everything_sent_once(inbox, 30)
    assert len(inbox.peers) == 2


@pytest.mark.django_db
def test_a_fresh_lease_is_not_renewed_before_each_mail(mailoutbox, django_assert_num_queries):
    """Per mail only its result (savepoint, UPDATE, history row, release: the test runs in a transaction)."""
    queue_mails(20)
    emails = claim("worker-a")
    with django_assert_num_queries(20 * 4 + 1):  # and one UPDATE handing back what was not reached
        assert send_claimed(emails, "worker-a") == (20, 0)


@pytest.mark.django_db
def test_a_lease_half_gone_is_renewed_before_the_send(django_assert_num_queries):
    queue_mails(1)
    [email] = claim("worker-a", lease=datetime.timedelta(minutes=5))
    with django_assert_num_queries(0):
        assert renew(email, "worker-a", datetime.timedelta(minutes=5))
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=3)):
        with django_assert_num_queries(1):
            assert renew(email, "worker-a", datetime.timedelta(minutes=5))
        assert OutboxEmail.objects.get().claimed_until > timezone.now() + datetime.timedelta(minutes=4)


def test_two_workers_send_200_mails_each_exactly_once(server_database, smtp_sink):
    queue_mails(200)
    database = server_database()
    inbox, port = smtp_sink(delay=0.02)  # a server that takes its time, so the two workers overlap
    env = process_env(database, port)
    workers = [start_worker(env, "--batch", "5") for _ in range(2)]
    try:
        wait_until(lambda: database.unsent() == 0, "the outbox to empty")
    finally:
        outputs = [stop_worker(worker) for worker in workers]
    assert everything_sent_once(inbox, 200), outputs
    assert [sent_by(output) > 0 for output in outputs] == [True, True], outputs
    assert sum(sent_by(output) for output in outputs) == 200


def test_a_worker_killed_mid_batch_loses_nothing(server_database, smtp_sink):
    queue_mails(200)
    database = server_database()
    inbox, port = smtp_sink(accept_then_hang=7)  # the 8th message hangs: the worker is killed while sending it
    env = process_env(database, port)
    doomed = start_worker(env, "--batch", "20", "--lease", "3")
    try:
        wait_until(lambda: inbox.total() == 7, "the first worker to send seven")
        time.sleep(0.3)  # now waiting on the 8th
    finally:
        doomed.kill()
        doomed.communicate(timeout=SERVER_WAIT)
    assert database.unsent() == 193
    inbox.accept_then_hang = None
    survivor = start_worker(env, "--batch", "20", "--lease", "3")
    try:
        wait_until(lambda: database.unsent() == 0, "the second worker to send the rest")
    finally:
        output = stop_worker(survivor)
    assert everything_sent_once(inbox, 200), output
    assert sent_by(output) == 193


class HangingSmtpServer:
    """Accepts connections and never says a word, as the mail server in issue 16.3 did."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted: list[socket.socket] = []
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.accepted.append(client)

    def close(self) -> None:
        self.listener.close()
        for client in self.accepted:
            client.close()


def post_the_form(port: int, path: str, fields: dict) -> int:
    connection_ = http.client.HTTPConnection("127.0.0.1", port, timeout=SERVER_WAIT)
    try:
        connection_.request("GET", path)
        response = connection_.getresponse()
        page = response.read().decode()
        cookie = re.search(r"csrftoken=([^;,\s]+)", response.getheader("Set-Cookie", ""))[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}, doseq=True)
        connection_.request("POST", path, body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={cookie}",
        })
        response = connection_.getresponse()
        response.read()
        return response.status
    finally:
        connection_.close()


def test_concurrent_submissions_with_a_hanging_mail_server_all_succeed(server_database, organisation):
    """Issue 16.3: 24 submissions at once (8 at a time) under gunicorn; 0 lost, 0 errors, no SMTP connection."""
    fields = form_data()
    database = server_database()
    smtp = HangingSmtpServer()
    port = free_port()
    env = process_env(
        database, smtp.port, DEBUG="0", ALLOWED_HOSTS="127.0.0.1", BEHIND_TLS_PROXY="0", SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0", SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0", EMAIL_TIMEOUT="10",
        INTAKE_RATE_LIMIT_PER_IP="1000", INTAKE_RATE_LIMIT_PER_EMAIL="1000",
    )
    gunicorn = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "3", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )
    path = f"/request/{organisation.pk}/"
    try:
        def answers() -> bool:
            try:
                probe = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                probe.request("GET", path)
                return probe.getresponse().status == 200
            except OSError:
                return False

        wait_until(answers, "gunicorn to answer")
        statuses: list[int | str] = []

        def one(n: int) -> None:
            try:
                statuses.append(post_the_form(port, path, {**fields, "email": f"kari{n}@example.net"}))
            except Exception as error:  # a lost connection counts as an error, not a crash of the test
                statuses.append(type(error).__name__)

        threads = [threading.Thread(target=one, args=(n,)) for n in range(24)]
        for start in range(0, 24, 8):
            batch = threads[start:start + 8]
            for thread in batch:
                thread.start()
            for thread in batch:
                thread.join()
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=SERVER_WAIT)
        smtp.close()
    assert statuses == [302] * 24
    assert database.scalar("SELECT COUNT(*) FROM requests_rightsrequest") == 24
    assert database.unsent() == 24
    assert smtp.accepted == []  # no web request so much as opened a connection to the mail server
