"""The 72-hour clock of Art. 33(1): awareness + exactly 72 elapsed hours, shown in Europe/Oslo time."""

import datetime

import pytest
from django.utils import timezone

from ropa.breaches.clock import notification_deadline
from ropa.breaches.models import Breach, Risk, Status
from tests.breaches.conftest import oslo


def test_the_deadline_is_72_hours_after_awareness_on_an_ordinary_day():
    """Art. 33(1): aware Monday 2 March 2026 09:00 → notify by Thursday 5 March 09:00, weekends or not."""
    assert timezone.localtime(notification_deadline(oslo(2026, 3, 2, 9, 0))) == oslo(2026, 3, 5, 9, 0)


def test_the_clock_counts_hours_not_working_days_over_a_weekend():
    """Art. 33(1): aware Friday 6 March 16:00 → Monday 9 March 16:00; no working-day rule moves it."""
    assert timezone.localtime(notification_deadline(oslo(2026, 3, 6, 16, 0))) == oslo(2026, 3, 9, 16, 0)


def test_the_clock_runs_72_real_hours_across_the_change_to_summer_time():
    """Last Sunday of March 2026 (29 March), clocks go from 02:00 CET to 03:00 CEST.

    Aware 01:30 CET = 00:30 UTC on 29 March. 72 hours later is 00:30 UTC on 1 April, which is 02:30 CEST
    (UTC+2): the local clock shows one hour more than the 01:30 a naive "same time three days later" gives,
    because one local hour (02:00-03:00 on 29 March) never happened. Art. 33(1) counts elapsed hours.
    """
    aware = oslo(2026, 3, 29, 1, 30)
    assert aware.utcoffset() == datetime.timedelta(hours=1)
    deadline = notification_deadline(aware)
    assert deadline == datetime.datetime(2026, 4, 1, 0, 30, tzinfo=datetime.UTC)
    local = timezone.localtime(deadline)
    assert (local.date(), local.hour, local.minute, local.tzname()) == (datetime.date(2026, 4, 1), 2, 30, "CEST")
    assert deadline - aware == datetime.timedelta(hours=72)


def test_the_clock_runs_72_real_hours_across_the_change_to_winter_time():
    """Last Sunday of October 2026 (25 October), clocks go back from 03:00 CEST to 02:00 CET.

    Aware 01:30 CEST = 23:30 UTC on 24 October (01:30 comes before the change, so it is not ambiguous).
    72 hours later is 23:30 UTC on 27 October, which is 00:30 CET on 28 October (UTC+1): one hour
    earlier on the local clock than 01:30, because the hour 02:00-03:00 on 25 October happened twice.
    """
    aware = oslo(2026, 10, 25, 1, 30)
    assert aware.utcoffset() == datetime.timedelta(hours=2)
    deadline = notification_deadline(aware)
    assert deadline == datetime.datetime(2026, 10, 27, 23, 30, tzinfo=datetime.UTC)
    local = timezone.localtime(deadline)
    assert (local.date(), local.hour, local.minute, local.tzname()) == (datetime.date(2026, 10, 28), 0, 30, "CET")


def test_a_naive_moment_is_refused_rather_than_guessed():
    with pytest.raises(ValueError, match="aware datetime"):
        notification_deadline(datetime.datetime(2026, 3, 29, 1, 30))  # noqa: DTZ001 (the point of the test)


def test_the_stored_deadline_survives_the_database_across_the_spring_change(make_breach):
    """Saved and read back (UTC in the database on both SQLite and PostgreSQL), the deadline is 02:30 CEST."""
    breach = make_breach(aware_at=oslo(2026, 3, 29, 1, 30))
    breach = Breach.objects.get(pk=breach.pk)
    assert timezone.localtime(breach.notification_deadline) == oslo(2026, 4, 1, 2, 30)


def test_hours_left_count_down_and_turn_negative_once_the_72_hours_are_past(make_breach):
    breach = make_breach(aware_at=oslo(2026, 3, 2, 9, 0))
    assert breach.hours_left(now=oslo(2026, 3, 2, 9, 0)) == 72
    assert breach.hours_left(now=oslo(2026, 3, 4, 10, 0)) == 23
    assert breach.is_due_soon(now=oslo(2026, 3, 4, 10, 0))
    assert breach.hours_left(now=oslo(2026, 3, 5, 12, 0)) == -3
    assert breach.is_overdue(now=oslo(2026, 3, 5, 12, 0))


def test_clock_running_holds_the_breaches_whose_notification_decision_is_open(make_breach):
    """The dashboard's query: aware, not notified, not decided as unlikely to result in a risk (Art. 33(1))."""
    running = make_breach(title="Running")
    overdue = make_breach(title="Overdue", aware_at=oslo(2026, 1, 5, 9, 0))
    make_breach(title="Not yet aware", aware_at=None)
    make_breach(
        title="Notified", status=Status.NOTIFIED, risk=Risk.RISK, notified_at=oslo(2026, 3, 3, 9, 0),
    )
    make_breach(
        title="Not notified", status=Status.NOT_NOTIFIED, risk=Risk.UNLIKELY,
        not_notified_reason="The laptop's disk was encrypted and the key was not lost with it.",
    )
    assert set(Breach.objects.clock_running()) == {running, overdue}
    assert list(Breach.objects.overdue(now=oslo(2026, 3, 3, 9, 0))) == [overdue]
