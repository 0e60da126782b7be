"""Fixtures for rights requests: a request factory and an activity with every Art. 15 item documented."""

import datetime

import pytest
from django.utils import translation

from requests.models import Right, RightsRequest
from ropa.models import (
    DataSubjectCategory,
    LegalBasis,
    Organisation,
    PersonalDataCategory,
    ProcessingActivity,
    Processor,
    ProcessorUse,
    Purpose,
    RecipientCategory,
    RetentionRule,
    System,
    YesNoUnknown,
)


@pytest.fixture(autouse=True)
def english(settings):
    """These tests read English wording; pages and messages in nb and sv are tested where they say so."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


REQUESTER_NAME = "Kari Nordmann"
REQUESTER_EMAIL = "kari.nordmann@example.net"


@pytest.fixture
def make_request(organisation):
    """Create a request for Verdifull AS; `rights` are article codes such as "15" or "17"."""

    def make(*, rights=("15",), received=None, status=None, **fields) -> RightsRequest:
        fields.setdefault("requester_name", REQUESTER_NAME)
        fields.setdefault("requester_email", REQUESTER_EMAIL)
        request = RightsRequest(
            organisation=fields.pop("organisation", organisation),
            received=received or datetime.date.today(),
            **fields,
        )
        if status is not None:
            request.status = status
        request.save()
        request.rights.set(Right.objects.filter(code__in=rights))
        return request

    return make


@pytest.fixture
def order_activity(organisation) -> ProcessingActivity:
    """Order handling in a web shop, documented for an Art. 15 answer."""
    platform = System.objects.create(name="Shop platform")
    activity = ProcessingActivity.objects.create(
        organisation=organisation,
        name="Order handling",
        status=ProcessingActivity.Status.ACTIVE,
        transfers_outside_eea=YesNoUnknown.NO,
        source_kind=ProcessingActivity.SourceKind.THIRD_PARTY,
        source_description="Address corrections from the postal service",
        public_source="Posten, when you have moved and told them your new address",
        automated_decision_making=True,
        automated_decision_description="A fraud score decides whether invoice payment is offered.",
    )
    activity.data_subject_categories.add(DataSubjectCategory.objects.get(name="Customers"))
    activity.personal_data_categories.add(
        PersonalDataCategory.objects.get(name="Name"),
        PersonalDataCategory.objects.get(name="Order and purchase history"),
    )
    activity.recipient_categories.add(RecipientCategory.objects.get(name="Transport and delivery companies"))
    activity.systems.add(platform)
    Purpose.objects.create(
        activity=activity, description="Deliver what the customer ordered", article6=LegalBasis.Article6.CONTRACT,
    )
    RetentionRule.objects.create(
        activity=activity, duration=5, unit=RetentionRule.Unit.YEARS,
        runs_from=RetentionRule.Event.END_OF_FINANCIAL_YEAR, legal_reference="bokføringsloven § 13",
    )
    return activity


@pytest.fixture
def klarna(order_activity) -> Processor:
    """The payment provider the order activity sends data to, recorded by name (Art. 15(1)(c))."""
    company = Organisation.objects.create(name="Klarna Bank AB", role=Organisation.Role.PROCESSOR, country="SE")
    processor = Processor.objects.create(name="Klarna", organisation=company, service="Invoice and card payments")
    ProcessorUse.objects.create(activity=order_activity, processor=processor)
    return processor


@pytest.fixture(autouse=True)
def outbox_worker_stand_in(monkeypatch):
    """Stand in for the outbox worker, which these tests do not start: each commit that queued a message is
    followed by one worker pass (`send_outbox()`, the real claim and send), as a worker polling at that moment
    would. Web requests themselves never send. Tests of the worker override this fixture with a no-op
    (tests/requests/test_outbox_worker.py) and run real worker processes instead.
    """
    from django.db import transaction

    from requests.models import OutboxEmail, send_outbox

    queue = OutboxEmail.queue.__func__

    def queue_then_pass(cls, **fields):
        email = queue(cls, **fields)

        def outbox_worker_pass() -> None:  # a named function: Django's on_commit logging needs __qualname__
            send_outbox()

        transaction.on_commit(outbox_worker_pass)
        return email

    monkeypatch.setattr(OutboxEmail, "queue", classmethod(queue_then_pass))
