"""Shared fixtures: a demo controller, and one user per role."""

import pytest
from django.contrib.auth.models import Group, User

from ropa.models import Organisation
from ropa.roles import AUDITOR, PRIVACY_OFFICER, REQUEST_HANDLER


@pytest.fixture
def organisation(db) -> Organisation:
    return Organisation.objects.create(
        name="Verdifull AS", organisation_number="920437958", country="NO",
        email="personvern@verdifull.example", address="Storgata 1, 0155 Oslo",
    )


def _user_in(group_name: str, username: str) -> User:
    user = User.objects.create_user(username, f"{username}@example.com", "a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


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
