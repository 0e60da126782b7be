"""Processors: their DPA status at a glance, the sub-processor chain, the activities that use them, and history."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ropa.models import (
    Art30Item,
    DpaStatus,
    PersonalDataCategory,
    ProcessingActivity,
    Processor,
    ProcessorUse,
)
from tests.ropa.processor_helpers import days, make_agreement, make_processor

LIST_URL = reverse("admin:ropa_processor_changelist")
Role = Processor.Role


def status_both_ways(processor: Processor) -> DpaStatus:
    """The status read from the instance and from the annotated query; they must agree."""
    plain = Processor.objects.get(pk=processor.pk).dpa_status
    annotated = Processor.objects.with_dpa_status().get(pk=processor.pk).dpa_status
    assert plain == annotated
    return annotated


def test_a_processor_without_an_agreement_has_it_missing(db):
    """Art. 28(3): processing by a processor is governed by a contract; none recorded means missing."""
    assert status_both_ways(make_processor()) == DpaStatus.MISSING


@pytest.mark.parametrize("role", [Role.JOINT_CONTROLLER, Role.INDEPENDENT_CONTROLLER])
def test_a_controller_receiving_data_needs_no_processing_agreement(db, role):
    """Art. 28 binds processors; a joint controller (Art. 26) or an independent controller signs no DPA."""
    assert status_both_ways(make_processor("PayPal", role=role)) == DpaStatus.NOT_REQUIRED


def test_a_sub_processor_needs_its_agreement_too(db):
    """Art. 28(4): the same obligations bind a sub-processor by contract."""
    assert status_both_ways(make_processor("Microsoft Azure", role=Role.SUB_PROCESSOR)) == DpaStatus.MISSING


@pytest.mark.parametrize(
    ("agreements", "expected"),
    [
        ([{}], DpaStatus.ACTIVE),
        ([{"next_review": days(-1)}], DpaStatus.DUE_FOR_REVIEW),
        ([{"clause_c": False}], DpaStatus.INCOMPLETE),
        ([{"ends_on": days(-1)}], DpaStatus.EXPIRED),
        ([{"ends_on": days(-400)}, {}], DpaStatus.ACTIVE),
        ([{"ends_on": days(-1)}, {"signed_on": None}], DpaStatus.INCOMPLETE),
        ([{"clause_a": False}, {"next_review": days(-1)}], DpaStatus.DUE_FOR_REVIEW),
    ],
)
def test_a_processor_shows_the_status_of_its_best_agreement(db, agreements, expected):
    """A renewed agreement replaces the expired one; a draft of a new version does not void the one in force."""
    processor = make_processor()
    for fields in agreements:
        make_agreement(processor, **fields)
    assert status_both_ways(processor) == expected


def test_an_activity_lists_its_processors_and_the_data_they_receive(complete_activity):
    gurusoft = make_processor()
    use = ProcessorUse.objects.create(activity=complete_activity, processor=gurusoft, note="Hosts the shop")
    use.personal_data_categories.add(PersonalDataCategory.objects.get(name="Name"))
    assert list(complete_activity.processors.all()) == [gurusoft]
    assert [u.processor for u in complete_activity.processor_uses.all()] == [gurusoft]
    assert list(gurusoft.activities.all()) == [complete_activity]
    assert [c.name for c in use.personal_data_categories.all()] == ["Name"]


@pytest.mark.parametrize(
    ("role", "agreement", "flagged"),
    [
        (Role.PROCESSOR, None, True),
        (Role.PROCESSOR, {}, False),
        (Role.PROCESSOR, {"next_review": days(-1)}, False),
        (Role.PROCESSOR, {"clause_g": False}, True),
        (Role.PROCESSOR, {"ends_on": days(-1)}, True),
        (Role.SUB_PROCESSOR, None, True),
        (Role.INDEPENDENT_CONTROLLER, None, False),
        (Role.JOINT_CONTROLLER, None, False),
    ],
)
def test_an_activity_using_a_processor_without_an_agreement_in_force_is_flagged(
    complete_activity, role, agreement, flagged
):
    """Art. 28(3): an agreement due for review still binds; an incomplete or expired one does not count."""
    processor = make_processor(role=role)
    if agreement is not None:
        make_agreement(processor, **agreement)
    ProcessorUse.objects.create(activity=complete_activity, processor=processor)
    assert complete_activity.missing_items() == ([Art30Item.DPA] if flagged else [])


def test_the_completeness_check_stays_two_queries_with_processors(
    complete_activity, organisation, django_assert_num_queries
):
    without = make_processor("Newsletter service")
    with_agreement = make_processor("Microsoft 365")
    make_agreement(with_agreement)
    for number in range(5):
        activity = ProcessingActivity.objects.create(organisation=organisation, name=f"Activity {number}")
        ProcessorUse.objects.create(activity=activity, processor=without if number % 2 else with_agreement)
    # Whether the facts hold for today, then the rows.
    with django_assert_num_queries(2):
        flagged = [a.name for a in ProcessingActivity.objects.with_completeness() if Art30Item.DPA in a.missing_items()]
    assert flagged == ["Activity 1", "Activity 3"]


def test_the_sub_processor_chain_runs_to_the_end_with_countries(db):
    """Art. 28(2) and (4): the controller should know every processor down the chain, and where it works.

    Depth first, siblings by name, whatever order the database keeps the links in.
    """
    gurusoft = make_processor("Gurusoft Ecommerce", countries=["NO"])
    azure = make_processor("Microsoft Azure", role=Role.SUB_PROCESSOR, countries=["NL", "IE"])
    support = make_processor("Support desk", role=Role.SUB_PROCESSOR, countries=["IN"])
    mail = make_processor("Mail relay", role=Role.SUB_PROCESSOR, countries=["US"])
    gurusoft.sub_processors.add(azure, mail)
    azure.sub_processors.add(support, gurusoft)  # a loop back up must not loop forever
    with CaptureQueriesContext(connection) as queries:
        chain = [(link.processor.name, link.depth) for link in gurusoft.sub_processor_chain()]
    assert chain == [("Mail relay", 1), ("Microsoft Azure", 1), ("Support desk", 2)]
    assert len(queries.captured_queries) == 2


def test_the_change_page_shows_the_chain_and_who_engaged_the_processor(officer_client):
    gurusoft = make_processor("Gurusoft Ecommerce", countries=["NO"])
    azure = make_processor("Microsoft Azure", role=Role.SUB_PROCESSOR, countries=["NL", "IE"])
    gurusoft.sub_processors.add(azure)
    english = {"Accept-Language": "en"}
    url = reverse("admin:ropa_processor_change", args=[gurusoft.pk])
    assert "Microsoft Azure</a> (Ireland, Netherlands)" in officer_client.get(url, headers=english).content.decode()
    page = officer_client.get(reverse("admin:ropa_processor_change", args=[azure.pk]), headers=english)
    assert page.context["adminform"].form.instance == azure
    assert "Gurusoft Ecommerce" in page.content.decode()


def test_the_list_shows_the_dpa_status_in_colour_and_filters_by_it(officer_client):
    active = make_processor("Microsoft 365")
    make_agreement(active)
    expired = make_processor("Payex")
    make_agreement(expired, ends_on=days(-1))
    missing = make_processor("Newsletter service")
    paypal = make_processor("PayPal", role=Role.INDEPENDENT_CONTROLLER)
    content = officer_client.get(LIST_URL).content.decode()
    assert f'<span class="ropa-ok">{DpaStatus.ACTIVE.label}</span>' in content
    assert content.count(f'<span class="ropa-missing">{DpaStatus.MISSING.label}</span>') == 1
    assert f'<span class="ropa-missing">{DpaStatus.EXPIRED.label}</span>' in content
    for status, expected in [("missing", missing), ("expired", expired), ("active", active), ("not_required", paypal)]:
        response = officer_client.get(f"{LIST_URL}?dpa_status={status}")
        assert list(response.context["cl"].result_list) == [expected]


def _processors(start: int, stop: int) -> None:
    for number in range(start, stop):
        processor = make_processor(f"Vendor {number:03}", countries=["NO", "SE"])
        if number % 3:
            make_agreement(processor, next_review=days(-1) if number % 2 else days(100))


def test_the_changelist_costs_the_same_queries_for_5_and_50_processors(officer_client):
    _processors(0, 5)
    with CaptureQueriesContext(connection) as five:
        assert officer_client.get(LIST_URL).status_code == 200
    _processors(5, 50)
    with CaptureQueriesContext(connection) as fifty:
        response = officer_client.get(LIST_URL)
    assert response.context["cl"].result_count == 50
    assert len(fifty.captured_queries) == len(five.captured_queries)


def _form(processor: Processor | None = None, **overrides) -> dict:
    data = {
        "name": "Gurusoft Ecommerce",
        "organisation": overrides.pop("organisation", None) or processor.organisation_id,
        "role": Role.PROCESSOR,
        "service": "Runs and hosts the web shop.",
        "countries": ["NO"],
        "uses-TOTAL_FORMS": "0",
        "uses-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_changes_in_the_admin_keep_history_with_the_acting_user(officer_client, privacy_officer, complete_activity):
    gurusoft = make_processor("Gurusoft Ecommerce")
    azure = make_processor("Microsoft Azure", role=Role.SUB_PROCESSOR)
    url = reverse("admin:ropa_processor_change", args=[gurusoft.pk])
    name = PersonalDataCategory.objects.get(name="Name")
    data = _form(
        gurusoft,
        sub_processors=[azure.pk],
        **{
            "uses-TOTAL_FORMS": "1",
            "uses-0-activity": complete_activity.pk,
            "uses-0-personal_data_categories": [name.pk],
            "uses-0-note": "Orders live in the shop platform.",
        },
    )
    response = officer_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    latest = gurusoft.history.first()
    assert latest.history_user == privacy_officer
    assert [row.to_processor_id for row in latest.sub_processors.all()] == [azure.pk]
    use = ProcessorUse.objects.get()
    assert use.history.first().history_user == privacy_officer
    assert [row.personaldatacategory_id for row in use.history.first().personal_data_categories.all()] == [name.pk]


def test_an_auditor_reads_processors_but_cannot_add_one(auditor_client, db):
    processor = make_processor()
    assert auditor_client.get(LIST_URL).status_code == 200
    assert auditor_client.get(reverse("admin:ropa_processor_change", args=[processor.pk])).status_code == 200
    response = auditor_client.post(reverse("admin:ropa_processor_add"), _form(processor, name="Sneaky"))
    assert response.status_code == 403
    assert not Processor.objects.filter(name="Sneaky").exists()
