"""The status workflow: only the moves in requests.models.workflow.ALLOWED_MOVES, each on the timeline."""

import itertools

import pytest
from django.core.exceptions import ValidationError

from requests.models import ALLOWED_MOVES, CLOSED_STATUSES, RefusalGround, RightsRequest, Status

PATHS = {
    Status.AWAITING_CONFIRMATION: [],
    Status.RECEIVED: [],
    Status.AWAITING_IDENTITY: [Status.AWAITING_IDENTITY],
    Status.IN_PROGRESS: [Status.IN_PROGRESS],
    Status.WAITING_FOR_REQUESTER: [Status.IN_PROGRESS, Status.WAITING_FOR_REQUESTER],
    Status.COMPLETED: [Status.IN_PROGRESS, Status.COMPLETED],
    Status.REFUSED: [Status.REFUSED],
    Status.WITHDRAWN: [Status.WITHDRAWN],
}


def move(request: RightsRequest, status: str, user=None) -> None:
    if status == Status.COMPLETED:
        request.complete("Found the order history; sent a copy.", by=user)
    elif status == Status.REFUSED:
        request.refuse(
            RefusalGround.EXCESSIVE, "The fifth identical request this month.", complaint_right_told=True, by=user,
        )
    else:
        request.move_to(status, by=user, comment=f"to {status}")


def request_in(make_request, status: str) -> RightsRequest:
    initial = Status.AWAITING_CONFIRMATION if status == Status.AWAITING_CONFIRMATION else Status.RECEIVED
    request = make_request(status=initial)
    for step in PATHS[status]:
        move(request, step)
    assert request.status == status
    return request


ALL_MOVES = list(itertools.product(Status.values, Status.values))


@pytest.mark.parametrize(("current", "new"), [m for m in ALL_MOVES if m[1] in ALLOWED_MOVES[m[0]]])
def test_it_allows_a_legal_move_and_puts_it_on_the_timeline(make_request, privacy_officer, current, new):
    request = request_in(make_request, current)
    entries_before = request.status_changes.count()
    move(request, new, user=privacy_officer)
    request.refresh_from_db()
    assert request.status == new
    assert request.status_changes.count() == entries_before + 1
    entry = request.status_changes.last()
    assert (entry.from_status, entry.to_status, entry.changed_by) == (current, new, privacy_officer)
    assert entry.changed_at is not None
    assert request.history.first().history_user == privacy_officer


@pytest.mark.parametrize(("current", "new"), [m for m in ALL_MOVES if m[1] not in ALLOWED_MOVES[m[0]]])
def test_it_refuses_an_illegal_move(make_request, current, new):
    request = request_in(make_request, current)
    entries_before = request.status_changes.count()
    with pytest.raises(ValidationError):
        move(request, new)
    request.refresh_from_db()
    assert request.status == current
    assert request.status_changes.count() == entries_before


def test_closed_requests_go_nowhere():
    assert all(not ALLOWED_MOVES[status] for status in CLOSED_STATUSES)


def test_closing_records_the_day(make_request):
    request = request_in(make_request, Status.WITHDRAWN)
    assert request.closed_on == request.received


def test_a_new_request_starts_on_the_timeline(make_request):
    request = make_request()
    entry = request.status_changes.get()
    assert (entry.from_status, entry.to_status) == ("", Status.RECEIVED)


def test_web_form_requests_wait_for_email_confirmation(make_request):
    request = make_request(status=Status.AWAITING_CONFIRMATION, channel=RightsRequest.Channel.WEB_FORM)
    assert not request.is_open
    request.confirm_email()
    assert request.status == Status.RECEIVED and request.is_open


def test_the_form_refuses_a_status_jump(make_request):
    request = RightsRequest.objects.get(pk=make_request().pk)
    request.status = Status.COMPLETED
    with pytest.raises(ValidationError) as error:
        request.full_clean()
    assert "status" in error.value.message_dict


def test_a_new_request_cannot_start_completed(organisation):
    request = RightsRequest(organisation=organisation, requester_email="a@example.net", status=Status.COMPLETED)
    with pytest.raises(ValidationError) as error:
        request.full_clean()
    assert "status" in error.value.message_dict


def test_completing_needs_an_outcome(make_request):
    request = request_in(make_request, Status.IN_PROGRESS)
    with pytest.raises(ValidationError):
        request.move_to(Status.COMPLETED)
    request.complete("Erased the newsletter subscription.")
    assert request.search_outcome == "Erased the newsletter subscription."


def test_identity_cannot_be_asked_for_again_once_confirmed(make_request):
    request = make_request()
    request.confirm_identity(RightsRequest.IdentityMethod.KNOWN_CONTACT)
    assert request.status == Status.IN_PROGRESS
    with pytest.raises(ValidationError):
        request.request_identity()
