"""The rights-request list: columns, colours, filters, "my requests" first, and a bounded query count."""

import datetime

import pytest
from django.contrib.admin.templatetags.admin_list import result_headers
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from requests.deadlines import response_deadline
from requests.models import Right, RightsRequest

CHANGELIST = reverse("admin:requests_rightsrequest_changelist")
TODAY = datetime.date.today()


def received_for(days_left_range: range) -> datetime.date:
    """A date of receipt whose Art. 12(3) deadline (Norway) falls `days_left_range` days from today."""
    for offset in range(0, 60):
        received = TODAY - datetime.timedelta(days=offset)
        if (response_deadline(received) - TODAY).days in days_left_range:
            return received
    raise AssertionError("no such date")


def listed(response) -> list[RightsRequest]:
    return list(response.context["cl"].result_list)


@pytest.fixture
def three_requests(make_request, request_handler):
    return {
        "overdue": make_request(received=TODAY - datetime.timedelta(days=60), requester_name="Overdue Olsen"),
        "due_soon": make_request(received=received_for(range(1, 7)), requester_name="Soon Svendsen",
                                 assignee=request_handler),
        "later": make_request(received=TODAY, rights=("17",), requester_name="Later Larsen"),
    }


def test_the_list_shows_what_a_handler_needs(officer_client, three_requests):
    response = officer_client.get(CHANGELIST)
    assert response.status_code == 200
    html = response.content.decode()
    request = three_requests["later"]
    for text in [request.reference, "Erasure (Art. 17)", "Later Larsen", request.deadline.isoformat(), "Received"]:
        assert text in html
    headers = [str(header["text"]).lower() for header in result_headers(response.context["cl"])]
    expected = ["reference", "rights", "requester", "received", "deadline", "days left", "status", "assignee"]
    assert headers[1:] == expected


def test_overdue_is_red_and_due_this_week_is_amber(officer_client, three_requests):
    html = officer_client.get(CHANGELIST).content.decode()
    overdue, soon, later = three_requests["overdue"], three_requests["due_soon"], three_requests["later"]
    assert f'<span class="rr-overdue">{overdue.deadline.isoformat()}</span>' in html
    assert f'<span class="rr-due-soon">{soon.deadline.isoformat()}</span>' in html
    assert f'<span class="rr-on-track">{later.deadline.isoformat()}</span>' in html
    assert "requests/admin.css" in html


@pytest.mark.parametrize(("query", "expected"), [
    ("due=overdue", {"overdue"}),
    ("due=week", {"due_soon"}),
    ("state=open", {"overdue", "due_soon", "later"}),
    ("state=closed", set()),
    ("assignee=me", set()),
    ("assignee=nobody", {"overdue", "later"}),
    ("status=received", {"overdue", "due_soon", "later"}),
])
def test_the_filters(officer_client, three_requests, query, expected):
    response = officer_client.get(f"{CHANGELIST}?{query}")
    names = {name for name, request in three_requests.items() if request in listed(response)}
    assert names == expected


def test_filter_by_right(officer_client, three_requests):
    erasure = Right.objects.get(code=Right.Article.ERASURE)
    response = officer_client.get(f"{CHANGELIST}?rights__id__exact={erasure.pk}")
    assert listed(response) == [three_requests["later"]]


def test_filter_by_assignee(client, request_handler, three_requests):
    client.force_login(request_handler)
    response = client.get(f"{CHANGELIST}?assignee={request_handler.pk}")
    assert listed(response) == [three_requests["due_soon"]]
    assert listed(client.get(f"{CHANGELIST}?assignee=me")) == [three_requests["due_soon"]]


def test_closed_requests_are_filtered_out_of_open(officer_client, three_requests):
    three_requests["later"].withdraw()
    assert three_requests["later"] not in listed(officer_client.get(f"{CHANGELIST}?state=open"))
    assert listed(officer_client.get(f"{CHANGELIST}?state=closed")) == [three_requests["later"]]


def test_a_handler_sees_their_own_requests_first(client, make_request, request_handler):
    """The handler's request is due last, yet comes first; then the others by deadline; closed ones last."""
    closed = make_request(received=TODAY - datetime.timedelta(days=90), assignee=request_handler)
    closed.withdraw()
    others_late = make_request(received=TODAY - datetime.timedelta(days=50))
    others_early = make_request(received=TODAY - datetime.timedelta(days=70))
    mine = make_request(received=TODAY, assignee=request_handler)
    client.force_login(request_handler)
    assert listed(client.get(CHANGELIST)) == [mine, others_early, others_late, closed]


def test_a_request_paused_for_identity_says_so(officer_client, make_request, organisation):
    organisation.deadline_waits_for_identity = True
    organisation.save()
    request = make_request()
    request.request_identity()
    response = officer_client.get(f"{CHANGELIST}?due=paused")
    assert listed(response) == [request]
    assert "paused" in response.content.decode()


def _changelist_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(CHANGELIST).status_code == 200
    return len(queries)


def test_the_list_runs_the_same_number_of_queries_for_20_and_200_requests(
    officer_client, make_request, request_handler, privacy_officer,
):
    def add(count: int) -> None:
        for number in range(count):
            make_request(
                received=TODAY - datetime.timedelta(days=number % 50), rights=("15", "17"),
                assignee=request_handler if number % 2 else privacy_officer,
            )

    add(20)
    with_20 = _changelist_queries(officer_client)
    add(180)
    with_200 = _changelist_queries(officer_client)
    assert with_20 == with_200
    assert with_200 <= 15
