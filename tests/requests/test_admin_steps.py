"""Workflow steps in the admin: change-list actions and per-request buttons, each behind a confirmation form."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.urls import reverse

from requests.models import Attachment, OutboxEmail, RefusalGround, RightsRequest, Status

CHANGELIST = reverse("admin:requests_rightsrequest_changelist")
TODAY = datetime.date.today()


def change_url(request: RightsRequest) -> str:
    return reverse("admin:requests_rightsrequest_change", args=[request.pk])


def step_url(request: RightsRequest, name: str) -> str:
    return reverse("admin:requests_rightsrequest_operation", args=[request.pk, name])


def run_action(client, action: str, requests: list[RightsRequest], **data):
    """POST the action as the change list does, then confirm it with `data` (as the confirmation page does)."""
    selected = [str(request.pk) for request in requests]
    first = client.post(CHANGELIST, {"action": action, "_selected_action": selected})
    assert first.status_code == 200, "the action first shows its confirmation form"
    assert b'name="apply"' in first.content
    return client.post(CHANGELIST, {"action": action, "_selected_action": selected, "apply": "1", **data})


@pytest.fixture
def handler_client(client, request_handler):
    client.force_login(request_handler)
    return client


def test_confirm_identity_action(handler_client, make_request, request_handler):
    requests = [make_request(), make_request()]
    response = run_action(handler_client, "confirm_identity", requests, method="electronic_id",
                          confirmed_on=TODAY.isoformat(), no_copy_kept="on", comment="BankID")
    assert response.status_code == 302
    for request in requests:
        request.refresh_from_db()
        assert request.status == Status.IN_PROGRESS
        assert (request.identity_method, request.identity_confirmed_by) == ("electronic_id", request_handler)


def test_confirm_identity_requires_that_no_id_copy_is_kept(handler_client, make_request):
    request = make_request()
    response = run_action(handler_client, "confirm_identity", [request], method="id_shown",
                          confirmed_on=TODAY.isoformat())
    assert response.status_code == 200
    assert "no_copy_kept" in response.context["form"].errors
    request.refresh_from_db()
    assert request.identity_method == ""


def test_extend_action_extends_and_tells_the_requester(handler_client, make_request):
    request = make_request(received=TODAY - datetime.timedelta(days=2))
    response = run_action(handler_client, "extend", [request], reason="Eleven systems to search",
                          told_on=TODAY.isoformat())
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.extended_on == TODAY and request.extension_reason == "Eleven systems to search"
    assert OutboxEmail.objects.filter(request=request, kind=OutboxEmail.Kind.EXTENSION).exists()


def test_extend_action_reports_each_request_it_could_not_extend(handler_client, make_request):
    fresh = make_request(received=TODAY - datetime.timedelta(days=2))
    too_late = make_request(received=TODAY - datetime.timedelta(days=60))
    response = run_action(handler_client, "extend", [fresh, too_late], reason="Complex", told_on=TODAY.isoformat())
    messages = [str(m) for m in response.wsgi_request._messages]
    fresh.refresh_from_db()
    too_late.refresh_from_db()
    assert fresh.extended_on == TODAY and too_late.extended_on is None
    assert any(too_late.reference in m and "original deadline has passed" in m for m in messages)
    assert any("1 request updated" in m for m in messages)


def test_complete_action(handler_client, make_request):
    request = make_request()
    request.move_to(Status.IN_PROGRESS)
    response = run_action(handler_client, "complete", [request], outcome="Sent a copy of the order history.")
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.COMPLETED and request.search_outcome == "Sent a copy of the order history."
    assert OutboxEmail.objects.filter(request=request, kind=OutboxEmail.Kind.DECISION).exists()


def test_refuse_action_needs_a_ground_and_the_complaint_right(handler_client, make_request):
    request = make_request(rights=("17",))
    response = run_action(handler_client, "refuse", [request], ground=RefusalGround.LEGAL_OBLIGATION,
                          explanation="Bookkeeping law")
    assert response.status_code == 200 and "complaint_right_told" in response.context["form"].errors
    response = run_action(handler_client, "refuse", [request], ground=RefusalGround.LEGAL_OBLIGATION,
                          explanation="Bookkeeping law", complaint_right_told="on")
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.REFUSED and request.refusal_ground == RefusalGround.LEGAL_OBLIGATION


def test_a_step_button_asks_then_applies(handler_client, make_request, request_handler):
    request = make_request()
    page = handler_client.get(step_url(request, "request_identity"))
    assert page.status_code == 200 and request.reference in page.content.decode()
    response = handler_client.post(step_url(request, "request_identity"), {"apply": "1", "comment": "Asked for BankID"})
    assert response.status_code == 302 and response.url == change_url(request)
    request.refresh_from_db()
    assert request.status == Status.AWAITING_IDENTITY
    entry = request.status_changes.last()
    assert (entry.changed_by, entry.comment) == (request_handler, "Asked for BankID")


def test_an_illegal_step_is_refused_with_a_message(handler_client, make_request):
    request = make_request()
    response = handler_client.post(step_url(request, "complete"), {"apply": "1", "outcome": "Done"})
    assert response.status_code == 302
    assert "is not possible while the request is “Received”" in " ".join(
        str(m) for m in response.wsgi_request._messages
    )
    request.refresh_from_db()
    assert request.status == Status.RECEIVED


def test_a_step_that_fails_the_law_shows_why(handler_client, make_request):
    """The extension form is offered, but Art. 12(3) refuses a told-on date after the first month."""
    request = make_request(received=TODAY - datetime.timedelta(days=3))
    too_late = (request.original_deadline + datetime.timedelta(days=1)).isoformat()
    data = {"apply": "1", "reason": "Complex", "told_on": too_late}
    response = handler_client.post(step_url(request, "extend"), data)
    assert response.status_code == 200
    assert "within the first month" in " ".join(str(m) for m in response.wsgi_request._messages)
    request.refresh_from_db()
    assert request.extended_on is None


def test_the_change_page_shows_the_timeline_and_the_next_steps(handler_client, make_request, request_handler):
    request = make_request()
    request.move_to(Status.IN_PROGRESS, by=request_handler, comment="Searching the shop platform")
    html = handler_client.get(change_url(request)).content.decode()
    assert "Searching the shop platform" in html and "handler" in html
    assert 'class="rr-timeline"' in html
    assert step_url(request, "complete") in html and step_url(request, "refuse") in html
    assert step_url(request, "confirm_email") not in html
    assert reverse("admin:requests_rightsrequest_access_answer", args=[request.pk]) in html


def test_only_access_requests_offer_the_article_15_answer(handler_client, make_request):
    request = make_request(rights=("17",))
    html = handler_client.get(change_url(request)).content.decode()
    assert reverse("admin:requests_rightsrequest_access_answer", args=[request.pk]) not in html


def test_the_status_cannot_be_edited_in_the_form(handler_client, make_request, organisation):
    request = make_request()
    page = handler_client.get(change_url(request))
    assert 'name="status"' not in page.content.decode()


def test_one_click_gives_the_article_15_answer_and_sends_it(
    handler_client, make_request, order_activity, klarna, request_handler, tmp_path, monkeypatch,
):
    monkeypatch.setattr(Attachment._meta.get_field("file"), "storage", FileSystemStorage(location=tmp_path))
    request = make_request(rights=("15",), language="en")
    request.searched_activities.add(order_activity)
    request.found_activities.add(order_activity)
    url = reverse("admin:requests_rightsrequest_access_answer", args=[request.pk])
    page = handler_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "(a) The purposes of the processing and its legal basis" in html
    assert "Deliver what the customer ordered" in html
    copy = Attachment.objects.create(request=request, file=ContentFile(b"order,amount\n1,499\n", name="copy.csv"))
    # The record's categories beside the names: the handler confirms every recipient is named (C-154/21).
    response = handler_client.post(url, {"text": page.context["draft"].text, "attachment": [copy.pk], "confirm": "0"})
    assert response.status_code == 302
    email = OutboxEmail.objects.get(kind=OutboxEmail.Kind.ACCESS_ANSWER)
    assert email.recipient == "kari.nordmann@example.net" and "Deliver what the customer ordered" in email.body
    assert request.status_changes.last().changed_by == request_handler


@pytest.mark.parametrize("name", ["request_identity", "confirm_identity", "start", "extend", "refuse", "withdraw"])
def test_every_step_page_shows_its_form(handler_client, make_request, name):
    request = make_request(rights=("17",))
    page = handler_client.get(step_url(request, name))
    assert page.status_code == 200
    assert all(f'name="{field}"' in page.content.decode() for field in page.context["form"].fields)


def test_the_add_page_suggests_the_only_controller_and_the_user(handler_client, organisation, request_handler):
    page = handler_client.get(reverse("admin:requests_rightsrequest_add"))
    assert page.status_code == 200
    form = page.context["adminform"].form
    assert form.initial["organisation"] == organisation.pk and form.initial["assignee"] == request_handler.pk
    assert 'class="rr-timeline"' not in page.content.decode(), "a new request has no timeline yet"
