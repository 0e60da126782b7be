"""Two clients of one host, each with a record, requests and a breach; a token of the first client's officer."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from django.utils import timezone, translation

from requests.models import Right, RightsRequest
from ropa.breaches.models import Breach
from ropa.models import (
    ApiToken,
    DataProcessingAgreement,
    LegalBasis,
    Membership,
    Organisation,
    ProcessingActivity,
    Processor,
    Purpose,
    Role,
    Transfer,
    Workspace,
)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """The rate limits count in the cache, which outlives a test's rolled-back database (and its reused ids)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@dataclass
class Client_:
    """One workspace's objects, by model."""

    workspace: Workspace
    organisation: Organisation
    activity: ProcessingActivity
    processor: Processor
    agreement: DataProcessingAgreement
    transfer: Transfer
    breach: Breach
    request: RightsRequest
    markers: list[str] = field(default_factory=list)


def make_client(name: str) -> Client_:
    workspace = Workspace.objects.create(name=f"{name} workspace")
    organisation = Organisation.objects.create(
        name=f"{name} Controller AS", workspace=workspace, country="NO", email=f"privacy@{name.lower()}.example",
    )
    activity = ProcessingActivity.objects.create(organisation=organisation, name=f"{name} customer register")
    Purpose.objects.create(activity=activity, description=f"{name} purpose", article6=LegalBasis.Article6.CONTRACT)
    vendor = Organisation.objects.create(
        name=f"{name} Hosting Ltd", workspace=workspace, role=Organisation.Role.PROCESSOR, country="IE",
    )
    processor = Processor.objects.create(
        workspace=workspace, organisation=vendor, name=f"{name} Cloud", service="Hosting",
    )
    agreement = DataProcessingAgreement.objects.create(processor=processor, version=f"{name}-v1")
    transfer = Transfer.objects.create(
        activity=activity, processor=processor, destination_country="US", description=f"{name} transfer",
    )
    breach = Breach.objects.create(
        organisation=organisation, title=f"{name} lost laptop", description="Left on a train.",
        aware_at=timezone.now() - datetime.timedelta(hours=2),
    )
    request = RightsRequest.objects.create(
        organisation=organisation, requester_name=f"{name} Requester", requester_email=f"r@{name.lower()}.example",
        received=timezone.localdate() - datetime.timedelta(days=40),
    )
    request.rights.add(Right.objects.get(code=Right.Article.ACCESS))
    markers = [organisation.name, activity.name, processor.name, breach.title, request.reference, f"{name}-v1",
               f"{name} transfer", f"{name} purpose"]
    return Client_(workspace, organisation, activity, processor, agreement, transfer, breach, request, markers)


@pytest.fixture
def alpha(db) -> Client_:
    return make_client("Alpha")


@pytest.fixture
def bravo(db) -> Client_:
    return make_client("Bravo")


def member(username: str, workspace: Workspace, role: str = Role.OFFICER) -> User:
    user = User.objects.create_user(username, f"{username}@example.com", "a-long-test-password", is_staff=True)
    Membership.objects.create(user=user, workspace=workspace, role=role)
    return user


def make_token(user: User, name: str = "Web shop", **flags) -> tuple[ApiToken, str]:
    token = ApiToken(user=user, name=name, **flags)
    secret = token.issue()
    token.save()
    return token, secret


@pytest.fixture
def alpha_officer(alpha) -> User:
    return member("alpha-officer", alpha.workspace)


@pytest.fixture
def alpha_token(alpha_officer) -> tuple[ApiToken, str]:
    return make_token(alpha_officer)


def api(secret: str, **headers) -> Client:
    """A client that presents the token on every request."""
    return Client(headers={"Authorization": f"Bearer {secret}", **headers})


@pytest.fixture
def alpha_api(alpha_token) -> Client:
    return api(alpha_token[1])
