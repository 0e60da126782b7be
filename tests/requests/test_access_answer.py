"""Art. 15(1)(a)–(h) and 15(2): the information for an access request, from the record, in three languages."""

import pytest

import ropa.models
from requests.access import SECTION_KEYS, build_access_answer
from requests.text import cite_articles
from ropa.models import LegalBasis, ProcessingActivity, Purpose, YesNoUnknown

LANGUAGES = ["nb", "en", "sv"]
NAME_LABELS = {"nb": "Navn", "en": "Name", "sv": "Namn"}


@pytest.fixture
def access_request(make_request, order_activity, klarna):
    request = make_request(rights=("15",), language="en")
    request.searched_activities.add(order_activity)
    request.found_activities.add(order_activity)
    return request


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_article_15_item_is_answered_in_the_requesters_language(access_request, language):
    """Art. 15(1)(a)–(h) and 15(2): one section each, none empty, vocabulary in the requester's language."""
    access_request.language = language
    answer = build_access_answer(access_request)
    assert [section.key for section in answer.sections] == list(SECTION_KEYS)
    assert all(section.items for section in answer.sections)
    assert answer.gaps == []
    assert NAME_LABELS[language] in answer.section("b").items[0]
    assert access_request.reference in answer.text
    # Each section's heading, citing the article as a reader in that language expects (requests/text.py).
    assert all(cite_articles(section.title, language) in answer.text for section in answer.sections)
    assert "Datatilsynet" in answer.section("f").items[0]


def test_the_english_answer_reads_as_a_requester_expects(access_request):
    answer = build_access_answer(access_request)
    text = answer.text
    assert text.startswith("Dear Kari Nordmann,")
    assert "We confirm that we process personal data about you." in text
    assert (
        "Order handling: Deliver what the customer ordered (Art. 6(1)(b) necessary for a contract)"
        in answer.section("a").items
    )
    assert answer.section("b").items == ["Order handling: Name, Order and purchase history"]
    assert answer.section("c").items == ["Order handling: Klarna Bank AB (processor)"]
    assert answer.section("d").items == [
        "Order handling: 5 years from end of the financial year (bokføringsloven § 13)"
    ]
    assert "Erasure (Art. 17)." in answer.section("e").items
    assert "Data portability for data you gave us, based on consent or contract (Art. 20)." in answer.section("e").items
    assert answer.section("f").items == [
        "You may complain to Datatilsynet (https://www.datatilsynet.no), or to the data protection authority "
        "where you live or work (Art. 77)."
    ]
    assert answer.section("g").items == [
        "Order handling: From a third party: Posten, when you have moved and told them your new address"
    ]
    assert answer.section("h").items == [
        "Order handling: A fraud score decides whether invoice payment is offered."
    ]
    assert answer.section("transfers").items == ["We do not transfer your data to countries outside the EEA."]
    assert "(h) Automated decisions, including profiling" in text
    assert "A copy of the personal data we process about you is attached to this e-mail (Art. 15(3))." in text


def test_a_swedish_controller_names_imy(access_request, organisation):
    organisation.country = "SE"
    organisation.save()
    answer = build_access_answer(access_request)
    assert "Integritetsskyddsmyndigheten" in answer.section("f").items[0]


def test_consent_adds_the_right_to_withdraw_it(access_request, order_activity):
    Purpose.objects.create(
        activity=order_activity, description="Newsletter", article6=LegalBasis.Article6.CONSENT,
        consent_record="Newsletter sign-up log",
    )
    answer = build_access_answer(access_request)
    assert any("Art. 7(3)" in item for item in answer.section("e").items)


def test_only_the_searched_activities_are_described(access_request, organisation):
    ProcessingActivity.objects.create(
        organisation=organisation, name="Job applications", status=ProcessingActivity.Status.ACTIVE,
    )
    answer = build_access_answer(access_request)
    assert [activity.name for activity in answer.activities] == ["Order handling"]
    assert "Job applications" not in answer.text


def test_without_searched_activities_it_confirms_nothing_and_waits_for_the_handler(make_request, order_activity):
    """Art. 15(1): whether or not we process her data is what the handler's search finds; with no search recorded,
    the letter said "We confirm that we process personal data about you" and described every active activity."""
    request = make_request(rights=("15",), language="en")
    answer = build_access_answer(request)
    assert answer.activities == []
    assert "We confirm that we process personal data about you" not in answer.text
    assert "Order handling" not in answer.text
    placeholder = ("[to be completed: the processing activities searched for your data, or that we hold no personal "
                   "data about you]")
    assert placeholder in answer.text
    assert "is attached to this e-mail" not in answer.text, "no copy is claimed before anything was searched"
    request.searched_activities.add(order_activity)
    request.found_activities.add(order_activity)
    answer = build_access_answer(request)
    assert "We confirm that we process personal data about you" in answer.text and placeholder not in answer.text


def test_what_the_record_lacks_is_marked_for_the_handler(make_request, organisation):
    sparse = ProcessingActivity.objects.create(
        organisation=organisation, name="Customer service", status=ProcessingActivity.Status.ACTIVE,
        transfers_outside_eea=YesNoUnknown.UNKNOWN,
    )
    request = make_request(rights=("15",), language="en")
    request.searched_activities.add(sparse)
    request.found_activities.add(sparse)
    answer = build_access_answer(request)
    assert "Customer service: retention period" in answer.gaps
    assert "Customer service: transfers outside the EEA" in answer.gaps
    assert "[to be completed: retention period]" in answer.text


