"""`remind_deadlines`: assignees hear of their requests due soon or overdue (Art. 12(3) deadlines)."""

import datetime

import pytest
from django.core.management import call_command

from requests.models import RightsRequest
from requests.reminders import send_deadline_reminders

TODAY = datetime.date(2026, 4, 8)


@pytest.fixture
def due_requests(make_request, request_handler, privacy_officer):
    handler_requests = {
        "overdue": make_request(received=datetime.date(2026, 3, 5), assignee=request_handler),  # due 7 Apr
        "due_soon": make_request(received=datetime.date(2026, 3, 10), assignee=request_handler),  # due 10 Apr
        "later": make_request(received=datetime.date(2026, 4, 1), assignee=request_handler),  # due 4 May
        "closed": make_request(received=datetime.date(2026, 3, 2), assignee=request_handler),
    }
    handler_requests["closed"].withdraw(today=datetime.date(2026, 3, 3))
    handler_requests["unassigned"] = make_request(received=datetime.date(2026, 3, 6))  # due 7 Apr
    return handler_requests


def test_each_assignee_gets_one_email_with_their_due_and_overdue_requests(
    due_requests, mailoutbox, django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        assert send_deadline_reminders(days=7, today=TODAY) == 2
    handler_mail = next(m for m in mailoutbox if m.to == ["handler@example.com"])
    body = handler_mail.body
    assert due_requests["overdue"].reference in body and due_requests["due_soon"].reference in body
    assert due_requests["later"].reference not in body
    assert due_requests["closed"].reference not in body
    assert due_requests["unassigned"].reference not in body
    assert body.index("Overdue") < body.index(due_requests["overdue"].reference) < body.index("Due soon")
    assert handler_mail.subject == "Rights requests due: 2"


def test_unassigned_requests_go_to_the_privacy_officers(due_requests, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_deadline_reminders(days=7, today=TODAY)
    officer_mail = next(m for m in mailoutbox if m.to == ["officer@example.com"])
    assert due_requests["unassigned"].reference in officer_mail.body
    assert "nobody is assigned to" in officer_mail.body


def test_the_reminder_names_no_requester(due_requests, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_deadline_reminders(days=7, today=TODAY)
    assert mailoutbox and all("Kari" not in m.body and "kari" not in m.body for m in mailoutbox)


def test_more_days_reach_further(due_requests, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_deadline_reminders(days=30, today=TODAY)
    handler_mail = next(m for m in mailoutbox if m.to == ["handler@example.com"])
    assert due_requests["later"].reference in handler_mail.body


def test_nothing_due_sends_nothing(make_request, mailoutbox):
    make_request(received=datetime.date(2026, 4, 1))
    assert send_deadline_reminders(days=7, today=TODAY) == 0


def test_a_request_paused_for_identity_is_not_due(make_request, organisation, request_handler):
    """Art. 12(6) setting on: while identity is checked there is no deadline to remind of."""
    organisation.deadline_waits_for_identity = True
    organisation.save()
    request = make_request(received=datetime.date(2026, 3, 1), assignee=request_handler)
    request.request_identity(today=datetime.date(2026, 3, 2))
    assert send_deadline_reminders(days=7, today=TODAY) == 0


def test_the_command_takes_days(make_request, request_handler, mailoutbox, capsys, django_capture_on_commit_callbacks):
    make_request(received=datetime.date.today() - datetime.timedelta(days=70), assignee=request_handler)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_deadlines", "--days", "3")
    assert "1 reminder(s) queued" in capsys.readouterr().out
    assert [m.to for m in mailoutbox] == [["handler@example.com"]]
    assert RightsRequest.objects.count() == 1


def test_each_workspaces_officers_hear_only_of_its_own_unassigned_requests(
    due_requests, mailoutbox, django_capture_on_commit_callbacks,
):
    """Issue 23: another client's officer is never told even the reference of Verdifull's request, and Verdifull's
    officer never of theirs."""
    from django.contrib.auth.models import User

    from ropa.models import Membership, Organisation, Role, Workspace

    other = Workspace.objects.create(name="Another client")
    controller = Organisation.objects.create(name="Another client AS", workspace=other, email="post@another.example")
    theirs = RightsRequest(organisation=controller, received=datetime.date(2026, 3, 6), requester_email="x@example.net")
    theirs.save()
    stranger = User.objects.create_user("b-officer", "officer@another.example", "a-long-test-password", is_staff=True)
    Membership.objects.create(user=stranger, workspace=other, role=Role.OFFICER)
    with django_capture_on_commit_callbacks(execute=True):
        send_deadline_reminders(days=7, today=TODAY)
    ours = next(m for m in mailoutbox if m.to == ["officer@example.com"]).body
    their_mail = next(m for m in mailoutbox if m.to == ["officer@another.example"]).body
    assert due_requests["unassigned"].reference in ours and theirs.reference not in ours
    assert theirs.reference in their_mail and due_requests["unassigned"].reference not in their_mail
