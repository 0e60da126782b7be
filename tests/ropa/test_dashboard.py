"""The dashboard: each count links to the admin list that shows exactly those rows; the data map marks flows
leaving the EEA (Arts. 44–49); the page costs the same number of queries however large the record."""

import datetime

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from requests.models import RightsRequest
from ropa.completeness.signals import deferred
from ropa.dashboard.counts import attention_items
from ropa.models import (
    DpiaScreening,
    ListedProcessing,
    Organisation,
    ProcessingActivity,
    ProcessorUse,
    System,
    Transfer,
)
from tests.ropa.processor_helpers import days, make_agreement, make_processor

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("ropa:dashboard")


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _overdue_request(organisation) -> RightsRequest:
    """Art. 12(3): received two months ago, not answered, so past its one-month deadline."""
    request = RightsRequest(organisation=organisation, received=days(-62), requester_name="Kari Nordmann",
                            requester_email="kari@example.net")
    request.save()
    return request


def _record(organisation, size: int, start: int = 0) -> None:
    """`size` activities, each on a system whose vendor is a processor working in Ireland and the US, with a
    transfer to the US under SCCs and one without a safeguard. The completeness facts are worked out once at the
    end (as the demo and the import do)."""
    with deferred():
        for n in range(start, start + size):
            _one_activity(organisation, n)


def _one_activity(organisation, n: int) -> None:
    processor = make_processor(f"Cloud {n}", countries=["IE", "US"])
    system = System.objects.create(name=f"Platform {n}", vendor=processor.organisation, location="IE")
    activity = ProcessingActivity.objects.create(organisation=organisation, name=f"Activity {n}",
                                                 next_review=days(-1))
    activity.systems.add(system)
    ProcessorUse.objects.create(activity=activity, processor=processor)
    if n % 2:
        make_agreement(processor, ends_on=days(30))
    Transfer.objects.create(activity=activity, processor=processor, destination_country="US",
                            tool=Transfer.Tool.SCC, scc_module="2")
    Transfer.objects.create(activity=activity, destination_country="IN")
    DpiaScreening.objects.create(activity=activity, listed_processing=[ListedProcessing.EMPLOYEE_MONITORING])


def _by_label(user) -> dict[str, object]:
    return {str(item.label): item for item in attention_items(user)}


def test_the_index_page_shows_what_needs_attention_above_the_apps(officer_client, organisation):
    _overdue_request(organisation)
    content = officer_client.get(reverse("admin:index")).content.decode()
    assert content.index('id="ropa-attention"') < content.index('id="content-main"')
    assert '<a href="/admin/requests/rightsrequest/?due=overdue">1</a>' in content
    assert f'href="{DASHBOARD}"' in content


def test_every_count_is_the_number_of_rows_its_link_shows(officer_client, privacy_officer, organisation):
    """A count a privacy officer clicks must lead to exactly the rows it counted."""
    _record(organisation, 3)
    _overdue_request(organisation)
    items = attention_items(privacy_officer)
    assert len(items) >= 15
    for item in items:
        response = officer_client.get(item.url)
        assert response.status_code == 200, item.url
        assert response.context["cl"].result_count == item.count, item.label


def test_the_counts_name_the_duties_with_their_numbers(privacy_officer, organisation):
    _record(organisation, 4)
    _overdue_request(organisation)
    items = _by_label(privacy_officer)
    assert items["Overdue (Art. 12(3))"].count == 1
    assert items["DPIA required but missing (Art. 35(1))"].count == 4
    assert items["Review overdue"].count == 4
    assert items["Processors without an agreement in force: Missing"].count == 2
    assert items["Agreements ending within 60 days"].count == 2
    assert items["Transfers without a valid safeguard (Arts. 44–49)"].count == 4


def test_each_role_sees_only_the_counts_it_may_open(auditor, request_handler, organisation):
    """The auditor reads the record, not the requests; the request handler does not see breaches."""
    assert "Overdue (Art. 12(3))" not in _by_label(auditor)
    assert "Review overdue" in _by_label(auditor)
    assert "Overdue (Art. 12(3))" in _by_label(request_handler)
    assert not any("72-hour" in label for label in _by_label(request_handler))


def _breach(organisation, title: str, hours_ago: float, **decision):
    """A breach we became aware of `hours_ago` hours ago; with `decision`, notified or decided not to notify."""
    from ropa.breaches.models import Breach

    aware = timezone.now() - datetime.timedelta(hours=hours_ago)
    if decision.get("notified_at") is True:
        decision["notified_at"] = aware + datetime.timedelta(hours=1)
    breach = Breach(organisation=organisation, title=title, description="What happened.", aware_at=aware, **decision)
    breach.full_clean()
    breach.save()
    return breach


NOTIFIED = {"status": "notified", "risk": "risk", "risk_assessment": "Contact details only.", "notified_at": True}
NOT_NOTIFIED = {"status": "not_notified", "risk": "unlikely", "risk_assessment": "Encrypted disk.",
                "not_notified_reason": "The key was not lost."}


