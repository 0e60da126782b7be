"""Shared fixtures: a demo controller, a complete activity, and one user per role."""

import datetime

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
    """A staff member with that role in the install's one workspace (the role's group follows the membership)."""
    user = User.objects.create_user(username, f"{username}@example.com", "a-long-test-password", is_staff=True)
    Membership.objects.create(user=user, workspace=Workspace.objects.sole(), role=ROLES[group_name])
    assert user.groups.filter(name=group_name).exists()
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
