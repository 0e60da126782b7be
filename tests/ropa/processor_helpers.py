"""Builders shared by the processor, DPA and transfer tests: a vendor, its agreement, a small PDF."""

import datetime

import pytest
from django.contrib.auth.models import User

from ropa.models import Clause, DataProcessingAgreement, Organisation, Processor

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def today() -> datetime.date:
    from django.utils import timezone

    return timezone.localdate()


def days(n: int) -> datetime.date:
    return today() + datetime.timedelta(days=n)


def make_processor(name: str = "Gurusoft Ecommerce", role: str = Processor.Role.PROCESSOR, **fields) -> Processor:
    organisation, _created = Organisation.objects.get_or_create(
        name=fields.pop("legal_entity", f"{name} AS"), defaults={"role": Organisation.Role.PROCESSOR},
    )
    fields.setdefault("service", "Runs the web shop platform and hosts it.")
    return Processor.objects.create(name=name, organisation=organisation, role=role, **fields)


def make_agreement(processor: Processor, *, confirmed: bool = True, **fields) -> DataProcessingAgreement:
    """An agreement signed a year ago with every Art. 28(3) clause confirmed, unless told otherwise."""
    fields.setdefault("signed_on", days(-365))
    fields.setdefault("next_review", days(180))
    clauses = {f"clause_{clause.value}": confirmed for clause in Clause}
    return DataProcessingAgreement.objects.create(processor=processor, **{**clauses, **fields})


@pytest.fixture
def private_storage_dir(settings, tmp_path):
    """Point the private storage at a throwaway directory for the test."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "ropa.documents.files.PrivateFileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    return tmp_path / "private"


@pytest.fixture
def outsider(db) -> User:
    """Staff, logged in, but in no role: may see nothing of the record."""
    return User.objects.create_user("outsider", "outsider@example.com", "a-long-test-password", is_staff=True)
