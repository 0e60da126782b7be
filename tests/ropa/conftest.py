"""Fixtures for the record: a complete activity a privacy officer would recognise."""

import datetime

import pytest

from ropa.models import (
    DataSubjectCategory,
    LegalBasis,
    PersonalDataCategory,
    ProcessingActivity,
    Purpose,
    RecipientCategory,
    RetentionRule,
    SecurityMeasure,
    YesNoUnknown,
)


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
