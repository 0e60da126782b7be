"""One overview of every running deadline across a person's workspaces, each row naming its company (issue 23):
a consultant who is privacy officer for two clients sees both clients' open requests (Art. 12(3)) and running
72-hour clocks (Art. 33(1)) on one page, never a third client's, and a request handler never sees a breach."""

import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from requests.models import RightsRequest
from ropa.breaches.models import Breach
from ropa.models import Membership, Organisation, Role, Workspace

pytestmark = pytest.mark.django_db

PAGE = reverse("ropa:deadlines")


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def companies(db) -> dict[str, Organisation]:
    """Three clients of the host, each a workspace with one controller."""
    result = {}
    for client_name, company in (("Fjord", "Fjordfisk AS"), ("Skog", "Skogstrøm AB"), ("Tredje", "Tredjemann ASA")):
        workspace = Workspace.objects.create(name=f"{client_name} client")
        result[client_name] = Organisation.objects.create(
            name=company, workspace=workspace, country="NO", email=f"post@{client_name.lower()}.example",
        )
    return result


def person(username: str, *memberships: tuple[Organisation, str]) -> User:
    user = User.objects.create_user(username, f"{username}@example.com", "a-long-test-password", is_staff=True)
    for organisation, role in memberships:
        Membership.objects.create(user=user, workspace=organisation.workspace, role=role)
    return user


def request_for(organisation: Organisation, received_days_ago: int) -> RightsRequest:
    """Art. 12(3): one month from receipt; received 40 days ago it is overdue, received today it is not."""
    request = RightsRequest(organisation=organisation, requester_name="Kari Nordmann",
                            requester_email="kari@example.net",
                            received=timezone.localdate() - datetime.timedelta(days=received_days_ago))
    request.save()
    return request


def breach_for(organisation: Organisation, aware_hours_ago: int, title: str = "Lost laptop") -> Breach:
    """Art. 33(1): 72 hours from awareness; aware 10 hours ago, 62 are left."""
    breach = Breach(organisation=organisation, title=title, description="A laptop was left on the train.",
                    aware_at=timezone.now() - datetime.timedelta(hours=aware_hours_ago))
    breach.full_clean()
    breach.save()
    return breach


def rows_of(client, user) -> list[list[str]]:
    """The table's rows as the person reads them: company, workspace, kind, case, due, time left."""
    client.force_login(user)
    response = client.get(PAGE)
    assert response.status_code == 200
    body = response.content.decode()
    start = body.index('id="ropa-running-deadlines"')
    table = body[start:body.index("</table>", start)]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in rows]


def test_a_consultant_sees_both_clients_deadlines_each_naming_its_company_and_nothing_of_a_third(client, companies):
    fjord, skog, third = companies["Fjord"], companies["Skog"], companies["Tredje"]
    consultant = person("consultant", (fjord, Role.OFFICER), (skog, Role.OFFICER))
    late = request_for(fjord, received_days_ago=40)
    fresh = request_for(skog, received_days_ago=0)
    clock = breach_for(skog, aware_hours_ago=10, title="Phished mailbox")
    request_for(third, received_days_ago=40)
    breach_for(third, aware_hours_ago=80, title="Stolen backup tape")

    rows = rows_of(client, consultant)

    assert rows == [
        ["Fjordfisk AS", "Fjord client", "Rights request (Art. 12(3))", late.reference, late.deadline.isoformat(),
         f"{-late.days_left()} days overdue"],
        ["Skogstrøm AB", "Skog client", "Breach notification (Art. 33(1))", "Phished mailbox",
         f"{timezone.localtime(clock.notification_deadline):%Y-%m-%d %H:%M}", "61 h left"],
        ["Skogstrøm AB", "Skog client", "Rights request (Art. 12(3))", fresh.reference, fresh.deadline.isoformat(),
         f"{fresh.days_left()} days left"],
    ]
    body = client.get(PAGE).content.decode()
    assert "Tredjemann" not in body and "Stolen backup tape" not in body and "Tredje client" not in body
    assert f'href="{reverse("admin:requests_rightsrequest_change", args=[late.pk])}"' in body
    assert f'href="{reverse("admin:breaches_breach_change", args=[clock.pk])}"' in body


