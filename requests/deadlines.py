"""When a rights request must be answered: Art. 12(3) counted by Regulation (EEC, Euratom) No 1182/71, Art. 3.

One calendar month from receipt (three when extended), the day of receipt not counted; a date that
does not exist in the last month becomes that month's last day; a deadline that falls on a Saturday,
Sunday or public holiday of the controller's country moves to the next working day.
"""

import calendar
import datetime
from functools import lru_cache

import holidays

# Interpretation: "public holidays" are the statutory ones (the package's "public" category). Sweden's
# de facto holidays (midsommarafton, julafton, nyårsafton) are left out, so a deadline is never later
# than the strictest reading allows. Change it here, and only here.
HOLIDAY_CATEGORIES = ("public",)

SATURDAY = 5


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same date `months` later, or that month's last day if it has no such date (1182/71, Art. 3(2)(c))."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@lru_cache(maxsize=64)
def _holidays(country: str, year: int) -> holidays.HolidayBase | frozenset:
    try:
        return holidays.country_holidays(country, years=year, categories=HOLIDAY_CATEGORIES)
    except NotImplementedError:
        # A country the package does not know: weekends only, which can only make the deadline earlier.
        return frozenset()


def is_working_day(day: datetime.date, country: str = "NO") -> bool:
    return day.weekday() < SATURDAY and day not in _holidays(country.upper(), day.year)


def next_working_day(day: datetime.date, country: str = "NO") -> datetime.date:
    """`day` itself if it is a working day, else the first working day after it (1182/71, Art. 3(4))."""
    while not is_working_day(day, country):
        day += datetime.timedelta(days=1)
    return day


def response_deadline(received: datetime.date, *, extended: bool = False, country: str = "NO") -> datetime.date:
    """The last day to answer a request received on `received` (Art. 12(3): one month, extendable by two).

    The extended deadline is three months from receipt, counted the same way (interpretation, see the
    GDPR reference, section 3).
    """
    return next_working_day(add_months(received, 3 if extended else 1), country)
