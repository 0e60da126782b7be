"""Art. 12(3) deadlines counted by Regulation 1182/71, Art. 3 (GDPR reference, section 3)."""

from datetime import date

import pytest

from requests.deadlines import add_months, next_working_day, response_deadline


def test_the_references_easter_example():
    """Rule 3: received Thu 5 Mar 2026; 5 Apr is Easter Sunday and 6 Apr Easter Monday, so Tue 7 Apr."""
    assert response_deadline(date(2026, 3, 5)) == date(2026, 4, 7)


def test_the_references_short_february_example():
    """Rules 2 and 3: received Sat 31 Jan 2026; 31 Feb does not exist, 28 Feb is a Saturday, so Mon 2 Mar."""
    assert response_deadline(date(2026, 1, 31)) == date(2026, 3, 2)


def test_the_references_constitution_day_example():
    """Rule 3: received Fri 17 Apr 2026; 17 May is a Sunday and a holiday, so Mon 18 May."""
    assert response_deadline(date(2026, 4, 17)) == date(2026, 5, 18)


def test_the_references_leap_year_example():
    """Rule 2: received Mon 31 Jan 2028; February 2028 ends on the 29th, a Tuesday."""
    assert response_deadline(date(2028, 1, 31)) == date(2028, 2, 29)


def test_the_references_extension_example():
    """Rule 4 (interpretation): received 5 Mar 2026 and extended, three months from receipt: Fri 5 Jun."""
    assert response_deadline(date(2026, 3, 5), extended=True) == date(2026, 6, 5)


def test_the_day_of_receipt_does_not_count():
    """Rule 1: the period ends on the same date one month later, here a plain Tuesday."""
    assert response_deadline(date(2026, 2, 10)) == date(2026, 3, 10)


def test_a_31st_ends_on_the_30th_of_a_shorter_month():
    """Rule 2: 31 Mar 2026 has no 31 Apr, so the period ends on Thu 30 Apr."""
    assert response_deadline(date(2026, 3, 31)) == date(2026, 4, 30)


def test_the_month_runs_into_the_next_year():
    """Rule 1 across a year boundary: 15 Dec 2026 gives Fri 15 Jan 2027."""
    assert response_deadline(date(2026, 12, 15)) == date(2027, 1, 15)


def test_an_extended_deadline_is_clamped_and_moved_like_the_first():
    """Rules 2, 3 and 4: 30 Nov 2026 + three months is 28 Feb 2027 (clamped), a Sunday, so Mon 1 Mar."""
    assert response_deadline(date(2026, 11, 30), extended=True) == date(2027, 3, 1)


@pytest.mark.parametrize(
    ("received", "due", "holiday"),
    [
        (date(2025, 12, 1), date(2026, 1, 2), "New Year's Day, Thu 1 Jan 2026"),
        (date(2026, 3, 2), date(2026, 4, 7), "Maundy Thursday, Good Friday, Easter 2026"),
        (date(2026, 4, 1), date(2026, 5, 4), "1 May 2026, a Friday"),
        (date(2026, 4, 14), date(2026, 5, 15), "Ascension Day, Thu 14 May 2026"),
        (date(2026, 4, 25), date(2026, 5, 26), "Whit Monday, 25 May 2026"),
        (date(2027, 4, 17), date(2027, 5, 18), "Constitution Day, Mon 17 May 2027"),
        (date(2026, 11, 25), date(2026, 12, 28), "Christmas Day and Boxing Day 2026, then a Sunday"),
    ],
)
def test_it_skips_norwegian_public_holidays(received, due, holiday):
    """Rule 3 with the Norwegian holidays the reference lists."""
    assert response_deadline(received, country="NO") == due, holiday


def test_christmas_eve_is_a_working_day_in_norway():
    """Rule 3: 24 Dec is not a Norwegian public holiday, so Thu 24 Dec 2026 is the deadline."""
    assert response_deadline(date(2026, 11, 24), country="NO") == date(2026, 12, 24)


def test_new_years_eve_is_a_working_day_in_norway():
    """Rule 3: 30 Dec 2029 is a Sunday; 31 Dec is not a holiday, so the deadline is Mon 31 Dec."""
    assert response_deadline(date(2029, 11, 30), country="NO") == date(2029, 12, 31)


def test_swedish_national_day_moves_the_deadline_in_sweden_only():
    """Rule 3, holidays of the controller's country: Fri 6 Jun 2025 is a holiday in Sweden, not in Norway.

    The Monday after is Whit Monday: a Norwegian holiday, but not a Swedish one since 2005.
    """
    assert response_deadline(date(2025, 5, 6), country="SE") == date(2025, 6, 9)
    assert response_deadline(date(2025, 5, 6), country="NO") == date(2025, 6, 6)


def test_epiphany_is_a_holiday_in_sweden_only():
    """Rule 3: Tue 6 Jan 2026 (trettondedag jul) is a Swedish public holiday."""
    assert response_deadline(date(2025, 12, 6), country="SE") == date(2026, 1, 7)
    assert response_deadline(date(2025, 12, 6), country="NO") == date(2026, 1, 6)


def test_whit_monday_is_a_working_day_in_sweden():
    """Rule 3: Mon 25 May 2026 is a working day in Sweden, a holiday in Norway."""
    assert response_deadline(date(2026, 4, 25), country="SE") == date(2026, 5, 25)


def test_midsummer_day_in_sweden():
    """Rule 3: Midsommardagen, Sat 20 Jun 2026, is a Swedish holiday; the next working day is Mon 22 Jun."""
    assert response_deadline(date(2026, 5, 20), country="SE") == date(2026, 6, 22)


@pytest.mark.parametrize(
    ("received", "due"),
    [(date(2026, 5, 19), date(2026, 6, 19)), (date(2026, 11, 24), date(2026, 12, 24))],
    ids=["midsommarafton", "julafton"],
)
def test_swedish_eves_are_not_public_holidays(received, due):
    """Rule 3 (interpretation in requests.deadlines.HOLIDAY_CATEGORIES): only statutory holidays move
    the deadline, so Midsummer Eve and Christmas Eve stay the last day (the earlier, safer date)."""
    assert response_deadline(received, country="SE") == due


def test_the_country_code_may_be_lower_case():
    assert response_deadline(date(2026, 3, 5), country="se") == date(2026, 4, 7)


def test_an_unknown_country_skips_weekends_only():
    """Rule 3 without a holiday calendar: Sun 5 Apr 2026 moves to Mon 6 Apr, never later than a real calendar."""
    assert response_deadline(date(2026, 3, 5), country="ZZ") == date(2026, 4, 6)


def test_a_working_day_is_its_own_next_working_day():
    assert next_working_day(date(2026, 3, 10)) == date(2026, 3, 10)


def test_add_months_clamps_to_the_last_day():
    assert add_months(date(2026, 8, 31), 1) == date(2026, 9, 30)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
