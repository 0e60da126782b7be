"""A past day's notice withholds what was incomplete that day, as today's notice withholds what is incomplete now.

Art. 13 read with Art. 30: the notice of a past day is what the controller could show it told people then;
an activity the record did not document on that day was no more ready to be told than an incomplete one today.
"""

import datetime

import pytest

from ropa.demo import load_demo, seleverkstedet
from ropa.models import LegalBasis, Organisation, ProcessingActivity, SecurityMeasure
from ropa.models.activities import FACTS
from ropa.notice.completeness_as_of import facts_covered
from ropa.notice.sources import parts_as_of
from ropa.notice.views import notice_for
from tests.conftest import demo_officer, vocab
from tests.notice.conftest import build_shop, make_activity
from tests.notice.test_notice_as_of import at, preview_text
from tests.notice.test_privacy_notice import notice_text
from tests.ropa.processor_helpers import make_agreement, make_processor

pytestmark = pytest.mark.django_db
CONTRACT = LegalBasis.Article6.CONTRACT


def told(notice) -> list[str]:
    return [section.name for section in notice.sections]


@pytest.fixture
def demo_loaded_in_october():
    with at("2026-10-01"):
        load_demo()


def test_the_demo_s_past_notice_withholds_what_today_s_withholds(demo_loaded_in_october):
    """Seleverkstedet has no contact details (Art. 30(1)(a)): today's notice told none of its activities, while
    the notice of a past day told four of them."""
    with at("2026-10-05"):
        for organisation in Organisation.objects.filter(role=Organisation.Role.CONTROLLER, activities__isnull=False):
            organisation = Organisation.objects.get(pk=organisation.pk)
            today = notice_for(organisation)
            past = notice_for(organisation, datetime.date(2026, 10, 2))
            assert told(past) == told(today), organisation.name
            assert [(w.activity.name, w.reasons) for w in past.withheld] == [
                (w.activity.name, w.reasons) for w in today.withheld
            ], organisation.name


def test_the_demo_s_past_page_tells_none_of_seleverkstedet_s_activities(client, demo_loaded_in_october):
    organisation = Organisation.objects.get(name=seleverkstedet.COMPANY.organisation.name)
    client.force_login(demo_officer(organisation.name))  # the company's own officer: another's is not found
    with at("2026-10-05"):
        text = preview_text(client, organisation, as_of="2026-10-02")
    names = ProcessingActivity.objects.filter(organisation=organisation).values_list("name", flat=True)
    assert len(names) == 8
    assert [name for name in names if name in text] == []
    assert "There is no processing to describe here yet." in text


def test_facts_of_a_snapshot_of_today_are_the_facts_stored_on_today_s_rows(demo_loaded_in_october):
    """One rule: the facts worked out from history are those the database works out from the live parts."""
    assert facts_covered() == set(FACTS) - {"basis_codes"}, "a new fact needs its twin in completeness_as_of.py"
    with at("2026-10-05"):
        ProcessingActivity.objects.bring_completeness_up_to_date()
        for organisation in Organisation.objects.filter(role=Organisation.Role.CONTROLLER, activities__isnull=False):
            organisation = Organisation.objects.get(pk=organisation.pk)
            past = {part.activity.pk: part.activity for part in parts_as_of(organisation, datetime.date(2026, 10, 5))
                    .activities}
            live = ProcessingActivity.objects.filter(organisation=organisation).exclude(
                status=ProcessingActivity.Status.RETIRED,
            )
            assert past and set(past) == {activity.pk for activity in live}
            for activity in live:
                for fact in facts_covered():
                    assert getattr(past[activity.pk], fact) == getattr(activity, fact), (activity.name, fact)


@pytest.fixture
def completed_later():
    """On 2 March an activity without security measures (Art. 30(1)(g)) and one whose processor's agreement is
    signed for 1 April (Art. 28(3)); on 10 April the measures are recorded."""
    with at("2026-03-02"):
        organisation = Organisation.objects.create(name="Fjellsport AS", email="personvern@fjellsport.example")
        build_shop(organisation)
        unsecured = make_activity(organisation, "Gift cards", security_description="")
        unsecured.security_measures.clear()
        unsecured.purposes.create(description="Sell gift cards", article6=CONTRACT)
        unsecured.retention_rules.create(duration=3)
        courier = make_processor("Budbilen")
        make_agreement(courier, signed_on=datetime.date(2026, 4, 1))
        delivery = make_activity(organisation, "Same-day delivery")
        delivery.purposes.create(description="Deliver the same day", article6=CONTRACT)
        delivery.retention_rules.create(duration=3)
        delivery.processor_uses.create(processor=courier)
    with at("2026-04-10"):
        unsecured.security_measures.add(vocab(SecurityMeasure, "Encryption in transit (TLS)"))
    return organisation


def test_an_activity_incomplete_on_a_past_day_is_withheld_from_that_day_s_notice(officer_client, completed_later):
    past = notice_for(completed_later, datetime.date(2026, 3, 20))
    withheld = {w.activity.name: w.reasons for w in past.withheld}
    assert "(g) security measures" in withheld["Gift cards"]
    assert "Gift cards" not in told(past)
    assert "Order handling" in told(past), "complete on that day: told"
    text = preview_text(officer_client, completed_later, as_of="2026-03-20")
    assert "Gift cards" not in text and "Order handling" in text


def test_an_agreement_signed_for_a_later_day_was_not_in_force_on_the_past_day(completed_later):
    """Art. 28(3): the dated facts are those of the day asked for, not of today."""
    before = notice_for(completed_later, datetime.date(2026, 3, 20))
    assert any("Art. 28" in reason for reason in {w.activity.name: w.reasons for w in before.withheld}[
        "Same-day delivery"])
    after = notice_for(completed_later, datetime.date(2026, 4, 2))
    assert "Same-day delivery" in told(after)
    assert "Gift cards" not in told(after), "its security measures came on 10 April"


def test_the_same_activity_is_told_once_complete(client, completed_later):
    assert "Gift cards" in told(notice_for(completed_later, datetime.date(2026, 4, 11)))
    assert "Gift cards" in told(notice_for(completed_later))
    assert "Gift cards" in notice_text(client, completed_later)
