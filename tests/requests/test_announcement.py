"""Who is told (issue 23): a request the requester has confirmed is announced to the handlers and privacy officers
of its workspace, each by an outbox e-mail in the language the controller's staff work in, never to another
client's staff; and the dashboard counts it as not yet picked up from that minute."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from requests import services
from requests.models import OutboxEmail, RightsRequest, Status
from ropa.dashboard.counts import attention_items
from ropa.models import Membership, Organisation, Role, Workspace
from tests.requests.intake_helpers import confirmation_link, form_data, submit
from tests.requests.test_intake_smtp import LocalSmtpServer

pytestmark = pytest.mark.django_db

SENT_AT = datetime.datetime(2026, 3, 5, 14, 0, tzinfo=datetime.UTC)
UNPICKED = "Received, not yet picked up"


@pytest.fixture
def staff_a(organisation, privacy_officer, request_handler, auditor) -> dict[str, User]:
    """Verdifull's workspace (A): an officer, a handler, an auditor, and a handler with no e-mail address."""
    silent = User.objects.create_user("no-address", "", "a-long-test-password", is_staff=True)
    Membership.objects.create(user=silent, workspace=organisation.workspace, role=Role.HANDLER)
    return {"officer": privacy_officer, "handler": request_handler, "auditor": auditor, "silent": silent}


@pytest.fixture
def staff_b(staff_a) -> dict[str, User]:
    """Another client's workspace (B), with a controller and a member of each role."""
    other = Workspace.objects.create(name="Another client")
    Organisation.objects.create(name="Another client AS", workspace=other, email="post@another.example")
    people = {}
    for role in (Role.OFFICER, Role.HANDLER, Role.AUDITOR):
        user = User.objects.create_user(f"b-{role}", f"{role}@another.example", "a-long-test-password", is_staff=True)
        Membership.objects.create(user=user, workspace=other, role=role)
        people[role] = user
    return people


@pytest.fixture
def submitted(client, organisation, staff_b, django_capture_on_commit_callbacks) -> RightsRequest:
    """Kari's web-form request to Verdifull (A) for access and erasure, filed in English, not yet confirmed."""
    with time_machine.travel(SENT_AT, tick=False), django_capture_on_commit_callbacks(execute=True):
        submit(client, organisation)
    return RightsRequest.objects.get()


def confirm(client, capture, link: str | None = None):
    """The requester opens the e-mailed link and presses its button, the next morning."""
    link = link or confirmation_link()
    with time_machine.travel(SENT_AT + datetime.timedelta(hours=18), tick=False), capture(execute=True):
        client.get(link)
        return client.post(link)


def announcements():
    return OutboxEmail.objects.filter(kind=OutboxEmail.Kind.ANNOUNCEMENT).order_by("recipient")


def test_a_confirmed_request_is_announced_to_its_workspaces_handler_and_officer_only(
    client, submitted, staff_a, staff_b, mailoutbox, django_capture_on_commit_callbacks,
):
    """Not before confirmation; then one e-mail each to A's officer and handler. Never B's staff, never an auditor
    (who does not work requests), never the member without an address."""
    assert not announcements().exists()
    assert confirm(client, django_capture_on_commit_callbacks).status_code == 200
    told = ["handler@example.com", "officer@example.com"]
    assert [email.recipient for email in announcements()] == told
    assert all(email.is_sent and email.request == submitted for email in announcements())
    delivered = sorted(to for message in mailoutbox for to in message.to if "@example.com" in to)
    assert delivered == told
    addresses = {to for message in mailoutbox for to in message.to}
    assert not addresses & {user.email for user in staff_b.values()}
    assert "auditor@example.com" not in addresses


def test_the_announcement_is_in_the_staffs_language_not_the_requesters(
    client, submitted, django_capture_on_commit_callbacks,
):
    """Kari wrote in English; Verdifull's staff keep their record in Bokmål, so their e-mail is in Bokmål, with
    the reference, the rights, the company, the deadline (Art. 12(3): one month from receipt, 7 April 2026 after
    Easter) and a link to the request's page in the admin."""
    assert submitted.language == "en" and submitted.organisation.record_language == "nb"
    confirm(client, django_capture_on_commit_callbacks)
    email = announcements().first()
    assert email.subject == f"Ny henvendelse om rettigheter {submitted.reference} til Verdifull AS"
    assert "Verdifull AS" in email.body and submitted.reference in email.body
    with translation.override("nb"):
        assert "7. april 2026" in email.body
        for right in submitted.rights.all():
            assert str(right).replace("Art.", "art.") in email.body
    path = reverse("admin:requests_rightsrequest_change", args=[submitted.pk])
    assert re.search(rf"https?://[^/\s]+{re.escape(path)}\s", email.body)


