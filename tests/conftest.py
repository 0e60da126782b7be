"""Shared fixtures: a demo controller, a complete activity, and one user per role."""

import contextlib
import datetime
import os
import shutil

import pytest
from django.contrib.auth.models import User

from ropa.models import (
    DataSubjectCategory,
    LegalBasis,
    Membership,
    Organisation,
    PersonalDataCategory,
    ProcessingActivity,
    Purpose,
    RecipientCategory,
    RetentionRule,
    Role,
    SecurityMeasure,
    Workspace,
    YesNoUnknown,
)
from ropa.security.roles import AUDITOR, PRIVACY_OFFICER, REQUEST_HANDLER


def pytest_configure(config):
    """Hash test passwords with a fast hasher: PBKDF2's 1,000,000 rounds cost 0.4 s a user on the 2-core CI machine.

    Thousands of test users (and every password sign-in of the lockout tests) made that minutes of the suite's
    time. Production keeps Django's default hashers: `config/settings.py` does not set PASSWORD_HASHERS, and
    `tests/test_settings.py` checks the deployed value.
    """
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The files whose tests take longest (`pytest --durations`: 10–80 s each), started first within their kind.
LONGEST_FIRST = (
    "tests/workspaces/test_upgrade_migration.py",  # every migration from an empty database
    "tests/browser/test_csp_in_browser.py",
    "tests/website/test_check_in_browser.py",
    "tests/browser/test_hostile_input_in_browser.py",
    "tests/api/test_schemathesis.py",
    "tests/browser/test_officer_pages_in_browser.py",
    "tests/requests/test_outbox_worker.py",
    "tests/test_permissions_walk.py",
    "tests/workspaces/test_isolation.py",
    "tests/test_translations.py",
    "tests/requests/test_intake_fuzz.py",
    "tests/ropa/test_export.py",
    "tests/workspaces/test_query_counts.py",
    "tests/ropa/test_activity_admin.py",
)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """The longest files first: the workers share out the tests in this order and steal from each other's end, so
    a 70-second test begun last keeps one core busy after the other has finished. pytest-django then sorts the
    tests by kind (plain database tests, transactional ones, the rest) with a stable sort, so each kind keeps
    this order and a file's tests stay together."""
    rank = {path: number for number, path in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, built from the models (`--no-migrations`), with what the data migrations seed: the
    vocabularies, adequacy decisions and rights an install starts with, each with its "+" history row."""
    from tests.seeding import seed_as_migrations_do

    with django_db_blocker.unblock():
        seed_as_migrations_do()


@pytest.fixture(autouse=True)
def seeded_after_a_flush(request):
    """A transactional test (live server, browser, a second process) starts with what the data migrations seed: the
    one before it on its worker flushed every table when it ended, seeded rows included. (Tests in a transaction
    roll back instead, and pytest-django runs them before any transactional test; serialized_rollback cannot put
    the rows back under Playwright, whose greenlets hand Django a fresh connection.) The seeding is idempotent."""
    from tests.seeding import seed_as_migrations_do

    marker = request.node.get_closest_marker("django_db")
    if {"transactional_db", "live_server"} & set(request.fixturenames) or (marker and marker.kwargs.get("transaction")):
        request.getfixturevalue("transactional_db")
        seed_as_migrations_do()
    elif marker or "db" in request.fixturenames:
        # A worker that has run out of work takes tests from the other's queue, so a test in a transaction can
        # still follow a flush on its worker: it seeds inside its own transaction, rolled back with it.
        from requests.models import Right

        request.getfixturevalue("db")
        if not Right.objects.exists():
            seed_as_migrations_do()


@pytest.fixture
def organisation(db) -> Organisation:
    return Organisation.objects.create(
        name="Verdifull AS",
        organisation_number="920437958",
        country="NO",
        email="personvern@verdifull.example",
        address="Storgata 1, 0155 Oslo",
    )


ROLES = {PRIVACY_OFFICER: Role.OFFICER, AUDITOR: Role.AUDITOR, REQUEST_HANDLER: Role.HANDLER}


def _user_in(group_name: str, username: str) -> User:
    """A staff member with that role in the install's one workspace (the role's group follows the membership).

    Made after a test has loaded several workspaces (the demo's five companies, for the walks over one object of
    every model, whichever company holds it), it is a consultant with that role in each of them.
    """
    user = User.objects.create_user(username, f"{username}@example.com", "a-long-test-password", is_staff=True)
    workspaces = list(Workspace.objects.all()[:2])
    for workspace in Workspace.objects.all() if len(workspaces) > 1 else [Workspace.objects.sole()]:
        Membership.objects.create(user=user, workspace=workspace, role=ROLES[group_name])
    assert user.groups.filter(name=group_name).exists()
    return user


def member_of_every_workspace(*users: User) -> None:
    """Give each person their role in every workspace they lack: a fixture made before the demo was loaded is in a
    workspace of its own, and a walk over one object of every model needs the companies that hold them."""
    for user in users:
        role = user.memberships.values_list("role", flat=True).first()
        for workspace in Workspace.objects.exclude(memberships__user=user):
            Membership.objects.create(user=user, workspace=workspace, role=role)


def officer_of(instance) -> User:
    """A privacy officer of the workspace the object belongs to (the demo company's own, or a fixture's); for shared
    reference data, which every workspace reads, the first officer made."""
    from ropa.workspaces.scopes import workspace_id_of

    workspace = workspace_id_of(instance)
    found = {"memberships__role": Role.OFFICER}
    if workspace is not None:
        found["memberships__workspace"] = workspace
    return User.objects.filter(**found).order_by("pk")[0]


def demo_officer(company_name: str) -> User:
    """The demo company's privacy officer (made by load_demo), member of that company's workspace only."""
    from ropa.demo import OFFICERS

    return User.objects.get(username=OFFICERS[company_name])


@pytest.fixture
def privacy_officer(db) -> User:
    return _user_in(PRIVACY_OFFICER, "officer")


@pytest.fixture
def auditor(db) -> User:
    return _user_in(AUDITOR, "auditor")


@pytest.fixture
def request_handler(db) -> User:
    return _user_in(REQUEST_HANDLER, "handler")


@pytest.fixture
def officer_client(client, privacy_officer):
    client.force_login(privacy_officer)
    return client


@pytest.fixture
def auditor_client(client, auditor):
    client.force_login(auditor)
    return client


def vocab(model, name: str):
    return model.objects.get(name=name)


@pytest.fixture
def complete_activity(organisation) -> ProcessingActivity:
    """Order handling in a web shop, with every Art. 30(1) item documented."""
    activity = ProcessingActivity.objects.create(
        organisation=organisation,
        name="Order handling",
        department="Web shop",
        owner="Head of sales",
        status=ProcessingActivity.Status.ACTIVE,
        transfers_outside_eea=YesNoUnknown.NO,
        last_reviewed=datetime.date(2026, 1, 10),
        next_review=datetime.date(2027, 1, 10),
    )
    activity.data_subject_categories.add(vocab(DataSubjectCategory, "Customers"))
    activity.personal_data_categories.add(
        vocab(PersonalDataCategory, "Name"), vocab(PersonalDataCategory, "Order and purchase history")
    )
    activity.recipient_categories.add(vocab(RecipientCategory, "Transport and delivery companies"))
    activity.security_measures.add(vocab(SecurityMeasure, "Encryption in transit (TLS)"))
    Purpose.objects.create(
        activity=activity, description="Deliver what the customer ordered", article6=LegalBasis.Article6.CONTRACT
    )
    RetentionRule.objects.create(
        activity=activity,
        duration=5,
        unit=RetentionRule.Unit.YEARS,
        runs_from=RetentionRule.Event.END_OF_FINANCIAL_YEAR,
        legal_reference="bokføringsloven § 13",
    )
    return activity


@contextlib.contextmanager
def rolled_back_afterwards(django_db_blocker):
    """Database writes that last until the block ends, then are rolled back (the outer transaction of
    `once_per_class`)."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def once_per_class(build):
    """A class-scoped fixture that runs `build()` once for a class of tests that only read what it writes (the
    demo takes seconds to load, and a dozen tests read it).

    What `build` writes lies in a transaction rolled back after the class's last test; each test runs in a
    savepoint inside it, as pytest-django's `db` always does, so what one test changes the next does not see, and
    tests outside the class never see any of it. Not for transactional tests (live_server, transaction=True).
    """

    @pytest.fixture(scope="class")
    def fixture(django_db_setup, django_db_blocker):
        with rolled_back_afterwards(django_db_blocker):
            yield build()

    return fixture


def _load_demo():
    from ropa.demo import load_demo

    return load_demo()


demo_for_the_class = once_per_class(_load_demo)


@pytest.fixture(scope="class")
def walk_data_for_the_class(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo and one object of every other model (tests/security/admin_urls.py), once for a class of walks over
    every admin page, as `once_per_class` does; private files (documents) go to a directory of the class's own."""
    from django.conf import settings
    from django.test import override_settings

    from tests.security.admin_urls import load_walk_data

    private = {"location": tmp_path_factory.mktemp("private"), "base_url": None}
    storages = {**settings.STORAGES, "private": {**settings.STORAGES["private"], "OPTIONS": private}}
    with override_settings(STORAGES=storages), rolled_back_afterwards(django_db_blocker):
        yield load_walk_data()


CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    """Chromium for the real-browser tests (tests/browser/, tests/sso/): one for the whole run, because a second
    Playwright started beside it in the same process is refused."""
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium package.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()
