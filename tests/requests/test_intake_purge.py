"""Unconfirmed web-form requests expire and are erased with their history after INTAKE_UNCONFIRMED_DAYS."""

import datetime

import pytest
import time_machine
from django.core.management import call_command

from requests.models import RequestStatistic, RightsRequest, Status
from tests.requests.intake_helpers import confirmation_link, submit
from tests.requests.test_purge import every_row_mentioning

pytestmark = pytest.mark.django_db

SENT_AT = datetime.datetime(2026, 3, 5, 14, 0, tzinfo=datetime.UTC)


def send_form(client, email: str, capture) -> RightsRequest:
    with time_machine.travel(SENT_AT, tick=False), capture(execute=True):
        submit(client, email=email, name=email.split("@")[0])
    return RightsRequest.objects.get(requester_email=email)


def purge(at: datetime.datetime, *args) -> None:
    with time_machine.travel(at, tick=False):
        call_command("purge_requests", *args)


def test_an_unconfirmed_request_is_erased_with_its_history_after_the_limit(
    client, organisation, django_capture_on_commit_callbacks,
):
    send_form(client, "never.confirmed@example.net", django_capture_on_commit_callbacks)
    assert every_row_mentioning("never.confirmed@example.net")

    purge(SENT_AT + datetime.timedelta(days=6, hours=23))
    assert RightsRequest.objects.count() == 1, "kept until the limit"

    purge(SENT_AT + datetime.timedelta(days=7, seconds=1))
    assert RightsRequest.objects.count() == 0
    assert every_row_mentioning("never.confirmed@example.net") == []
    assert every_row_mentioning("never.confirmed") == []
    assert RequestStatistic.objects.count() == 0, "it was never received, so it is no statistic"


def test_confirmed_requests_are_kept(client, organisation, django_capture_on_commit_callbacks):
    confirmed = send_form(client, "confirmed@example.net", django_capture_on_commit_callbacks)
    with time_machine.travel(SENT_AT, tick=False), django_capture_on_commit_callbacks(execute=True):
        client.post(confirmation_link(confirmed.emails.get()))
    send_form(client, "unconfirmed@example.net", django_capture_on_commit_callbacks)

    purge(SENT_AT + datetime.timedelta(days=30))
    assert list(RightsRequest.objects.values_list("requester_email", "status")) == [
        ("confirmed@example.net", Status.RECEIVED),
    ]


def test_the_limit_is_a_setting_and_a_dry_run_only_counts(
    client, organisation, settings, capsys, django_capture_on_commit_callbacks,
):
    settings.INTAKE_UNCONFIRMED_DAYS = 3
    send_form(client, "kari@example.net", django_capture_on_commit_callbacks)
    purge(SENT_AT + datetime.timedelta(days=3, hours=1), "--dry-run")
    assert "1 unconfirmed request(s) older than 3 day(s) would be erased" in capsys.readouterr().out
    assert RightsRequest.objects.count() == 1
    purge(SENT_AT + datetime.timedelta(days=3, hours=1))
    assert "1 unconfirmed request(s)" in capsys.readouterr().out
    assert RightsRequest.objects.count() == 0


def test_a_link_to_a_purged_request_says_it_has_expired(client, organisation, django_capture_on_commit_callbacks):
    request = send_form(client, "kari@example.net", django_capture_on_commit_callbacks)
    link = confirmation_link(request.emails.get())
    purge(SENT_AT + datetime.timedelta(days=8))
    response = client.get(link)
    assert response.status_code == 410
    assert 'id="intake-problem-expired"' in response.content.decode()
