"""Fixtures for the breach register: a controller with a DPO, and a factory for breaches."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from ropa.breaches.models import Breach

OSLO = ZoneInfo("Europe/Oslo")


def oslo(*args: int) -> datetime.datetime:
    """A moment on Norwegian wall-clock time (CET in winter, CEST in summer)."""
    return datetime.datetime(*args, tzinfo=OSLO)


@pytest.fixture
def controller(organisation):
    organisation.dpo_name = "Dina Personvern"
    organisation.dpo_email = "dpo@verdifull.example"
    organisation.save()
    return organisation


@pytest.fixture
def make_breach(controller):
    def make(**values) -> Breach:
        values = {
            "organisation": controller, "title": "Lost laptop", "description": "A laptop was left on the train.",
            "aware_at": oslo(2026, 3, 2, 9, 0),
            # A risk level comes with its reasons (Art. 33(5)); tests that leave a level give these.
            "risk_assessment": "Contact details of customers, no special categories." if values.get("risk") else "",
            **values,
        }
        breach = Breach(**values)
        breach.full_clean()
        breach.save()
        return breach

    return make
