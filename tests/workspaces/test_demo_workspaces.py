"""The demo as a host would keep five clients (issue 23): each company in a workspace of its own, its privacy
officer a member of that workspace only, and `demo_login --all` printing every demo login."""

import io

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import translation

from requests.models import RightsRequest
from ropa.demo import COMPANIES, OFFICERS, load_demo
from ropa.models import Membership, Organisation, ProcessingActivity, Processor, Role, System, Workspace
from ropa.workspaces.access import is_operator

pytestmark = pytest.mark.django_db

CHANGELISTS = {
    ProcessingActivity: "/admin/ropa/processingactivity/",
    Processor: "/admin/ropa/processor/",
    RightsRequest: "/admin/requests/rightsrequest/",
}


def _controller(company) -> Organisation:
    return Organisation.objects.get(name=company.organisation.name, role=Organisation.Role.CONTROLLER)


def _own(model, workspace: Workspace) -> set[int]:
    path = "workspace" if model is Processor else "organisation__workspace"
    return set(model.objects.filter(**{path: workspace}).values_list("pk", flat=True))


class TestTheDemoWorkspaces:
    """Tests that read the demo as one load wrote it (loaded once for the class: tests/conftest.py)."""

    def test_each_company_is_a_workspace_with_one_officer_who_sees_only_that_company(self, demo_for_the_class, client):
        # A rights request to each company, which the demo itself leaves out: the request handler's list is scoped too.
        for company in COMPANIES:
            RightsRequest.objects.create(
                organisation=_controller(company), requester_name=f"Kari {company.organisation.name}",
                requester_email="kari@example.net",
            )
        workspaces = {company.organisation.name: _controller(company).workspace for company in COMPANIES}
        assert len(set(workspaces.values())) == len(COMPANIES) == Workspace.objects.count()
        # Two shops use Klarna: one Klarna each, so one shop's agreement never covers the other (Art. 28(3)).
        assert Processor.objects.filter(name="Klarna").values("workspace").distinct().count() == 2
        # A company's systems are its own rows, and its activities name only those.
        for activity in ProcessingActivity.objects.prefetch_related("systems").select_related("organisation"):
            assert {system.workspace_id for system in activity.systems.all()} <= {activity.organisation.workspace_id}

        for company in COMPANIES:
            name = company.organisation.name
            workspace = workspaces[name]
            officer = User.objects.get(username=OFFICERS[name])
            assert list(Membership.objects.filter(user=officer).values_list("workspace", "role")) == [
                (workspace.pk, Role.OFFICER),
            ]
            assert officer.is_staff and not is_operator(officer)
            client.force_login(officer)
            for model, url in CHANGELISTS.items():
                own = _own(model, workspace)
                # Selby AS names no processor in its policy: its officer's processor list is empty, not the others'.
                assert own or (model is Processor and name == "Selby AS"), f"{name} has no {model.__name__} in the demo"
                response = client.get(url)
                assert response.status_code == 200
                assert set(response.context["cl"].queryset.values_list("pk", flat=True)) == own, (name, url)
                # Another company's object is not found, never forbidden: its history is a 404, and its page answers
                # exactly as for an id never used (Django's admin sends a missing object back to the index).
                other = model.objects.exclude(pk__in=own).order_by("pk").first()
                assert client.get(f"{url}{other.pk}/history/").status_code == 404, (name, url)
                never_used = client.get(f"{url}999999/change/")
                answer = client.get(f"{url}{other.pk}/change/")
                seen = (answer.status_code, answer.get("Location"))
                assert seen == (never_used.status_code, never_used.get("Location"))
                assert answer.status_code in (302, 404), (name, url)
                if own:
                    assert client.get(f"{url}{min(own)}/change/").status_code == 200, (name, url)
                    assert client.get(f"{url}{min(own)}/history/").status_code == 200, (name, url)
            other_system = System.objects.exclude(workspace=workspace).first()
            assert client.get(f"/admin/ropa/system/{other_system.pk}/history/").status_code == 404
            client.logout()

    def test_a_second_run_adds_no_workspace_officer_or_membership(self, demo_for_the_class):
        counts = (Workspace.objects.count(), User.objects.count(), Membership.objects.count(),
                  Membership.history.count())
        load_demo()
        assert (Workspace.objects.count(), User.objects.count(), Membership.objects.count(),
                Membership.history.count()) == counts == (5, 5, 5, 5)

    def test_demo_login_all_prints_every_demo_login_and_each_works(self, demo_for_the_class, settings, rf):
        settings.DEBUG = True
        out = io.StringIO()
        with translation.override("en"):
            call_command("demo_login", "--all", stdout=out)
        text = out.getvalue()
        listed = text.split("(user name, password, company, role):")[1].strip().splitlines()
        logins = {}
        for line in listed:
            username, password, rest = line.split(maxsplit=2)
            logins[username] = (password, rest)
        assert set(logins) == {"personvernombud", *OFFICERS.values()}
        assert len(logins) == 6
        for username, (password, rest) in logins.items():
            user = authenticate(rf.post("/admin/login/"), username=username, password=password)
            assert user is not None and user.is_staff, username
            if username == "personvernombud":
                assert is_operator(user)
                continue
            company = next(name for name, officer in OFFICERS.items() if officer == username)
            assert rest == f"{company}  (Privacy officer)"
            assert not is_operator(user)
        # The operator's password in the list is the one printed above it, as `make run` prints it.
        assert f"password:  {logins['personvernombud'][0]}" in text


def test_demo_login_all_before_load_demo_says_to_run_it(settings):
    settings.DEBUG = True
    out = io.StringIO()
    with translation.override("en"):
        call_command("demo_login", "--all", stdout=out)
    assert "run manage.py load_demo first" in out.getvalue()
