"""The request itself: contact details, references, and the deadline it carries."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from requests.models import RightsRequest, Status
from requests.models.references import ReferenceCounter


def test_it_needs_one_way_to_reach_the_requester(organisation):
    request = RightsRequest(organisation=organisation, requester_name="Kari", customer_number="C-1001")
    with pytest.raises(ValidationError) as error:
        request.full_clean()
    assert "at least one way to reach" in str(error.value)


def test_the_database_also_refuses_a_request_without_contact(organisation):
    with pytest.raises(IntegrityError), transaction.atomic():
        RightsRequest.objects.create(organisation=organisation, requester_name="Kari")


@pytest.mark.parametrize("contact", [
    {"requester_email": "kari@example.net"}, {"requester_phone": "+47 912 34 567"},
    {"requester_address": "Storgata 2, 0155 Oslo"},
])
def test_any_one_contact_is_enough(organisation, contact):
    RightsRequest(organisation=organisation, **contact).full_clean()


def test_the_date_of_receipt_cannot_be_in_the_future(organisation):
    request = RightsRequest(
        organisation=organisation, requester_email="kari@example.net",
        received=datetime.date.today() + datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        request.full_clean()
    assert "received" in error.value.message_dict


def test_references_count_up_within_the_year_of_receipt(make_request):
    first = make_request(received=datetime.date(2026, 1, 5))
    second = make_request(received=datetime.date(2026, 2, 5))
    other_year = make_request(received=datetime.date(2025, 12, 30))
    assert (first.reference, second.reference, other_year.reference) == ("RR-2026-0001", "RR-2026-0002", "RR-2025-0001")


def test_references_keep_counting_past_9999(make_request):
    """Numbered before the year's counter existed (an older version, an import), RR-2026-9999 is the floor."""
    request = make_request(received=datetime.date(2026, 1, 5))
    RightsRequest.objects.filter(pk=request.pk).update(reference="RR-2026-9999")
    ReferenceCounter.objects.filter(year=2026).delete()
    assert make_request(received=datetime.date(2026, 1, 6)).reference == "RR-2026-10000"
    assert make_request(received=datetime.date(2026, 1, 7)).reference == "RR-2026-10001"


def test_a_reference_taken_by_a_concurrent_request_is_retried(make_request, monkeypatch):
    """Two requests saved at once both compute RR-2026-0001; the unique index stops the second, which retries."""
    make_request(received=datetime.date(2026, 1, 5))
    stale = iter(["RR-2026-0001"])
    real = RightsRequest.next_reference
    monkeypatch.setattr(
        RightsRequest, "next_reference", staticmethod(lambda year, **kw: next(stale, None) or real(year, **kw))
    )
    assert make_request(received=datetime.date(2026, 1, 6)).reference == "RR-2026-0002"


def test_a_run_of_numbers_taken_outside_the_counter_is_jumped_in_one_step(make_request):
    """RR-2026-0001 to 0040 exist while the counter stands at 1 (references written outside it, by an import):
    the collision on 0002 puts the next try above the highest saved, rather than 39 tries and a refusal."""
    for day in range(1, 41):
        make_request(received=datetime.date(2026, 1, day % 28 + 1))
    ReferenceCounter.objects.filter(year=2026).update(last_number=1)
    assert make_request(received=datetime.date(2026, 2, 1)).reference == "RR-2026-0041"
    assert make_request(received=datetime.date(2026, 2, 2)).reference == "RR-2026-0042"


def test_a_number_once_handed_out_is_not_handed_out_again(make_request):
    """Reserved for a request that is then not saved (a transaction rolled back), RR-2026-0002 stays unused:
    references may have gaps, never twins."""
    make_request(received=datetime.date(2026, 1, 5))
    assert RightsRequest.next_reference(2026) == "RR-2026-0002"
    assert make_request(received=datetime.date(2026, 1, 6)).reference == "RR-2026-0003"
    assert RightsRequest.next_reference(2027) == "RR-2027-0001"


def test_the_deadline_is_stored_with_the_request(make_request):
    """Art. 12(3) with the reference's Easter example."""
    request = make_request(received=datetime.date(2026, 3, 5))
    assert request.deadline == datetime.date(2026, 4, 7)


def test_the_deadline_uses_the_controllers_country(make_request, organisation):
    """Rule 3: Swedish National Day, Fri 6 Jun 2025, moves a Swedish controller's deadline to Mon 9 Jun."""
    organisation.country = "SE"
    organisation.save()
    assert make_request(received=datetime.date(2025, 5, 6)).deadline == datetime.date(2025, 6, 9)


