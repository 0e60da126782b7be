"""`purge_requests`: closed requests past retention leave nothing that names the requester, in any table."""

import datetime

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.db import connection

from requests import services
from requests.models import Attachment, RefusalGround, RequestStatistic, RightsRequest, Status
from requests.purge import retention_cutoff

TODAY = datetime.date.today()
YEARS_AGO_4 = TODAY - datetime.timedelta(days=4 * 366)
YEARS_AGO_2 = TODAY - datetime.timedelta(days=2 * 365)
PERSONAL_DATA = ["Kari Nordmann", "kari.nordmann@example.net", "912 34 567", "Solveien 7", "C-7731"]


@pytest.fixture
def private_storage(tmp_path, monkeypatch):
    storage = FileSystemStorage(location=tmp_path)
    monkeypatch.setattr(Attachment._meta.get_field("file"), "storage", storage)
    return storage


def every_row_mentioning(needle: str) -> list[str]:
    """Scan every table in the database, history tables and the admin log included."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 (table names from introspection)
            found += [table for row in cursor.fetchall() if needle.lower() in repr(row).lower()]
    return found


def kari_request(make_request, order_activity, privacy_officer, private_storage) -> RightsRequest:
    """A request worked the full way, leaving Kari's data on every table it can reach."""
    request = make_request(
        rights=("15", "17"), received=YEARS_AGO_4, language="en", requester_phone="+47 912 34 567",
        requester_address="Solveien 7, 0123 Oslo", customer_number="C-7731",
        message="Hi, this is Kari Nordmann, customer C-7731. Please erase my data.",
    )
    request._history_user = privacy_officer
    request.searched_activities.add(order_activity)
    request.found_activities.add(order_activity)
    request.searched_systems.add(*order_activity.systems.all())
    request.requester_name = "Kari Nordmann (née Hansen)"
    request.save()
    request.requester_name = "Kari Nordmann"
    request.save()
    services.acknowledge(request)
    request.request_identity(by=privacy_officer, comment="Asked Kari Nordmann for her order number", today=YEARS_AGO_4)
    request.confirm_identity(
        RightsRequest.IdentityMethod.CUSTOMER_DETAILS, on=YEARS_AGO_4, by=privacy_officer,
        comment="Kari Nordmann gave order 55-1234",
    )
    Attachment.objects.create(
        request=request, description="Letter from Kari Nordmann",
        file=ContentFile(b"Kari Nordmann, Solveien 7", name="kari-nordmann.txt"),
    )
    services.refuse(
        request, RefusalGround.LEGAL_OBLIGATION, "Kari Nordmann's invoices are kept under bokføringsloven § 13.",
        complaint_right_told=True, by=privacy_officer,
    )
    request.closed_on = YEARS_AGO_4 + datetime.timedelta(days=20)
    request.save()
    LogEntry.objects.create(
        user=privacy_officer, content_type=ContentType.objects.get_for_model(RightsRequest),
        object_id=str(request.pk), object_repr="Kari Nordmann", action_flag=CHANGE, change_message="[]",
    )
    return request


def test_the_purge_leaves_no_personal_data_in_any_table(
    make_request, order_activity, privacy_officer, private_storage, django_capture_on_commit_callbacks,
):
    request = kari_request(make_request, order_activity, privacy_officer, private_storage)
    stored_file = Attachment.objects.get().file.name
    for needle in PERSONAL_DATA:
        assert every_row_mentioning(needle), f"the fixture should have spread {needle!r}"
    history_tables = {"requests_historicalrightsrequest", "requests_historicalstatuschange",
                      "requests_historicalattachment", "requests_historicaloutboxemail"}
    assert history_tables <= set(every_row_mentioning("Kari Nordmann"))

    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_requests")

    for needle in PERSONAL_DATA:
        assert every_row_mentioning(needle) == [], needle
    assert every_row_mentioning(request.reference) == []
    assert not RightsRequest.history.model.objects.filter(id=request.pk).exists()
    m2m_history = [relation.related_model for relation in RightsRequest.history.model._meta.related_objects]
    assert len(m2m_history) == 4  # rights, activities searched, activities where data was found, systems
    assert not any(model.objects.exists() for model in m2m_history)
    assert not private_storage.exists(stored_file)


def test_the_purge_keeps_anonymous_statistics(make_request, order_activity, privacy_officer, private_storage):
    request = kari_request(make_request, order_activity, privacy_officer, private_storage)
    deadline = request.deadline
    call_command("purge_requests")
    statistic = RequestStatistic.objects.get()
    assert statistic.month == YEARS_AGO_4.replace(day=1)
    assert statistic.outcome == Status.REFUSED
    assert set(statistic.rights.values_list("code", flat=True)) == {"15", "17"}
    assert statistic.days_to_answer == 20
    assert statistic.on_time == (request.closed_on <= deadline)


def test_it_keeps_requests_inside_the_retention_period_and_open_ones(make_request, capsys):
    old_open = make_request(received=YEARS_AGO_4)
    recent = make_request(received=YEARS_AGO_2)
    recent.withdraw(today=YEARS_AGO_2 + datetime.timedelta(days=1))
    call_command("purge_requests")
    assert set(RightsRequest.objects.all()) == {old_open, recent}
    assert "0 request(s)" in capsys.readouterr().out


def test_the_retention_is_a_setting(make_request, settings):
    """Three years after closing by default; RIGHTS_REQUEST_RETENTION_YEARS changes it."""
    request = make_request(received=YEARS_AGO_4)
    request.withdraw(today=YEARS_AGO_4 + datetime.timedelta(days=2))
    settings.RIGHTS_REQUEST_RETENTION_YEARS = 5
    call_command("purge_requests")
    assert RightsRequest.objects.filter(pk=request.pk).exists()
    settings.RIGHTS_REQUEST_RETENTION_YEARS = 3
    call_command("purge_requests")
    assert not RightsRequest.objects.filter(pk=request.pk).exists()


def test_the_cutoff_is_exactly_the_retention_after_closing():
    assert retention_cutoff(datetime.date(2026, 5, 1), years=3) == datetime.date(2023, 5, 1)
    assert retention_cutoff(datetime.date(2028, 2, 29), years=3) == datetime.date(2025, 2, 28)


def test_a_dry_run_erases_nothing(make_request, capsys):
    request = make_request(received=YEARS_AGO_4)
    request.withdraw(today=YEARS_AGO_4 + datetime.timedelta(days=2))
    call_command("purge_requests", "--dry-run")
    assert RightsRequest.objects.filter(pk=request.pk).exists()
    assert "1 request(s)" in capsys.readouterr().out


def test_a_large_purge_runs_in_batches(make_request):
    for _ in range(5):
        make_request(received=YEARS_AGO_4).withdraw(today=YEARS_AGO_4 + datetime.timedelta(days=2))
    from requests.purge import purge_expired_requests

    assert purge_expired_requests(batch_size=2) == 5
    assert RequestStatistic.objects.count() == 5
    assert not RightsRequest.objects.exists()