@pytest.mark.skipif(not apps.is_installed("ropa.breaches"), reason="the breach register is not installed")
def test_breaches_with_the_72_hour_clock_running_are_counted(officer_client, privacy_officer, organisation):
    """Art. 33(1): a breach still being assessed counts while its 72 hours run and after they have run out; one
    notified, or decided not to be notified, does not. The count links to exactly those breaches."""
    _breach(organisation, "Running", 10)
    _breach(organisation, "Overdue", 80)
    _breach(organisation, "Notified", 30, **NOTIFIED)
    _breach(organisation, "Not notified", 20, **NOT_NOTIFIED)
    closed = _breach(organisation, "Closed", 200, **NOTIFIED)
    closed.status, closed.consequences, closed.measures_taken = "closed", "None known.", "Remote wipe."
    closed.full_clean()
    closed.save()

    item = _by_label(privacy_officer)["72-hour clock running (Art. 33(1))"]
    assert item.count == 2
    assert item.url == "/admin/breaches/breach/?clock=running"
    index = officer_client.get(reverse("admin:index")).content.decode()
    assert '<a href="/admin/breaches/breach/?clock=running">2</a>' in index
    listed = officer_client.get(item.url).context["cl"].result_list
    assert sorted(breach.title for breach in listed) == ["Overdue", "Running"]


def test_the_data_map_marks_the_flows_that_leave_the_eea(officer_client, organisation):
    """Art. 44: Ireland is inside the EEA, the United States and India are not."""
    _record(organisation, 1)
    page = officer_client.get(DASHBOARD).content.decode()
    content = page[page.index('id="ropa-data-map"'):]
    assert "<svg" in content and "<script" not in content and "style=" not in content
    assert content.count('class="ropa-outside-eea"') == 2
    # The processor works in the US (its SCC transfer is the same flow, drawn once); the activity sends data to India.
    assert content.count('class="ropa-leaves-eea"') == 2
    assert "United States of America (US)" in content and "Ireland (IE)" in content
    assert "Activity 0" in content and "Platform 0" in content and "Cloud 0" in content
    assert "data leaves the EEA" in content


def test_names_in_the_data_map_and_the_counts_are_text(officer_client, organisation):
    """The SVG and the tables print names escaped: a name is never markup in the officer's browser (issue 16.1)."""
    activity = ProcessingActivity.objects.create(organisation=organisation, name='<b id="x">A</b>')
    activity.systems.add(System.objects.create(name='</text><script>alert(1)</script>', location="NO"))
    page = officer_client.get(DASHBOARD).content.decode()
    assert '<b id="x">' not in page and "<script>alert" not in page
    assert "&lt;b id=&quot;x&quot;&gt;A&lt;/b&gt;" in page and "&lt;/text&gt;&lt;script&gt;" in page


def test_a_controller_inside_the_eea_is_not_flagged(officer_client, organisation):
    activity = ProcessingActivity.objects.create(organisation=organisation, name="Bookkeeping")
    activity.systems.add(System.objects.create(name="Tripletex", location="NO"))
    content = officer_client.get(DASHBOARD).content.decode()
    assert "Norway (NO)" in content
    assert "ropa-outside-eea" not in content and "data leaves the EEA" not in content


def _controller_with_work(name: str, size: int, start: int) -> Organisation:
    """A controller with `size` activities (each with its system, processor and transfers), an overdue request
    and, when the register is installed, a breach being assessed and one notified."""
    controller = Organisation.objects.create(name=name, country="NO")
    _record(controller, size, start)
    _overdue_request(controller)
    if apps.is_installed("ropa.breaches"):
        _breach(controller, f"Lost laptop at {name}", 10)
        _breach(controller, f"Wrong recipient at {name}", 30, **NOTIFIED)
    return controller


def test_the_dashboard_costs_the_same_queries_however_large_the_record(officer_client, django_assert_num_queries):
    """Queries, not time: the same count for one controller with one of everything as for four with many."""
    _controller_with_work("Small AS", 1, start=0)
    officer_client.get(DASHBOARD)  # the first read of the day works out completeness; both runs below are later
    with CaptureQueriesContext(connection) as small:
        assert officer_client.get(DASHBOARD).status_code == 200
    for n, name in enumerate(["Second AS", "Third AB", "Fourth Oy"]):
        _controller_with_work(name, 8, start=10 + 10 * n)
    with django_assert_num_queries(len(small)):
        response = officer_client.get(DASHBOARD)
    content = response.content.decode()
    # One box per activity, system and processor, and one for each of Ireland, the US and India, per controller.
    assert content.count("<rect") == (3 * 1 + 3) + 3 * (3 * 8 + 3)
    assert content.count('class="ropa-data-map"') == 4
    assert '<a href="/admin/requests/rightsrequest/?due=overdue">4</a>' in content


def test_the_index_page_costs_the_same_queries_however_large_the_record(
    officer_client, organisation, django_assert_max_num_queries
):
    _record(organisation, 2)
    with django_assert_max_num_queries(25) as small:
        officer_client.get(reverse("admin:index"))
    _record(organisation, 30, start=2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        officer_client.get(reverse("admin:index"))


def test_visitors_outside_the_admin_are_sent_to_log_in(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_review_due_today_is_not_overdue(privacy_officer, organisation):
    ProcessingActivity.objects.create(organisation=organisation, name="Today", next_review=datetime.date.today())
    assert _by_label(privacy_officer)["Review overdue"].count == 0