def test_overdue_rows_come_first_the_longest_overdue_on_top_whatever_their_kind(client, companies):
    fjord = companies["Fjord"]
    officer = person("officer", (fjord, Role.OFFICER))
    request_for(fjord, received_days_ago=0)
    breach_for(fjord, aware_hours_ago=80, title="Stolen backup tape")
    breach_for(fjord, aware_hours_ago=1, title="Phished mailbox")
    late = request_for(fjord, received_days_ago=40)

    rows = [(row[3], row[5]) for row in rows_of(client, officer)]

    assert rows[:3] == [
        (late.reference, f"{-late.days_left()} days overdue"),
        ("Stolen backup tape", "8 h overdue"),
        ("Phished mailbox", "70 h left"),
    ]
    assert rows[3][1].endswith("days left")


def test_stopped_clocks_and_closed_requests_are_not_running(client, companies):
    fjord = companies["Fjord"]
    officer = person("officer", (fjord, Role.OFFICER))
    breach = breach_for(fjord, aware_hours_ago=10)
    breach.notified_at = timezone.now()
    breach.save()
    request_for(fjord, received_days_ago=40).withdraw()

    client.force_login(officer)
    assert "No deadline is running." in client.get(PAGE).content.decode()


def test_a_request_handler_sees_requests_but_no_breach(client, companies):
    fjord = companies["Fjord"]
    handler = person("handler", (fjord, Role.HANDLER))
    request = request_for(fjord, received_days_ago=3)
    breach_for(fjord, aware_hours_ago=10, title="Phished mailbox")

    rows = rows_of(client, handler)

    assert [row[3] for row in rows] == [request.reference]
    assert "Phished mailbox" not in client.get(PAGE).content.decode()


def test_roles_count_workspace_by_workspace(client, companies):
    """Request handler for one client and privacy officer for another: that client's breaches only."""
    fjord, skog = companies["Fjord"], companies["Skog"]
    consultant = person("consultant", (fjord, Role.HANDLER), (skog, Role.OFFICER))
    request_for(fjord, received_days_ago=3)
    request_for(skog, received_days_ago=3)
    breach_for(fjord, aware_hours_ago=10, title="Phished mailbox")
    breach_for(skog, aware_hours_ago=10, title="Stolen backup tape")

    rows = sorted((row[0], row[2]) for row in rows_of(client, consultant))

    assert rows == [
        ("Fjordfisk AS", "Rights request (Art. 12(3))"),
        ("Skogstrøm AB", "Breach notification (Art. 33(1))"),
        ("Skogstrøm AB", "Rights request (Art. 12(3))"),
    ]


def test_an_operator_sees_every_workspace(client, companies):
    operator = User.objects.create_superuser("operator", "operator@example.com", "a-long-test-password")
    for organisation in companies.values():
        request_for(organisation, received_days_ago=1)

    assert sorted(row[0] for row in rows_of(client, operator)) == ["Fjordfisk AS", "Skogstrøm AB", "Tredjemann ASA"]


def test_the_dashboard_and_the_index_link_to_the_overview(client, companies):
    fjord = companies["Fjord"]
    officer = person("officer", (fjord, Role.OFFICER))
    request_for(fjord, received_days_ago=40)
    client.force_login(officer)

    assert f'href="{PAGE}"' in client.get(reverse("ropa:dashboard")).content.decode()
    assert f'href="{PAGE}"' in client.get(reverse("admin:index")).content.decode()


def test_the_page_costs_the_same_queries_for_one_row_as_for_twenty(client, companies, django_assert_max_num_queries):
    fjord, skog = companies["Fjord"], companies["Skog"]
    consultant = person("consultant", (fjord, Role.OFFICER), (skog, Role.OFFICER))
    request_for(fjord, received_days_ago=40)
    with CaptureQueriesContext(connection) as one_row:
        assert len(rows_of(client, consultant)) == 1
    for n in range(9):
        request_for(skog, received_days_ago=n)
        breach_for(fjord if n % 2 else skog, aware_hours_ago=n, title=f"Breach {n}")
    breach_for(skog, aware_hours_ago=90, title="Overdue breach")

    with django_assert_max_num_queries(len(one_row)):
        assert len(rows_of(client, consultant)) == 20
