"""A breach only moves forward through save(): nothing goes back to being assessed, closed is final (issue 21)."""

import pytest
from django.core.exceptions import ValidationError

from ropa.breaches.models import Breach, Risk, Status
from tests.breaches.conftest import oslo

pytestmark = pytest.mark.django_db


@pytest.fixture
def notified(make_breach) -> Breach:
    breach = make_breach()
    breach.risk, breach.risk_assessment = Risk.RISK, "Customers' names and e-mail addresses."
    breach.status, breach.notified_at = Status.NOTIFIED, oslo(2026, 3, 2, 15, 0)
    breach.save()
    return breach


def test_a_notified_breach_cannot_be_saved_back_to_being_assessed(notified):
    loaded = Breach.objects.get(pk=notified.pk)
    loaded.status = Status.ASSESSING
    with pytest.raises(ValidationError) as refused:
        loaded.save()
    assert list(refused.value.message_dict) == ["status"]
    assert Breach.objects.get(pk=notified.pk).status == Status.NOTIFIED


def test_a_past_version_of_a_notified_breach_cannot_be_saved(notified):
    """What simple-history's revert would save: an instance built from a history row, never loaded."""
    past = notified.history.order_by("history_id").first().instance
    assert past.status == Status.ASSESSING
    with pytest.raises(ValidationError):
        past.save()
    assert Breach.objects.get(pk=notified.pk).status == Status.NOTIFIED


def test_a_closed_breach_stays_closed(notified):
    notified.consequences, notified.measures_taken = "Phishing risk.", "Remote wipe."
    notified.status = Status.CLOSED
    notified.save()
    for earlier in (Status.NOTIFIED, Status.NOT_NOTIFIED, Status.ASSESSING):
        loaded = Breach.objects.get(pk=notified.pk)
        loaded.status = earlier
        with pytest.raises(ValidationError):
            loaded.save()
    assert Breach.objects.get(pk=notified.pk).status == Status.CLOSED


def test_a_forward_move_still_saves(make_breach):
    breach = make_breach()
    breach.risk, breach.risk_assessment = Risk.UNLIKELY, "Encrypted disk."
    breach.status, breach.not_notified_reason = Status.NOT_NOTIFIED, "The disk was encrypted."
    breach.save()
    breach.refresh_from_db()
    breach.status, breach.notified_at = Status.NOTIFIED, oslo(2026, 3, 3, 9, 0)
    breach.save()
    assert Breach.objects.get(pk=breach.pk).status == Status.NOTIFIED