def test_a_swedish_controllers_staff_are_told_in_swedish(
    client, organisation, submitted, django_capture_on_commit_callbacks,
):
    organisation.record_language = "sv"
    organisation.save()
    confirm(client, django_capture_on_commit_callbacks)
    email = announcements().first()
    assert email.subject == f"Ny rättighetsbegäran {submitted.reference} till Verdifull AS"
    assert "Svara senast" in email.body
    assert "7 april 2026" in email.body


def test_the_announcement_holds_nothing_of_the_requester(client, submitted, django_capture_on_commit_callbacks):
    """Art. 5(1)(c), 32(1): her name, address, phone, customer number and message stay behind the admin's login."""
    confirm(client, django_capture_on_commit_callbacks)
    data = form_data()
    for email in announcements():
        text = email.subject + email.body + email.reply_to
        for field in ("name", "email", "phone", "customer_number", "message"):
            assert data[field] not in text, field
        assert "kari" not in text.lower()


def test_confirming_twice_announces_once(client, submitted, django_capture_on_commit_callbacks):
    link = confirmation_link()
    confirm(client, django_capture_on_commit_callbacks, link)
    assert confirm(client, django_capture_on_commit_callbacks, link).status_code == 410  # the link is spent
    request = RightsRequest.objects.get()
    assert services.announce(request, "https://ropa.example/admin/") == []  # a retry of the step tells no one again
    assert announcements().count() == 2


def test_a_failing_mail_server_keeps_the_announcements_queued_and_the_request_saved(
    client, submitted, settings, django_capture_on_commit_callbacks,
):
    """The confirmation commits with its e-mails; the mail server being down only delays them."""
    server = LocalSmtpServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    assert confirm(client, django_capture_on_commit_callbacks).status_code == 200
    assert RightsRequest.objects.get().status == Status.RECEIVED
    waiting = announcements()
    assert waiting.count() == 2
    assert all(not email.is_sent and email.attempts == 1 and email.last_error for email in waiting)
    server.start()
    try:
        with time_machine.travel(datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(minutes=2)):
            call_command("send_outbox", verbosity=0)
    finally:
        server.stop()
    assert all(email.is_sent for email in announcements())
    assert sorted(to for message in server.inbox.messages for to in message["To"].split(",")
                  if "@example.com" in to) == ["handler@example.com", "officer@example.com"]


def _unpicked(user) -> int:
    return {str(item.label): item.count for item in attention_items(user)}[UNPICKED]


def test_the_dashboard_counts_the_request_as_not_picked_up_from_the_minute_it_is_confirmed(
    client, submitted, staff_a, staff_b, django_capture_on_commit_callbacks,
):
    """Art. 12(3): the month runs from receipt, so the request shows at once, not only when 7 days are left; for
    A's officer and handler, never for B's officer."""
    assert _unpicked(staff_a["officer"]) == 0  # awaiting confirmation: not received yet
    confirm(client, django_capture_on_commit_callbacks)
    assert _unpicked(staff_a["officer"]) == _unpicked(staff_a["handler"]) == 1
    assert _unpicked(staff_b[Role.OFFICER]) == 0
    for user, shown in ((staff_a["officer"], "1"), (staff_b[Role.OFFICER], "0")):
        client.force_login(user)
        html = client.get(reverse("ropa:dashboard")).content.decode()
        row = re.search(rf">{UNPICKED}</a></th>\s*<td[^>]*><a href=\"([^\"]+)\">(\d+)</a>", html)
        assert row and row[2] == shown, user
        listed = client.get(row[1].replace("&amp;", "&"))
        assert (submitted.reference in listed.content.decode()) == (shown == "1")
    submitted.refresh_from_db()
    submitted.assignee = staff_a["handler"]
    submitted.save()
    assert _unpicked(staff_a["officer"]) == 0

