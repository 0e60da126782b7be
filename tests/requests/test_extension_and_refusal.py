"""Art. 12(3) extensions and Art. 12(4) refusals."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from requests.models import RefusalGround, Status

RECEIVED = datetime.date(2026, 3, 5)  # original deadline Tue 7 Apr 2026 (the reference's Easter example)


def test_an_extension_moves_the_deadline_to_three_months(make_request, request_handler):
    """Rule 4: received 5 Mar 2026 and extended: due Fri 5 Jun 2026."""
    request = make_request(received=RECEIVED)
    request.extend("Many systems to search", told_on=datetime.date(2026, 3, 20), by=request_handler,
                   today=datetime.date(2026, 3, 20))
    request.refresh_from_db()
    assert request.deadline == datetime.date(2026, 6, 5)
    assert request.original_deadline == datetime.date(2026, 4, 7)
    assert (request.extended_on, request.extension_told_on) == (datetime.date(2026, 3, 20), datetime.date(2026, 3, 20))
    entry = request.status_changes.last()
    assert entry.changed_by == request_handler and "2026-06-05" in entry.comment and "Many systems" in entry.comment


def test_an_extension_is_allowed_on_the_last_day(make_request):
    request = make_request(received=RECEIVED)
    request.extend("Complex", today=datetime.date(2026, 4, 7))
    assert request.deadline == datetime.date(2026, 6, 5)


def test_it_can_be_extended_only_once(make_request):
    request = make_request(received=RECEIVED)
    request.extend("Complex", today=datetime.date(2026, 3, 20))
    with pytest.raises(ValidationError) as error:
        request.extend("Still complex", today=datetime.date(2026, 3, 21))
    assert error.value.code == "already_extended"


def test_it_cannot_be_extended_after_the_original_deadline(make_request):
    request = make_request(received=RECEIVED)
    with pytest.raises(ValidationError) as error:
        request.extend("Complex", today=datetime.date(2026, 4, 8))
    assert error.value.code == "late"
    assert request.extended_on is None


def test_an_extension_needs_a_reason(make_request):
    request = make_request(received=RECEIVED)
    with pytest.raises(ValidationError) as error:
        request.extend("   ", today=datetime.date(2026, 3, 20))
    assert error.value.code == "no_reason"


def test_the_requester_must_be_told_within_the_first_month(make_request):
    """Art. 12(3): the requester is told of the extension within one month of receipt."""
    request = make_request(received=RECEIVED)
    with pytest.raises(ValidationError) as error:
        request.extend("Complex", told_on=datetime.date(2026, 4, 8), today=datetime.date(2026, 4, 7))
    assert error.value.code in {"told_late", "told_future"}
    with pytest.raises(ValidationError) as error:
        request.extend("Complex", told_on=datetime.date(2026, 3, 4), today=datetime.date(2026, 3, 20))
    assert error.value.code == "told_late"


def test_a_closed_request_cannot_be_extended(make_request):
    request = make_request(received=RECEIVED)
    request.withdraw(today=datetime.date(2026, 3, 10))
    with pytest.raises(ValidationError):
        request.extend("Complex", today=datetime.date(2026, 3, 20))


def test_a_refusal_records_the_ground_reasons_and_complaint_right(make_request, request_handler):
    request = make_request(rights=("17",), received=RECEIVED)
    request.move_to(Status.IN_PROGRESS)
    request.refuse(
        RefusalGround.LEGAL_OBLIGATION, "Invoices are kept five years under bokføringsloven § 13.",
        complaint_right_told=True, by=request_handler, today=datetime.date(2026, 3, 25),
    )
    request.refresh_from_db()
    assert request.status == Status.REFUSED
    assert request.refusal_ground == RefusalGround.LEGAL_OBLIGATION
    assert request.complaint_right_told and request.closed_on == datetime.date(2026, 3, 25)
    assert request.status_changes.last().changed_by == request_handler


def test_a_refusal_needs_the_right_to_complain(make_request):
    """Art. 12(4): the requester is told of the right to complain to Datatilsynet."""
    request = make_request(rights=("17",))
    with pytest.raises(ValidationError) as error:
        request.refuse(RefusalGround.LEGAL_OBLIGATION, "Bookkeeping law", complaint_right_told=False)
    assert error.value.code == "complaint_right_not_told"
    assert request.status == Status.RECEIVED


def test_a_refusal_needs_reasons(make_request):
    request = make_request(rights=("17",))
    with pytest.raises(ValidationError) as error:
        request.refuse(RefusalGround.LEGAL_OBLIGATION, "", complaint_right_told=True)
    assert error.value.code == "no_reasons"


@pytest.mark.parametrize(("ground", "rights"), [
    (RefusalGround.LEGAL_OBLIGATION, ("15",)),  # Art. 17(3) grounds refuse erasure only
    (RefusalGround.PORTABILITY_SCOPE, ("15", "17")),  # Art. 20(1) concerns portability
    (RefusalGround.COMPELLING_GROUNDS, ("7.3",)),  # Art. 21(1) concerns objection
])
def test_a_ground_must_fit_a_right_asked_for(make_request, ground, rights):
    request = make_request(rights=rights)
    with pytest.raises(ValidationError) as error:
        request.refuse(ground, "Reasons", complaint_right_told=True)
    assert error.value.code == "ground_does_not_apply"


@pytest.mark.parametrize("rights", [("7.3",), ("15",), ("17", "21")])
def test_article_12_5_applies_to_any_right(make_request, rights):
    request = make_request(rights=rights)
    request.refuse(RefusalGround.MANIFESTLY_UNFOUNDED, "Reasons", complaint_right_told=True)
    assert request.status == Status.REFUSED


def test_article_15_4_limits_the_copy_and_is_no_ground_to_refuse_the_request(make_request):
    """Art. 15(4): the right to a copy shall not adversely affect others; it limits the copy of Art. 15(3), not the
    right of access (EDPB Guidelines 01/2022 on the right of access, section 6.2): the handler leaves out or redacts
    what concerns others and answers the rest. It was offered as a ground to refuse a request as a whole."""
    from requests.operations import RefuseForm

    request = make_request(rights=("15",))
    with pytest.raises(ValidationError) as error:
        request.refuse(RefusalGround.RIGHTS_OF_OTHERS, "Others are named in the data", complaint_right_told=True)
    assert error.value.code == "limits_the_copy"
    assert request.status == Status.RECEIVED
    offered = dict(RefuseForm().fields["ground"].choices)
    assert RefusalGround.RIGHTS_OF_OTHERS not in offered and RefusalGround.EXCESSIVE in offered
