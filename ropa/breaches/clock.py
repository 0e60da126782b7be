"""The 72-hour clock of Art. 33(1): notify Datatilsynet within 72 hours of becoming aware of a breach.

The period is an hour count, not calendar or working days: awareness + exactly 72 elapsed hours. Python adds
a timedelta to an aware datetime on its wall clock (01:30 + 72 h in Europe/Oslo stays 01:30 across a change
to summer time, which is 71 real hours), so the sum is taken in UTC and only shown in local time.
"""

import datetime

from django.utils import timezone

NOTIFICATION_PERIOD = datetime.timedelta(hours=72)
# The admin list shows a running clock in amber in its last 24 hours, red once it has run out.
DUE_SOON = datetime.timedelta(hours=24)


def notification_deadline(aware_at: datetime.datetime) -> datetime.datetime:
    """Art. 33(1): the moment 72 hours after the controller became aware, in UTC."""
    if timezone.is_naive(aware_at):
        raise ValueError("The moment of awareness must be an aware datetime.")
    return aware_at.astimezone(datetime.UTC) + NOTIFICATION_PERIOD


def hours_between(start: datetime.datetime, end: datetime.datetime) -> float:
    return (end - start).total_seconds() / 3600


def local(moment: datetime.datetime | None) -> datetime.datetime | None:
    """The moment in the configured time zone (Europe/Oslo by default), for display."""
    return timezone.localtime(moment) if moment else None