def test_data_from_elsewhere_names_its_source_or_waits_for_the_handler_art_15_1_g(access_request, order_activity):
    """Art. 15(1)(g): any available information on the source, in words for the requester; the officer's
    source in detail stays internal."""
    assert "Address corrections from the postal service" not in build_access_answer(access_request).text
    order_activity.public_source = ""
    order_activity.save()
    answer = build_access_answer(access_request)
    assert answer.section("g").items == [
        "Order handling: From a third party: [to be completed: where the data came from]"
    ]
    assert "Order handling: where the data came from" in answer.gaps


def test_transfers_are_listed_with_their_safeguards(access_request, order_activity):
    """Art. 15(2): the requester is told of the appropriate safeguards for a transfer (Art. 46)."""
    transfer_model = getattr(ropa.models, "Transfer", None)
    if transfer_model is None:
        pytest.skip("The record has no Transfer model yet.")
    order_activity.transfers_outside_eea = YesNoUnknown.YES
    order_activity.save()
    transfer_model.objects.create(
        activity=order_activity, recipient="Mail platform", destination_country="US",
        tool=transfer_model.Tool.SCC, scc_module=transfer_model.SccModule.C2P,
    )
    transfer_model.objects.create(
        activity=order_activity, recipient="Support desk", destination_country="US",
        tool=transfer_model.Tool.SCC, scc_module=transfer_model.SccModule.C2P,
    )
    items = build_access_answer(access_request).section("transfers").items
    # Two transfers to one country are told apart by their recipient, never written as two identical lines.
    assert len(items) == 2
    assert items[0].startswith("Order handling: Mail platform, United States")
    assert items[1].startswith("Order handling: Support desk, United States")
    assert "2021/914" in items[0]


# Issue 28.2: what an authority reads in an Art. 15 answer

def test_the_answer_names_the_recipients_not_only_their_categories_art_15_1_c(access_request):
    """Art. 15(1)(c) as the Court read it (CJEU C-154/21 Österreichische Post, 12 January 2023): the controller
    names the recipients themselves; categories only where naming them is impossible. The letter said
    "Transport and delivery companies" though Klarna receives the data."""
    answer = build_access_answer(access_request)
    assert "Klarna Bank AB" in answer.text
    assert answer.section("c").items == ["Order handling: Klarna Bank AB (processor)"]
    # The record also has a category of recipients: the handler confirms each of them is named, or says why not.
    assert any("C-154/21" in statement for statement in answer.confirmations)


def test_categories_without_a_name_wait_for_the_names_or_the_reason(make_request, order_activity):
    """C-154/21: categories alone only where names are impossible, and then the letter says why; with no name in
    the record the letter holds a placeholder for the names or the reason, and cannot be sent as it is."""
    request = make_request(rights=("15",), language="en")
    request.searched_activities.add(order_activity)
    request.found_activities.add(order_activity)
    answer = build_access_answer(request)
    what = "the names of the recipients (Transport and delivery companies), or why they cannot be named"
    assert answer.section("c").items == [f"Order handling: [to be completed: {what}]"]
    assert f"Order handling: {what}" in answer.gaps


def test_only_the_activities_where_data_was_found_are_confirmed_and_described(access_request, organisation):
    """EDPB Guidelines 01/2022 on the right of access: the answer is about the processing of the requester's data.
    A search of the newsletter list that found nothing is no processing of hers to confirm or describe."""
    newsletter = ProcessingActivity.objects.create(
        organisation=organisation, name="Newsletter", status=ProcessingActivity.Status.ACTIVE,
    )
    access_request.searched_activities.add(newsletter)
    answer = build_access_answer(access_request)
    assert [activity.name for activity in answer.activities] == ["Order handling"]
    assert "Newsletter" not in answer.text


def test_searched_and_nothing_found_says_so_once_the_handler_confirms_it(make_request, order_activity):
    """Art. 15(1): confirmation "as to whether or not" her data is processed. Searched and found nothing, the letter
    says we process none, claims no copy, and waits for the handler to confirm that nothing was found."""
    request = make_request(rights=("15",), language="en")
    request.searched_activities.add(order_activity)
    answer = build_access_answer(request)
    assert answer.activities == []
    assert "We have searched for personal data about you and found none" in answer.text
    assert "We confirm that we process" not in answer.text and "Order handling" not in answer.text
    assert "is attached to this e-mail" not in answer.text
    assert answer.confirmations == [
        "No personal data about the requester was found in any of the activities searched."
    ]


def test_profiling_without_an_article_22_decision_asks_for_no_logic(access_request, order_activity):
    """Art. 15(1)(h) is about the decisions of Art. 22(1) and (4): "meaningful information about the logic" is owed
    for those, not for profiling that decides nothing on its own."""
    order_activity.automated_decision_making = False
    order_activity.automated_decision_description = ""
    order_activity.profiling = True
    order_activity.save()
    answer = build_access_answer(access_request)
    assert answer.section("h").items == ["We make no decisions about you based solely on automated processing."]
    assert not any("logic" in gap for gap in answer.gaps)
