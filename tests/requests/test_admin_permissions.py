"""Who may do what: request handlers work requests but never change the record; adding, deleting, files."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from requests.models import Attachment, OutboxEmail, RequestStatistic, Right, RightsRequest, Status

TODAY = datetime.date.today()
ADD = reverse("admin:requests_rightsrequest_add")
INLINE_EMPTY = {
    "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0",
    "attachments-MIN_NUM_FORMS": "0", "attachments-MAX_NUM_FORMS": "1000",
}


@pytest.fixture
def handler_client(client, request_handler):
    client.force_login(request_handler)
    return client


@pytest.fixture
def private_storage(tmp_path, monkeypatch):
    storage = FileSystemStorage(location=tmp_path)
    monkeypatch.setattr(Attachment._meta.get_field("file"), "storage", storage)
    return storage


def form_data(organisation, **overrides) -> dict:
    data = {
        "organisation": organisation.pk, "rights": [Right.objects.get(code="15").pk, Right.objects.get(code="17").pk],
        "channel": "email", "received": TODAY.isoformat(), "language": "en", "assignee": "", "message": "Erase me",
        "requester_name": "Ola Nordmann", "requester_email": "ola@example.net", "requester_phone": "",
        "requester_address": "", "customer_number": "", "search_outcome": "", **INLINE_EMPTY,
    }
    data.update(overrides)
    return data


def test_a_handler_adds_a_request_and_the_requester_gets_a_receipt(
    handler_client, organisation, request_handler, django_capture_on_commit_callbacks, mailoutbox,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = handler_client.post(ADD, form_data(organisation, assignee=request_handler.pk))
    assert response.status_code == 302
    request = RightsRequest.objects.get()
    assert request.reference == f"RR-{TODAY.year}-0001"
    assert request.status == Status.RECEIVED and request.assignee == request_handler
    assert set(request.right_codes()) == {"15", "17"}
    entry = request.status_changes.get()
    assert (entry.to_status, entry.changed_by) == (Status.RECEIVED, request_handler)
    assert request.history.first().history_user == request_handler
    assert [m.subject for m in mailoutbox] == [f"We have received your request ({request.reference})"]
    assert "Erasure (Art. 17)" in mailoutbox[0].body


def test_the_add_form_needs_one_way_to_reach_the_requester(handler_client, organisation):
    response = handler_client.post(ADD, form_data(organisation, requester_email=""))
    assert response.status_code == 200
    assert "at least one way to reach the requester" in response.content.decode()
    assert not RightsRequest.objects.exists()


def test_a_handler_edits_a_request_and_history_records_them(
    handler_client, make_request, organisation, request_handler,
):
    request = make_request()
    url = reverse("admin:requests_rightsrequest_change", args=[request.pk])
    response = handler_client.post(url, form_data(organisation, requester_name="Kari N.", search_outcome="Found"))
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.requester_name == "Kari N."
    assert request.history.first().history_user == request_handler


def test_a_handler_reads_the_record_but_cannot_change_it(handler_client, order_activity):
    change = reverse("admin:ropa_processingactivity_change", args=[order_activity.pk])
    assert handler_client.get(change).status_code == 200
    response = handler_client.post(change, {"name": "Renamed by a handler"})
    assert response.status_code == 403
    assert handler_client.get(reverse("admin:ropa_processingactivity_add")).status_code == 403
    assert handler_client.post(reverse("admin:ropa_processingactivity_delete", args=[order_activity.pk]),
                               {"post": "yes"}).status_code == 403
    order_activity.refresh_from_db()
    assert order_activity.name == "Order handling"


def test_a_handler_cannot_delete_requests(handler_client, make_request):
    request = make_request()
    response = handler_client.post(reverse("admin:requests_rightsrequest_delete", args=[request.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert RightsRequest.objects.filter(pk=request.pk).exists()


def test_the_auditor_sees_no_requests(auditor_client, make_request):
    request = make_request()
    assert auditor_client.get(reverse("admin:requests_rightsrequest_changelist")).status_code == 403
    assert auditor_client.get(reverse("admin:requests_rightsrequest_change", args=[request.pk])).status_code == 403


def test_deleting_in_the_admin_erases_the_history_too(officer_client, make_request):
    request = make_request()
    response = officer_client.post(reverse("admin:requests_rightsrequest_delete", args=[request.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not RightsRequest.objects.exists()
    assert not RightsRequest.history.filter(id=request.pk).exists()
    assert not RequestStatistic.objects.exists(), "an open request leaves no statistic"


def test_attachments_are_uploaded_privately_and_downloaded_with_permission(
    handler_client, auditor, make_request, organisation, private_storage, request_handler,
):
    request = make_request()
    url = reverse("admin:requests_rightsrequest_change", args=[request.pk])
    upload = ContentFile(b"Letter from the requester", name="letter.txt")
    data = form_data(organisation, **{
        "attachments-TOTAL_FORMS": "1", "attachments-0-file": upload, "attachments-0-description": "Letter",
    })
    assert handler_client.post(url, data).status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.uploaded_by == request_handler
    assert "letter" not in attachment.file.name, "stored under a random name"
    assert private_storage.exists(attachment.file.name)

    page = handler_client.get(url).content.decode()
    download = reverse("admin:requests_rightsrequest_attachment", args=[request.pk, attachment.pk])
    assert download in page
    response = handler_client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"Letter from the requester"
    auditor_client = Client()
    auditor_client.force_login(auditor)
    assert auditor_client.get(download).status_code in (403, 404)


def test_deleting_an_attachment_deletes_its_file(make_request, private_storage, django_capture_on_commit_callbacks):
    attachment = Attachment.objects.create(request=make_request(), file=ContentFile(b"x", name="id.png"))
    name = attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        attachment.delete()
    assert not private_storage.exists(name)


def test_the_statistics_page_counts_kept_and_purged_requests(officer_client, make_request):
    kept = make_request(received=TODAY - datetime.timedelta(days=10), rights=("15",))
    kept.move_to(Status.IN_PROGRESS)
    kept.complete("Sent a copy")
    RequestStatistic.objects.create(
        organisation=kept.organisation, month=datetime.date(2022, 5, 1), outcome=Status.REFUSED,
        on_time=False, days_to_answer=40,
    ).rights.set(Right.objects.filter(code="15"))
    response = officer_client.get(reverse("admin:requests_rightsrequest_statistics"))
    assert response.status_code == 200
    total = response.context["total"][0]
    assert (total.closed, total.completed, total.refused, total.on_time, total.late) == (2, 1, 1, 1, 1)
    assert total.median_days == (10 + 40) / 2
    assert [summary.label for summary in response.context["months"]][0] == "2022-05"
    assert [summary.label for summary in response.context["rights"]] == ["Access (Art. 15)"]
    html = response.content.decode()
    assert "Median days to answer" in html and "Kari" not in html


def test_the_outbox_shows_failures_and_retries_them(officer_client, make_request, mailoutbox):
    request = make_request()
    email = OutboxEmail.objects.create(
        request=request, kind=OutboxEmail.Kind.RECEIPT, recipient="kari@example.net", subject="Receipt",
        body="Hello", attempts=3, last_error="SMTPServerDisconnected: gone",
        next_attempt_at=timezone.now() + datetime.timedelta(minutes=4),
    )
    changelist = reverse("admin:requests_outboxemail_changelist")
    page = officer_client.get(f"{changelist}?sent=no")
    assert "SMTPServerDisconnected" in page.content.decode()
    response = officer_client.post(changelist, {"action": "send_now", "_selected_action": [email.pk]})
    assert response.status_code == 302
    assert mailoutbox == []  # the web request only cuts the back-off short; the worker sends
    call_command("send_outbox")
    email.refresh_from_db()
    assert email.is_sent and len(mailoutbox) == 1
