"""Another client's record through every page: a member of one workspace sees and changes nothing of another's.

The URLs come from the admin registry and the record's own URL patterns when the test runs (as in the role walk,
tests/security/admin_urls.py), with one real object of the demo's workspace per model; a new admin or a new page
under /record/ is covered without editing this test, and one the walk cannot open fails it. Issue 23.
"""

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.urls import get_resolver, reverse

from ropa.models import (
    DataProcessingAgreement,
    DataSubjectCategory,
    Dpia,
    Membership,
    Organisation,
    PersonalDataCategory,
    ProcessingActivity,
    Processor,
    RecipientCategory,
    Role,
    SecurityMeasure,
    System,
    Transfer,
    Workspace,
)
from ropa.workspaces.scopes import SCOPES, workspace_id_of
from tests.security.admin_urls import admin_urls

ROLES = (Role.OFFICER, Role.AUDITOR, Role.HANDLER)
OTHER = "Another client"
# The record's pages outside the admin that open one object, and the public pages anyone may read by design.
RECORD_OBJECT_PAGES = {"dpa_document": DataProcessingAgreement, "dpia_document": Dpia, "tia_document": Transfer}
RECORD_PAGES = {"dashboard", "deadlines"}
PUBLIC_PREFIX = "privacy_notice"


@pytest.fixture
def walk(walk_data_for_the_class, db):
    data = walk_data_for_the_class
    urls, skipped = admin_urls(data)
    assert not skipped, "Admin URLs not walked:\n" + "\n".join(skipped)
    return data, urls


@pytest.fixture
def strangers(walk) -> dict[str, User]:
    """One person per role in a second client's workspace, which holds a controller of its own."""
    other = Workspace.objects.create(name=OTHER)
    Organisation.objects.create(name="Another client AS", workspace=other, email="post@another.example")
    people = {}
    for role in ROLES:
        user = User.objects.create_user(
            f"stranger-{role}", f"{role}@another.example", "a-long-test-password", is_staff=True,
        )
        Membership.objects.create(user=user, workspace=other, role=role)
        people[role] = user
    return people


def markers() -> set[str]:
    """Names only the demo's workspace holds: a page that shows one to a stranger shows that client's record."""
    names: set[str] = set()
    names.update(Organisation.objects.exclude(workspace__name=OTHER).values_list("name", flat=True))
    names.update(Processor.objects.exclude(workspace__name=OTHER).values_list("name", flat=True))
    names.update(System.objects.exclude(workspace__name=OTHER).values_list("name", flat=True))
    names.update(ProcessingActivity.objects.exclude(organisation__workspace__name=OTHER).values_list("name", flat=True))
    shared = set()
    for model in (DataSubjectCategory, PersonalDataCategory, RecipientCategory, SecurityMeasure):
        for entry in model.objects.filter(workspace__isnull=True):
            shared.update(filter(None, (entry.name, entry.name_nb, entry.name_sv)))
    # Shared vocabulary is everyone's to read; "Microsoft 365" is also the example in the processor name's help.
    return {name for name in names if len(name) > 8} - shared - {"Microsoft 365"}


def record_urls(data) -> list[str]:
    """Every named page of the record's own URLs, opened with the demo workspace's object where it takes one."""
    ropa_urls = get_resolver().namespace_dict["ropa"][1]
    urls = []
    for name in sorted(name for name in ropa_urls.reverse_dict if isinstance(name, str)):
        if name in RECORD_OBJECT_PAGES:
            model = RECORD_OBJECT_PAGES[name]
            instance = data.get(model) or model.objects.first()
            urls.append(reverse(f"ropa:{name}", args=[instance.pk]))
        elif name in RECORD_PAGES:
            urls.append(reverse(f"ropa:{name}"))
        else:
            assert name.startswith(PUBLIC_PREFIX), f"ropa:{name} is neither walked here nor a public page"
    return urls


def opens_an_object(url) -> bool:
    """A page of one object of the demo's workspace (shared vocabulary, which every workspace reads, left out)."""
    if f"{url.app_label}.{url.model}" not in SCOPES or not any(part.isdigit() for part in url.url.split("/")):
        return False
    model = apps.get_model(url.app_label, url.model)
    walked = model._default_manager.order_by("pk").first()
    return walked is not None and workspace_id_of(walked) is not None


class TestTheStrangersWalk:
    """Walks over every admin page, with the demo and one object of every model loaded once for them all."""

    def test_a_stranger_sees_nothing_of_another_workspace_on_any_page(self, walk, client, strangers):
        data, urls = walk
        leaks = markers()
        assert len(leaks) > 20  # the demo's controllers, processors, systems and activities
        pages = [url.url for url in urls] + record_urls(data)
        found = []
        for role, user in strangers.items():
            client.force_login(user)
            for url in pages:
                response = client.get(url)
                if response.status_code != 200:
                    continue
                if not response.get("Content-Type", "").startswith("text/html"):
                    found.append(f"{role}: {url} answers a file")
                    continue
                body = response.content.decode()
                shown = sorted(name for name in leaks if name in body)
                if shown:
                    found.append(f"{role}: {url} shows {shown[:3]}")
            client.logout()
        assert found == [], "\n".join(found)

    def test_another_workspaces_object_is_not_found_never_forbidden(self, walk, client, strangers):
        """Change, delete, history and every custom page of an object answer a stranger exactly as they answer for an
        id that was never used (not found, or forbidden to the role whatever the id), so nothing confirms that the
        object exists; and never show it."""
        _data, urls = walk
        wrong = []
        for user in strangers.values():
            client.force_login(user)
            for url in filter(opens_an_object, urls):
                response = client.get(url.url)
                unused = client.get(with_unused_id(url.url))
                if response.status_code == 200 or response.status_code != unused.status_code:
                    wrong.append(f"{user.username}: {url} → {response.status_code}, unused id → {unused.status_code}")
            client.logout()
        assert wrong == []

    def test_a_stranger_changes_nothing_by_posting_to_another_workspaces_pages(self, walk, client, strangers):
        _data, urls = walk
        history_models = [model for model in apps.get_models() if model.__name__.startswith("Historical")]
        before = {model: model.objects.count() for model in history_models}
        client.force_login(strangers[Role.OFFICER])
        for url in filter(opens_an_object, urls):
            client.post(url.url, {"post": "yes", "name": "Taken over", "title": "Taken over", "_save": "Save"})
        changed = {
            model.__name__: (before[model], count) for model in history_models
            if (count := model.objects.count()) != before[model]
        }
        assert changed == {}


def with_unused_id(url: str) -> str:
    """The same URL with its first id replaced by one no row has."""
    parts = url.split("/")
    first = next(index for index, part in enumerate(parts) if part.isdigit())
    parts[first] = "987654321"
    return "/".join(parts)

