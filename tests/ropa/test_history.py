"""Full history: who changed what and when, and the record as it stood on any past date."""

import datetime

import time_machine
from django.urls import reverse

from ropa.completeness.signals import deferred
from ropa.history.as_of import record_as_of
from ropa.models import DataSubjectCategory, LegalBasis, ProcessingActivity, Purpose, YesNoUnknown

OSLO = datetime.timezone(datetime.timedelta(hours=1))


def at(day: str, hour: int = 12):
    return time_machine.travel(datetime.datetime.fromisoformat(day).replace(hour=hour, tzinfo=OSLO), tick=False)


def test_a_change_in_the_admin_records_the_acting_user(officer_client, privacy_officer, complete_activity):
    url = reverse("admin:ropa_processingactivity_change", args=[complete_activity.pk])
    page = officer_client.get(url)
    form = page.context["adminform"].form
    payload = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    payload.update(_inline_management(page))
    payload["name"] = "Order handling and delivery"
    response = officer_client.post(url, payload)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    latest = complete_activity.history.first()
    assert latest.history_user == privacy_officer
    assert latest.name == "Order handling and delivery"


def _inline_management(page) -> dict:
    payload = {}
    for formset in page.context.get("inline_admin_formsets", []):
        management = formset.formset.management_form
        for name in management.fields:
            payload[management.add_prefix(name)] = management[name].value()
        for form in formset.formset.forms:
            for name in form.fields:
                value = form[name].value()
                if value is not None:
                    payload[form.add_prefix(name)] = value
    return payload


def test_the_history_page_shows_what_changed(officer_client, complete_activity):
    complete_activity.department = "Customer service"
    complete_activity.save()
    page = officer_client.get(reverse("admin:ropa_processingactivity_history", args=[complete_activity.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Customer service" in content and "Web shop" in content


def test_revert_is_refused_even_when_posted(officer_client, complete_activity):
    first = complete_activity.history.last()
    complete_activity.name = "Renamed"
    complete_activity.save()
    url = reverse("admin:ropa_processingactivity_simple_history", args=[complete_activity.pk, first.history_id])
    page = officer_client.get(url)
    assert page.status_code == 200 and "Revert" not in page.content.decode()
    form = page.context["adminform"].form
    payload = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    payload.update(_inline_management(page))
    assert officer_client.post(url, payload).status_code == 403
    complete_activity.refresh_from_db()
    assert complete_activity.name == "Renamed"


def test_many_to_many_changes_are_kept(complete_activity):
    employees = DataSubjectCategory.objects.get(name="Employees")
    complete_activity.data_subject_categories.add(employees)
    latest, previous = complete_activity.history.all()[:2]
    assert employees.pk in {row.datasubjectcategory_id for row in latest.data_subject_categories.all()}
    assert employees.pk not in {row.datasubjectcategory_id for row in previous.data_subject_categories.all()}


def test_history_needs_the_history_permission(client, privacy_officer, complete_activity):
    """A role that may view activities but not their history is refused the history page."""
    from django.contrib.auth.models import Group, Permission

    from ropa.security.roles import PRIVACY_OFFICER

    Group.objects.get(name=PRIVACY_OFFICER).permissions.remove(
        Permission.objects.get(codename="view_historicalprocessingactivity"),
        Permission.objects.get(codename="change_historicalprocessingactivity"),
    )
    client.force_login(privacy_officer)
    assert client.get(reverse("admin:ropa_processingactivity_change", args=[complete_activity.pk])).status_code == 200
    assert client.get(reverse("admin:ropa_processingactivity_history", args=[complete_activity.pk])).status_code == 403


def test_the_record_as_of_a_date_shows_what_stood_then(organisation):
    """Art. 30(4): the record is made available on request, including as it stood on the date asked about."""
    customers = DataSubjectCategory.objects.get(name="Customers")
    employees = DataSubjectCategory.objects.get(name="Employees")
    with at("2026-01-10"):
        kept = ProcessingActivity.objects.create(organisation=organisation, name="Orders", department="Sales")
        kept.data_subject_categories.add(customers)
        Purpose.objects.create(activity=kept, description="Deliver orders", article6=LegalBasis.Article6.CONTRACT)
        deleted_later = ProcessingActivity.objects.create(organisation=organisation, name="Competition 2025")
    with at("2026-02-15"):
        kept.department = "Logistics"
        kept.transfers_outside_eea = YesNoUnknown.NO
        kept.save()
        kept.data_subject_categories.add(employees)
        kept.purposes.get().delete()
        deleted_later.delete()
        ProcessingActivity.objects.create(organisation=organisation, name="Loyalty club")

    january = record_as_of(datetime.date(2026, 1, 31))
    assert [snapshot.activity.name for snapshot in january.activities] == ["Competition 2025", "Orders"]
    orders = january.activities[1]
    assert orders.activity.department == "Sales"
    assert orders.links["data_subject_categories"] == [customers]
    assert [purpose.description for purpose in orders.purposes] == ["Deliver orders"]

    march = record_as_of(datetime.date(2026, 3, 1))
    assert [snapshot.activity.name for snapshot in march.activities] == ["Loyalty club", "Orders"]
    orders = march.activities[1]
    assert orders.activity.department == "Logistics"
    assert set(orders.links["data_subject_categories"]) == {customers, employees}
    assert orders.purposes == []


def test_the_end_of_a_day_is_midnight_in_oslo(organisation):
    """A change at 23:30 Oslo time belongs to that day, one at 00:30 to the next."""
    with time_machine.travel(
        datetime.datetime(2026, 5, 4, 23, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=2))), tick=False
    ):
        ProcessingActivity.objects.create(organisation=organisation, name="Late evening")
    with time_machine.travel(
        datetime.datetime(2026, 5, 5, 0, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=2))), tick=False
    ):
        ProcessingActivity.objects.create(organisation=organisation, name="Just after midnight")
    names = [snapshot.activity.name for snapshot in record_as_of(datetime.date(2026, 5, 4)).activities]
    assert names == ["Late evening"]


def test_the_record_as_of_a_date_costs_the_same_queries_for_more_activities(
    organisation, django_assert_max_num_queries
):
    def build(count: int) -> None:
        with deferred():  # completeness worked out once at the end, as an import does
            for number in range(count):
                activity = ProcessingActivity.objects.create(organisation=organisation, name=f"Activity {number}")
                activity.data_subject_categories.add(DataSubjectCategory.objects.get(name="Customers"))
                Purpose.objects.create(activity=activity, description="x", article6=LegalBasis.Article6.CONTRACT)

    build(3)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        record_as_of(datetime.date.today() + datetime.timedelta(days=1))
    build(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        snapshot = record_as_of(datetime.date.today() + datetime.timedelta(days=1))
    assert len(snapshot.activities) == 33
