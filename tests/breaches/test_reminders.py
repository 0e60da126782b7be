"""`remind_deadlines` warns privacy officers of breaches whose 72 hours (Art. 33(1)) are running out."""

import pytest
import time_machine
from django.core.management import call_command

from requests.models.outbox import send_outbox
from ropa.breaches.models import Risk, Status
from ropa.breaches.reminders import send_breach_reminders
from tests.breaches.conftest import oslo

NOW = oslo(2026, 3, 4, 7, 0)


@pytest.fixture
def clocks(make_breach):
    with time_machine.travel(NOW, tick=False):
        return {
            "overdue": make_breach(title="Stolen phone", aware_at=oslo(2026, 3, 1, 6, 0)),  # ended 4 March 06:00
            "soon": make_breach(title="Misaddressed letter", aware_at=oslo(2026, 3, 2, 9, 0)),  # ends 5 March 09:00
            "later": make_breach(title="Open share", aware_at=oslo(2026, 3, 4, 6, 0)),  # ends 7 March 06:00
            "decided": make_breach(
                title="Encrypted laptop", aware_at=oslo(2026, 3, 3, 9, 0), status=Status.NOT_NOTIFIED,
                risk=Risk.UNLIKELY, not_notified_reason="Full-disk encryption.",
            ),
        }


def test_each_privacy_officer_hears_of_the_clocks_running_out(
    clocks, privacy_officer, request_handler, mailoutbox,
):
    with time_machine.travel(NOW, tick=False):
        assert send_breach_reminders(hours=48) == 1
        send_outbox()  # what the outbox worker does next
    [mail] = mailoutbox
    assert mail.to == ["officer@example.com"]
    body = mail.body
    assert "Stolen phone" in body and "Misaddressed letter" in body
    assert "Open share" not in body and "Encrypted laptop" not in body
    assert body.index("Stolen phone") < body.index("Misaddressed letter")  # the one past its deadline first
    assert "2026-03-05 09:00 CET" in body


def test_nothing_is_sent_when_no_clock_runs_out(make_breach, privacy_officer, mailoutbox):
    with time_machine.travel(NOW, tick=False):
        make_breach(title="Fresh", aware_at=oslo(2026, 3, 4, 6, 0))
        assert send_breach_reminders(hours=24) == 0
    assert mailoutbox == []


def test_the_command_also_sends_the_breach_reminders(
    clocks, privacy_officer, mailoutbox, capsys,
):
    with time_machine.travel(NOW, tick=False):
        call_command("remind_deadlines")
        send_outbox()
    assert "1 reminder(s) queued" in capsys.readouterr().out
    assert "Stolen phone" in mailoutbox[0].body


def test_each_workspace_s_officers_hear_only_of_its_own_breaches(make_breach, privacy_officer, mailoutbox):
    """Issue 23: another client's officer never hears even the title of Verdifull's breach, nor Verdifull's officer
    of theirs."""
    from django.contrib.auth.models import User

    from ropa.breaches.models import Breach
    from ropa.models import Membership, Organisation, Role, Workspace

    with time_machine.travel(NOW, tick=False):
        ours = make_breach(title="Stolen phone", aware_at=oslo(2026, 3, 2, 9, 0))
        other = Workspace.objects.create(name="Another client")
        controller = Organisation.objects.create(name="Another client AS", workspace=other)
        theirs = make_breach(title="Lost backup tape", aware_at=oslo(2026, 3, 2, 9, 0))
        Breach.objects.filter(pk=theirs.pk).update(organisation=controller)
        stranger = User.objects.create_user("b-officer", "officer@another.example", "a-long-password-x", is_staff=True)
        Membership.objects.create(user=stranger, workspace=other, role=Role.OFFICER)
        assert send_breach_reminders(hours=48) == 2
        send_outbox()
    by_reader = {mail.to[0]: mail.body for mail in mailoutbox}
    assert ours.title in by_reader["officer@example.com"] and theirs.title not in by_reader["officer@example.com"]
    assert theirs.title in by_reader["officer@another.example"]
    assert ours.title not in by_reader["officer@another.example"]