def test_by_default_the_clock_runs_while_identity_is_checked(make_request):
    """Art. 12(6) setting off (the default): the month runs from receipt."""
    request = make_request(received=datetime.date(2026, 2, 10))
    request.request_identity(today=datetime.date(2026, 2, 11))
    request.confirm_identity(RightsRequest.IdentityMethod.ELECTRONIC_ID, on=datetime.date(2026, 2, 20))
    assert request.deadline == datetime.date(2026, 3, 10)


def test_the_clock_can_wait_for_the_identity_check(make_request, organisation):
    """Art. 12(6) setting on: no deadline while waiting, then one month from confirmation (Fri 20 Mar 2026)."""
    organisation.deadline_waits_for_identity = True
    organisation.save()
    request = make_request(received=datetime.date(2026, 2, 10))
    assert request.deadline == datetime.date(2026, 3, 10)
    request.request_identity(today=datetime.date(2026, 2, 11))
    assert request.deadline is None
    assert not request.is_overdue()
    request.confirm_identity(RightsRequest.IdentityMethod.ELECTRONIC_ID, on=datetime.date(2026, 2, 20))
    assert request.status == Status.IN_PROGRESS
    assert request.deadline == datetime.date(2026, 3, 20)


def test_the_clock_does_not_wait_when_identity_was_never_asked_for(make_request, organisation):
    organisation.deadline_waits_for_identity = True
    organisation.save()
    request = make_request(received=datetime.date(2026, 2, 10))
    request.confirm_identity(RightsRequest.IdentityMethod.KNOWN_CONTACT, on=datetime.date(2026, 2, 25))
    assert request.deadline == datetime.date(2026, 3, 10)


def test_identity_confirmation_records_method_date_and_user(make_request, request_handler):
    request = make_request(received=datetime.date(2026, 2, 10))
    request.confirm_identity(
        RightsRequest.IdentityMethod.CUSTOMER_DETAILS, on=datetime.date(2026, 2, 12), by=request_handler,
    )
    request.refresh_from_db()
    assert request.identity_method == RightsRequest.IdentityMethod.CUSTOMER_DETAILS
    assert request.identity_confirmed_on == datetime.date(2026, 2, 12)
    assert request.identity_confirmed_by == request_handler
    assert "Identity confirmed" in request.status_changes.last().comment


def test_identity_cannot_be_confirmed_before_receipt(make_request):
    request = make_request(received=datetime.date(2026, 2, 10))
    with pytest.raises(ValidationError):
        request.confirm_identity(RightsRequest.IdentityMethod.KNOWN_CONTACT, on=datetime.date(2026, 2, 9))


def test_overdue_and_due_soon(make_request):
    today = datetime.date(2026, 4, 8)
    overdue = make_request(received=datetime.date(2026, 3, 5))  # due 7 Apr
    due_soon = make_request(received=datetime.date(2026, 3, 10))  # due 10 Apr
    later = make_request(received=datetime.date(2026, 4, 1))  # due 4 May
    assert overdue.is_overdue(today) and not overdue.is_due_soon(today)
    assert due_soon.is_due_soon(today) and not due_soon.is_overdue(today)
    assert not later.is_due_soon(today) and not later.is_overdue(today)
    assert list(RightsRequest.objects.overdue(today)) == [overdue]
    assert list(RightsRequest.objects.due_within(7, today)) == [due_soon]


def test_a_closed_request_is_never_overdue(make_request):
    request = make_request(received=datetime.date(2026, 1, 5))
    request.withdraw()
    assert not request.is_overdue()
    assert not RightsRequest.objects.overdue().exists()


def test_str_shows_the_reference_never_the_name(make_request):
    request = make_request(received=datetime.date(2026, 1, 5))
    assert str(request) == "RR-2026-0001"


def test_open_deadlines_follow_the_controllers_setting(make_request, organisation):
    """Turning the Art. 12(6) setting on pauses an open request that is waiting for identity; off resumes it."""
    request = make_request(received=datetime.date(2026, 2, 10))
    request.request_identity(today=datetime.date(2026, 2, 11))
    closed = make_request(received=datetime.date(2026, 2, 10))
    closed.withdraw(today=datetime.date(2026, 2, 12))
    organisation.deadline_waits_for_identity = True
    organisation.save()
    request.refresh_from_db()
    closed.refresh_from_db()
    assert request.deadline is None
    assert closed.deadline == datetime.date(2026, 3, 10), "a closed request keeps the deadline it was judged by"
    organisation.deadline_waits_for_identity = False
    organisation.save()
    request.refresh_from_db()
    assert request.deadline == datetime.date(2026, 3, 10)


def test_the_history_manager_is_built_once_and_still_reads_each_requests_own_rows(make_request):
    first, second = make_request(), make_request()
    assert type(first.history) is type(second.history) is type(RightsRequest.history)
    assert {row.reference for row in first.history.all()} == {first.reference}
    assert {row.reference for row in RightsRequest.history.all()} == {first.reference, second.reference}
